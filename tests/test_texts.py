"""Weekly texts: SMS length (texts/sms.py), the weeks and dates of one
family's schedule (texts/weeks.py, texts/schedule.py) and `curriculum
texts` in each format (report/texts.py, cli.py)."""

import csv
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner

from curriculum.cli import main
from curriculum.report.texts import ics_escape, ics_fold
from curriculum.source.load import load
from curriculum.texts import sms, weeks
from curriculum.texts.schedule import schedule

# --- one SMS -----------------------------------------------------------------


def test_plain_text_is_gsm_one_slot_a_character():
    found = sms.measure("Hello! Call 111, or 999 in an emergency. £5 @ 10:00?")
    assert (found.encoding, found.slots, found.limit, found.fits) == ("GSM", 52, 160, True)


def test_gsm_basic_letters_with_accents_stay_gsm():
    assert sms.measure("Café à Noël? Ñandù, Ågren, Øre, Ça, ß, ¿¡, §, Δ, Ü").encoding == "UCS-2"  # ë is not GSM
    assert sms.measure("Café à Noél? Ñandù, Ågren, Øre, Ça, ß, ¿¡, §, Δ, Ü").encoding == "GSM"


@pytest.mark.parametrize("ch", list("€[]{}^~\\|\f"))
def test_extension_characters_take_two_slots(ch):
    assert sms.measure(ch).slots == 2
    assert sms.measure("A" * 158 + ch).fits
    assert not sms.measure("A" * 159 + ch).fits


def test_160_fits_161_does_not():
    assert sms.measure("A" * 160).fits and not sms.measure("A" * 161).fits


@pytest.mark.parametrize("ch, name", [("\u2019", "right single quotation mark"), ("\u2013", "en dash"),
                                      ("\U0001F60A", "smiling face with smiling eyes"), ("`", "grave accent")])
def test_one_character_outside_gsm_switches_to_ucs2(ch, name):
    found = sms.measure("Hi " + ch + " there")
    assert (found.encoding, found.limit, found.switch, found.switch_at) == ("UCS-2", 70, ch, 3)
    assert name in sms.describe(ch)


def test_ucs2_counts_utf16_code_units():
    assert sms.measure("\u2019" * 70).fits and not sms.measure("\u2019" * 71).fits
    assert sms.measure("\U0001F60A" * 35).slots == 70  # an emoji is two units
    assert not sms.measure("\U0001F60A" * 35 + "a").fits
    assert sms.measure("€\u2019").slots == 2  # in UCS-2 the euro sign is one unit


def test_replacement_hints():
    assert sms.replacement_hint("\u2019") == "type \"'\" instead"
    assert sms.replacement_hint("\u2026") == "type '...' instead"
    assert "emoji" in sms.replacement_hint("\U0001F476")


# --- weeks -------------------------------------------------------------------


def test_week_labels():
    assert weeks.week_label(-11) == "29 weeks of pregnancy"
    assert weeks.week_label(0).startswith("the week of the due date")
    assert weeks.week_label(1) == "1 week after the birth"
    assert weeks.place_label(weeks.Place(-78, weeks.DUE)) == "28 weeks and 6 days of pregnancy"
    assert weeks.place_label(weeks.Place(40, weeks.BIRTH)) == "5 weeks and 5 days after the birth"


def test_week_from_timing_is_only_a_suggestion():
    assert weeks.week_from_timing("26–30 weeks of pregnancy") == "week: {weeks_pregnant: 26}"
    assert weeks.week_from_timing("About 2 weeks after the birth") == "week: {weeks_after_birth: 2}"
    assert weeks.week_from_timing("Week 1") is None


# --- one family's dates --------------------------------------------------------

PROGRAMME = [('timing: "Week 1"}', 'timing: "Week 1", week: {weeks_pregnant: 30}}'),
             ('timing: "Week 2"}', 'timing: "Week 2", week: {weeks_after_birth: 6}}')]
TEXTS = """\
- {id: p29, when: {weeks_pregnant: 29}, text: "29 weeks."}
- {id: p39, when: {weeks_pregnant: 39}, text: "39 weeks."}
- {id: p40, when: {weeks_pregnant: 40}, text: "Due this week."}
- {id: r1, when: {before: week-1, days: 1}, text: "Group tomorrow."}
- {id: b1, when: {weeks_after_birth: 1}, text: "One week old."}
- {id: r2, when: {before: week-2, days: 2}, text: "Group in two days."}
- {id: a2, when: {after: week-2, days: 3}, text: 'Bring: tea, cake; a \\ pen.'}
"""


