"""texts.yml: the loader's findings and CUR230–234, CUR330, CUR530–533
(check/rules/texts.py), on the minimal fixture with weeks and texts added."""

from rule_cases import case, rule_case_tests

T = "texts.yml"
P = "programme.yml"


def text(ident, when, words, themes="[cooking]"):
    """One text of four lines: id, when (column 3; its first key at column
    10), text (column 3), themes (the first theme at column 12)."""
    return f'- id: {ident}\n  when: {when}\n  text: "{words}"\n  themes: {themes}\n'


def texts(*items):
    """texts.yml: the n-th text (from 0) starts on line 4n + 1."""
    return "".join(items)


def weeks(first="{weeks_pregnant: 30}", second="{weeks_pregnant: 33}"):
    """programme.yml with a `week:` on both contacts (lines 18 and 19; the
    `week` key at column 66)."""
    return [('timing: "Week 1"}', f'timing: "Week 1", week: {first}}}'),
            ('timing: "Week 2"}', f'timing: "Week 2", week: {second}}}')]


def every_week(*edits):
    return [*weeks(), ("review_months: 12", "review_months: 12\n  texts_every_week: true"), *edits]


HELLO = "Hello. See you at the group."
GSM_160 = "A" * 160
UCS2_70 = "We" + "\u2019" + "re" + " so" * 21 + ".."  # 70 characters, one curly apostrophe
HARD = ("Nutritional budgeting considerably facilitates organisational stabilisation. "
        "Comprehensive documentation encourages responsibility.")
LONG = "We " + "all " * 24 + "cook."  # 26 words
SHORT = "We " + "all " * 23 + "cook."  # 25 words