@pytest.fixture
def family(make):
    root = make(programme=PROGRAMME, **{"texts.yml": TEXTS})
    cur, found = load(root)
    assert found == []
    return root, cur


def dates(cur, due, birth=None):
    found = schedule(cur, due, birth)
    return {s.text.id: s.date for s in found.sends}, {s.text.id: s.date for s in found.skipped}


def test_due_date_on_a_weekend(family):
    due = dt.date(2026, 3, 14)  # a Saturday
    sent, skipped = dates(family[1], due)
    assert sent == {"p29": dt.date(2025, 12, 27), "p39": dt.date(2026, 3, 7), "r1": dt.date(2026, 1, 2),
                    "p40": due, "b1": dt.date(2026, 3, 21), "r2": dt.date(2026, 4, 23), "a2": dt.date(2026, 4, 28)}
    assert skipped == {}
    assert {sent[i].weekday() for i in ("p29", "p39", "p40", "b1")} == {5}  # weekly texts keep the due date's day
    assert list(sent) == ["p29", "r1", "p39", "p40", "b1", "r2", "a2"]  # by date


def test_early_birth_moves_postnatal_texts_and_drops_late_pregnancy_ones(family):
    sent, skipped = dates(family[1], dt.date(2026, 3, 14), dt.date(2026, 2, 21))
    assert skipped == {"p39": dt.date(2026, 3, 7), "p40": dt.date(2026, 3, 14)}
    assert sent["b1"] == dt.date(2026, 2, 28)
    assert sent["r2"] == dt.date(2026, 4, 2) and sent["a2"] == dt.date(2026, 4, 7)
    assert sent["r1"] == dt.date(2026, 1, 2)  # pregnancy texts before the birth stay


def test_late_birth_keeps_every_pregnancy_text(family):
    sent, skipped = dates(family[1], dt.date(2026, 3, 14), dt.date(2026, 3, 26))
    assert skipped == {}
    assert sent["p40"] == dt.date(2026, 3, 14)
    assert sent["b1"] == dt.date(2026, 4, 2) and sent["r2"] == dt.date(2026, 5, 5)


def test_leap_year(family):
    sent, _ = dates(family[1], dt.date(2028, 3, 7))
    assert sent["p39"] == dt.date(2028, 2, 29)
    sent, _ = dates(family[1], dt.date(2028, 3, 7), dt.date(2028, 2, 29))
    assert sent["b1"] == dt.date(2028, 3, 7) and sent["r2"] == dt.date(2028, 4, 9)
    sent, _ = dates(family[1], dt.date(2027, 3, 7))  # not a leap year: 7 days before is 28 February
    assert sent["p39"] == dt.date(2027, 2, 28)


def test_birth_before_the_last_antenatal_text(family):
    sent, skipped = dates(family[1], dt.date(2026, 3, 14), dt.date(2026, 1, 1))
    assert set(skipped) == {"r1", "p39", "p40"}
    assert sent["p29"] == dt.date(2025, 12, 27) and sent["b1"] == dt.date(2026, 1, 8)


def test_a_pregnancy_text_on_the_birth_day_is_not_sent(family):
    _, skipped = dates(family[1], dt.date(2026, 3, 14), dt.date(2026, 3, 7))
    assert set(skipped) == {"p39", "p40"}


# --- the command ----------------------------------------------------------------


def texts(root, *args):
    result = CliRunner().invoke(main, ["texts", str(root), *args], catch_exceptions=False)
    return result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr if result.stderr_bytes else ""


def test_text_format(family):
    code, out, _ = texts(family[0], "--due", "2026-03-14")
    assert code == 0
    assert "due Sat 14 Mar 2026 (no birth date yet" in out
    assert "Fri 2 Jan 2026  10:00  r1  (the day before Planning and shopping)\n    Group tomorrow.\n" in out
    assert "Not sent" not in out
    code, out, _ = texts(family[0], "--due", "2026-03-14", "--birth", "2026-02-21")
    assert "due Sat 14 Mar 2026, born Sat 21 Feb 2026" in out
    assert "Not sent (2):\n  p39 (Sat 7 Mar 2026): a pregnancy text dated on or after the birth\n" in out


def test_csv_for_a_bulk_sms_upload(family):
    code, out, _ = texts(family[0], "--due", "2026-03-14", "--birth", "2026-02-21", "--time", "09:30", "--format", "csv")
    assert code == 0 and out.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == ["date", "time", "text", "id"]
    assert rows[1] == ["2025-12-27", "09:30", "29 weeks.", "p29"]
    assert ["2026-04-07", "09:30", "Bring: tea, cake; a \\ pen.", "a2"] in rows
    assert len(rows) == 1 + 5  # p39 and p40 fall after the birth
    assert '"Bring: tea, cake; a \\ pen."' in out  # quoted: it holds commas