CASES = [
    # the loader
    case("CUR110", {T: "id: a\ntext: hello\n"}, [(T, 1, 1)], good={T: texts(text("a", "{weeks_pregnant: 30}", HELLO))},
         name="not-a-list"),
    case("CUR111", {T: texts(text("a", "{weeks_pregnant: 30}", HELLO), "- id: b\n  when: {weeks_pregnant: 31}\n  txt: hi\n")},
         [(T, 7, 3)], good={T: texts(text("a", "{weeks_pregnant: 30}", HELLO), "- id: b\n  when: {weeks_pregnant: 31}\n  text: hi\n")},
         name="unknown-key-in-text"),
    case("CUR109", {T: "- id: a\n  when: {weeks_pregnant: 30}\n"}, [(T, 1, 3)],
         good={T: "- id: a\n  when: {weeks_pregnant: 30}\n  text: hi\n"}, name="text-missing"),
    case("CUR110", {T: "- id: a\n  when: {weeks_pregnant: thirty}\n  text: hi\n"}, [(T, 2, 10)],
         good={T: "- id: a\n  when: {weeks_pregnant: 30}\n  text: hi\n"}, name="week-not-a-number"),
    case("CUR205", {T: texts(text("a", "{weeks_pregnant: 30}", HELLO), text("a", "{weeks_pregnant: 31}", HELLO))},
         [(T, 5, 3)], good={T: texts(text("a", "{weeks_pregnant: 30}", HELLO), text("b", "{weeks_pregnant: 31}", HELLO))},
         name="duplicate-text-id"),
    case("CUR112", {T: texts(text("Week 30", "{weeks_pregnant: 30}", HELLO))}, [(T, 1, 3)],
         good={T: texts(text("week-30", "{weeks_pregnant: 30}", HELLO))}, name="text-id-slug"),
    case("CUR104", {T: '- id: a\n  when: {weeks_pregnant: 30}\n  text: Note: hi\n'}, [(T, 3, 13)],
         good={T: '- id: a\n  when: {weeks_pregnant: 30}\n  text: "Note: hi"\n'}, name="yaml-syntax"),
    # when
    case("CUR230", {P: weeks(), T: texts(text("a", "{weeks_pregnant: 30, before: week-1, days: 1}", HELLO))},
         [(T, 2, 3)], good={P: weeks(), T: texts(text("a", "{before: week-1, days: 1}", HELLO))}, name="two-forms"),
    case("CUR230", {P: weeks(), T: texts(text("a", "{before: week-1}", HELLO), text("b", "{}", HELLO))},
         [(T, 2, 3), (T, 6, 3)], good={P: weeks(), T: texts(text("a", "{after: week-1, days: 0}", HELLO))},
         name="before-without-days-and-empty"),
    case("CUR230", {P: weeks(first="{weeks_pregnant: 30, weeks_after_birth: 1}")}, [(P, 18, 66)],
         good={P: weeks(first="{weeks_after_birth: 1}")}, name="contact-week-two-forms"),
    case("CUR231", {T: texts(text("a", "{weeks_pregnant: 92}", HELLO), text("b", "{weeks_after_birth: 105}", HELLO))},
         [(T, 2, 10), (T, 6, 10)],
         good={T: texts(text("a", "{weeks_pregnant: 42}", HELLO), text("b", "{weeks_after_birth: 104}", HELLO))},
         name="weeks-out-of-range"),
    case("CUR231", {P: weeks(), T: texts(text("a", "{before: week-1, days: 29}", HELLO))}, [(T, 2, 26)],
         good={P: weeks(), T: texts(text("a", "{before: week-1, days: 28}", HELLO))}, name="days-too-many"),
    case("CUR231", {P: weeks(second="{weeks_pregnant: 3}")}, [(P, 19, 73)],
         good={P: weeks(second="{weeks_pregnant: 4}")}, name="contact-week-out-of-range"),
    case("CUR232", {P: weeks(), T: texts(text("a", "{before: week-3, days: 1}", HELLO))}, [(T, 2, 10)],
         good={P: weeks(), T: texts(text("a", "{before: week-2, days: 1}", HELLO))}, name="unknown-contact"),
    case("CUR232", {P: weeks(), T: texts(text("a", "{after: wek-1, days: 1}", HELLO))}, [(T, 2, 10)],
         good={P: weeks(), T: texts(text("a", "{after: week-1, days: 1}", HELLO))}, name="unknown-contact-after"),
    case("CUR233", {T: texts(text("a", "{before: week-2, days: 1}", HELLO), text("b", "{after: week-2, days: 2}", HELLO))},
         [(P, 19, 5)], good={P: weeks(), T: texts(text("a", "{before: week-2, days: 1}", HELLO))},
         name="contact-without-week"),
    case("CUR234", {T: texts(text("a", "{weeks_pregnant: 30}", HELLO, "[shopping, cookng]"))}, [(T, 4, 22)],
         good={T: texts(text("a", "{weeks_pregnant: 30}", HELLO, "[shopping, cooking]"))}, name="unknown-theme"),
    # every week
    case("CUR330", {P: every_week(), T: texts(text("a", "{weeks_pregnant: 30}", HELLO), text("b", "{weeks_pregnant: 31}", HELLO))},
         [(T, 1, 1)],
         good={P: every_week(), T: texts(text("a", "{weeks_pregnant: 30}", HELLO), text("b", "{weeks_pregnant: 31}", HELLO),
                                         text("c", "{weeks_pregnant: 32}", HELLO), text("d", "{after: week-2, days: 2}", HELLO))},
         name="weeks-without-a-text"),
    case("CUR330", {P: every_week()}, [(P, 26, 3)], good={P: weeks()}, name="no-texts-file"),
    # one SMS
    case("CUR530", {T: texts(text("a", "{weeks_pregnant: 30}", GSM_160 + "!"))}, [(T, 3, 3)],
         good={T: texts(text("a", "{weeks_pregnant: 30}", GSM_160))}, name="gsm-161"),
    case("CUR530", {T: texts(text("a", "{weeks_pregnant: 30}", "A" * 157 + "[]"))}, [(T, 3, 3)],
         good={T: texts(text("a", "{weeks_pregnant: 30}", "A" * 156 + "[]"))}, name="extension-characters-take-two"),
    case("CUR530", {T: texts(text("a", "{weeks_pregnant: 30}", UCS2_70 + "!"))}, [(T, 3, 3)],
         good={T: texts(text("a", "{weeks_pregnant: 30}", UCS2_70))}, name="ucs2-71"),
    # plain English
    case("CUR531", {T: texts(text("a", "{weeks_pregnant: 30}", HARD))}, [(T, 3, 3)],
         good={T: texts(text("a", "{weeks_pregnant: 30}", "Plan three meals. Write a list. Buy what is on it."))},
         name="reading-grade"),
    case("CUR532", {T: texts(text("a", "{weeks_pregnant: 30}", LONG))}, [(T, 3, 3)],
         good={T: texts(text("a", "{weeks_pregnant: 30}", SHORT))}, name="sentence-too-long"),
    case("CUR533", {T: texts(text("a", "{weeks_pregnant: 30}", "Remember to purchase rice."))}, [(T, 3, 3)],
         good={T: texts(text("a", "{weeks_pregnant: 30}", "Remember to buy rice."))}, name="plain-word"),
]