def test_json(family):
    code, out, _ = texts(family[0], "--due", "2026-03-14", "--birth", "2026-02-21", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["due"] == "2026-03-14" and data["birth"] == "2026-02-21"
    first = data["texts"][0]
    assert first == {"date": "2025-12-27", "time": "10:00", "id": "p29", "when": "29 weeks of pregnancy",
                     "text": "29 weeks.", "themes": [], "sms": {"encoding": "GSM", "characters": 9, "limit": 160}}
    assert [s["id"] for s in data["skipped"]] == ["p39", "p40"]


def unfold(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")


def test_ics_is_an_rfc_5545_calendar(family):
    code, out, _ = texts(family[0], "--due", "2026-03-14", "--format", "ics")
    assert code == 0
    raw = out.encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    lines = unfold(out)
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"] and lines[-2:] == ["END:VCALENDAR", ""]
    assert any(line.startswith("PRODID:") for line in lines)
    events = out.count("BEGIN:VEVENT")
    assert events == out.count("END:VEVENT") == 7
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == 7 and "UID:p29-due-20260314@cooking-on-a-budget.curriculum" in uids
    assert lines.count("DTSTAMP:20260314T000000Z") == 7
    assert "DTSTART:20251227T100000" in lines
    assert "DESCRIPTION:Bring: tea\\, cake\\; a \\\\ pen." in lines
    assert texts(family[0], "--due", "2026-03-14", "--format", "ics")[1] == out  # deterministic


def test_ics_escaping_and_folding():
    assert ics_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "é" * 60  # 12 + 120 octets
    folded = ics_fold(line)
    parts = folded.split("\r\n ")
    assert "".join(parts) == line
    assert all(len(part.encode("utf-8")) <= (75 if i == 0 else 74) for i, part in enumerate(parts))
    assert len(parts) == 2


@pytest.mark.parametrize("args, words", [
    (["--due", "2026-02-29"], "'2026-02-29' is not a date"),
    (["--due", "14/03/2026"], "write it as YYYY-MM-DD"),
    (["--due", "2026-03-14", "--birth", "soon"], "'soon' is not a date"),
    (["--due", "2026-03-14", "--birth", "2025-03-14"], "check the year"),
    (["--due", "2026-03-14", "--time", "10am"], "not a time"),
    ([], "Missing option '--due'"),
])
def test_bad_dates_are_usage_errors(family, args, words):
    result = CliRunner().invoke(main, ["texts", str(family[0]), *args])
    assert result.exit_code == 2
    assert words in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_no_texts_file_is_a_usage_error(make):
    result = CliRunner().invoke(main, ["texts", str(make()), "--due", "2026-03-14"])
    assert result.exit_code == 2 and "has no texts.yml" in result.output


def test_errors_in_texts_stop_the_schedule(make):
    root = make(**{"texts.yml": "- {id: a, when: {weeks_pregnant: 92}, text: hi}\n"})
    result = CliRunner().invoke(main, ["texts", str(root), "--due", "2026-03-14"])
    assert result.exit_code == 1 and "CUR231" in result.output


def test_bundled_schedule_covers_every_week(tmp_path):
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    cur, _ = load(repo)
    due = dt.date(2026, 6, 1)
    found = schedule(cur, due)
    first, last = found.sends[0].date, found.sends[-1].date
    assert first == due - dt.timedelta(weeks=14) and last == due + dt.timedelta(weeks=10)
    sent_weeks = {(s.date - first).days // 7 for s in found.sends}
    assert sent_weeks == set(range(25))  # at least one text every week, 26 weeks of pregnancy to 10 after
    assert all(sms.measure(s.text.text).encoding == "GSM" and sms.measure(s.text.text).fits for s in found.sends)


# --- SMS parts (texts/sms.py `parts`: translated texts may take several) -------


@pytest.mark.parametrize("length, expected", [(70, 1), (71, 2), (134, 2), (135, 3), (201, 3), (202, 4)])
def test_a_ucs2_text_takes_70_in_one_sms_and_67_a_part(length, expected):
    text = ("ą" * length)
    assert sms.parts(text) == sms.Parts("UCS-2", length, expected)


@pytest.mark.parametrize("length, expected", [(160, 1), (161, 2), (306, 2), (307, 3), (459, 3), (460, 4)])
def test_a_gsm_text_takes_160_in_one_sms_and_153_a_part(length, expected):
    assert sms.parts("a" * length) == sms.Parts("GSM", length, expected)


def test_arabic_is_ucs2_and_counted_in_utf16_units():
    found = sms.parts("اتصلي بالقابلة الآن. " * 4)
    assert (found.encoding, found.length, found.parts) == ("UCS-2", 84, 2)


def test_a_character_is_never_split_between_two_parts():
    # 66 units then an emoji (two units): the emoji does not fit the first part's last unit.
    assert sms.parts("ą" * 66 + "\U0001F600" + "ą" * 66).parts == 3
    assert sms.parts("ą" * 65 + "\U0001F600" + "ą" * 67).parts == 2
    # An extension character (two slots) at the end of a GSM part goes whole to the next one.
    assert sms.parts("a" * 152 + "€" + "a" * 152).parts == 3
    assert sms.parts("a" * 151 + "€" + "a" * 153).parts == 2


# --- in another language: `curriculum texts --lang` ----------------------------

AR_WORDS = {"p29": "٢٩ أسبوعًا. تحدثي مع طفلك.", "r1": "المجموعة غدًا.", "a2": "أحضري: شاي، كعك؛ قلم."}


@pytest.fixture
def arabic(family):
    """The family's curriculum with Arabic for three of its seven texts."""
    from curriculum.source.translations import source_hash

    root = family[0]
    made_from = source_hash((root / "texts.yml").read_bytes())
    entries = "".join(f'  - id: {text_id}\n    text: "{words}"\n' for text_id, words in AR_WORDS.items())
    (root / "translations/ar").mkdir(parents=True)
    (root / "translations/ar/texts.yml").write_text(f"translated_from: {made_from}\ntexts:\n{entries}", "utf-8")
    return root


def test_lang_sends_each_translated_text_and_says_which_stay_in_english(arabic):
    code, out, _ = texts(arabic, "--due", "2026-03-14", "--lang", "ar")
    assert code == 0
    assert "weekly texts in ar for a family" in out
    assert "Sat 27 Dec 2025  10:00  p29  (29 weeks of pregnancy)\n    ٢٩ أسبوعًا. تحدثي مع طفلك.\n" in out
    assert "    39 weeks.\n    (not translated into ar yet: sent in en-GB)\n" in out
    assert "4 of 7 texts are not translated into ar yet: they are sent in en-GB." in out


def test_lang_in_csv_json_and_ics(arabic):
    _, out, _ = texts(arabic, "--due", "2026-03-14", "--lang", "ar", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == ["date", "time", "text", "id", "language"]
    assert ["2025-12-27", "10:00", AR_WORDS["p29"], "p29", "ar"] in rows
    assert ["2026-03-07", "10:00", "39 weeks.", "p39", "en-GB"] in rows
    data = json.loads(texts(arabic, "--due", "2026-03-14", "--lang", "ar", "--format", "json")[1])
    assert data["language"] == "ar"
    by_id = {text["id"]: text for text in data["texts"]}
    assert by_id["a2"]["language"] == "ar" and by_id["a2"]["text"] == AR_WORDS["a2"]
    assert by_id["a2"]["sms"] == {"encoding": "UCS-2", "characters": 21, "limit": 70, "parts": 1}
    assert by_id["b1"]["language"] == "en-GB" and by_id["b1"]["text"] == "One week old."
    lines = unfold(texts(arabic, "--due", "2026-03-14", "--lang", "ar", "--format", "ics")[1])
    assert "DESCRIPTION;LANGUAGE=ar:أحضري: شاي، كعك؛ قلم." in lines
    assert "DESCRIPTION;LANGUAGE=en-GB:One week old." in lines


def test_lang_of_the_source_or_none_prints_the_texts_as_written(arabic):
    plain = texts(arabic, "--due", "2026-03-14", "--format", "csv")[1]
    assert plain.splitlines()[0] == "date,time,text,id"
    assert texts(arabic, "--due", "2026-03-14", "--format", "csv", "--lang", "en")[1] == plain


def test_an_unknown_language_is_a_clear_error(arabic):
    result = CliRunner().invoke(main, ["texts", str(arabic), "--due", "2026-03-14", "--lang", "pl"])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "no language 'pl' in translations/: the texts can be sent in en-GB, ar" in result.output
    assert "Traceback" not in result.output


def test_an_error_in_the_translation_stops_the_schedule_in_that_language(arabic):
    path = arabic / "translations/ar/texts.yml"
    path.write_text(path.read_text("utf-8").replace(AR_WORDS["r1"], ""), "utf-8")
    result = CliRunner().invoke(main, ["texts", str(arabic), "--due", "2026-03-14", "--lang", "ar"])
    assert result.exit_code == 1 and "CUR153" in result.stderr
    assert texts(arabic, "--due", "2026-03-14")[0] == 0  # English is not held up