test_rule_reports_the_defect, test_rule_accepts_the_near_miss = rule_case_tests(CASES)


def test_every_week_lists_the_weeks_without_a_text(make, findings):
    root = make(programme=every_week(), **{T: texts(text("a", "{weeks_pregnant: 30}", HELLO))})
    [found] = findings(root, "CUR330")
    assert found.message == "3 weeks without a text: 31–33 weeks of pregnancy"


def test_every_week_counts_a_reminder_in_the_week_it_is_sent(make, findings):
    # week-2 is at 33 weeks: a reminder the day before is sent at 32 weeks and 6 days
    root = make(programme=every_week(), **{T: texts(text("a", "{weeks_pregnant: 30}", HELLO), text("b", "{weeks_pregnant: 31}", HELLO),
                                                  text("c", "{before: week-2, days: 1}", HELLO))})
    [found] = findings(root, "CUR330")
    assert found.message == "1 week without a text: 33 weeks of pregnancy"


def test_sms_finding_names_the_character_that_forced_ucs2(make, findings):
    [found] = findings(make(**{T: texts(text("a", "{weeks_pregnant: 30}", UCS2_70 + "!"))}), "CUR530")
    assert "\u2019 (U+2019, right single quotation mark) at character 3" in found.message
    assert "UCS-2" in found.message and "71 characters" in found.message and "only 70" in found.message
    assert found.hint.startswith("type \"'\" instead")


def test_sms_finding_for_an_emoji_counts_two_units(make, findings):
    words = "See you soon \U0001F600" + "x" * 55  # 13 + 2 + 55 = 70 units: fits
    assert findings(make(**{T: texts(text("a", "{weeks_pregnant: 30}", words))}), "CUR530") == []
    [found] = findings(make(**{T: texts(text("a", "{weeks_pregnant: 30}", words + "x"))}), "CUR530")
    assert "71 characters" in found.message and "emoji" in found.hint


def test_sms_finding_counts_a_link_at_its_full_length(make, findings):
    link = "https://www.example.org/a-long-page-about-cooking-on-a-budget?from=sms"
    [found] = findings(make(**{T: texts(text("a", "{weeks_pregnant: 30}", "B" * 100 + " " + link))}), "CUR530")
    assert f"the link counts at its full length, {len(link)} characters" in found.message


def test_contact_without_week_suggests_one_from_its_timing(make, findings):
    edit = [('timing: "Week 2"}', 'timing: "About 31 weeks of pregnancy"}')]
    [found] = findings(make(programme=edit, **{T: texts(text("a", "{before: week-2, days: 1}", HELLO))}), "CUR233")
    assert found.hint == "add week: {weeks_pregnant: 31} (from its timing)"


def test_no_texts_file_no_findings(make):
    from curriculum.check.validate import validate

    report = validate(make())
    assert report.curriculum.texts is None
    assert not [f for f in report.findings if f.path == T]


def test_texts_are_typed_in_file_order(make):
    from curriculum.check.validate import validate

    root = make(programme=weeks(), **{T: texts(text("b", "{weeks_pregnant: 31}", HELLO), text("a", "{before: week-1, days: 2}", HELLO))})
    report = validate(root)
    assert [t.id for t in report.curriculum.texts.items] == ["b", "a"]
    assert report.curriculum.texts.items[1].when.before == "week-1"
    assert report.curriculum.texts.span(1, "text").line == 7
    assert report.errors == 0
