"""CUR220–224: the evaluation in programme.yml (rules/evaluation.py), and
CUR408: the dose of the attendance register (rules/fidelity.py)."""

from rule_cases import case, rule_case_tests

P = "programme.yml"

EVALUATION = """evaluation:
  measures:
    - {id: confidence, title: "Cooking confidence scale", completed_by: each parent}
    - id: wellbeing
      title: "Wellbeing scale"
      completed_by: each parent
      restricted: true
      source: "Ask the course lead for the licensed copy"
  timepoints:
    - {id: start, contact: week-1, measures: [confidence, wellbeing]}
    - {id: end, title: "End of the course", contact: week-2, measures: [confidence, wellbeing]}
"""


def with_evaluation(*edits):
    """programme.yml with the evaluation above appended (from line 26), then edits."""

    def edit(text: str) -> str:
        text += EVALUATION
        for old, new in edits:
            assert old in text, old
            text = text.replace(old, new, 1)
        return text

    return {"programme": edit}


START = "{id: start, contact: week-1, measures: [confidence, wellbeing]}"

CASES = [
    case("CUR220", with_evaluation((START, "{id: start, contact: week-1, measures: [confidence, welbeing]}")),
         [(P, 35, 59)], good=with_evaluation(), name="misspelt-measure"),
    case("CUR221", with_evaluation((START, START.replace("week-1", "week-3"))), [(P, 35, 19)],
         good=with_evaluation((START, START.replace("week-1", "week-2"))), name="no-such-contact"),
    case("CUR222", with_evaluation((START, "{id: start, contact: week-1, measures: [confidence]}"),
                                   ("week-2, measures: [confidence, wellbeing]", "week-2, measures: [confidence]")),
         [(P, 29, 7)], good=with_evaluation((START, "{id: start, contact: week-1, measures: [confidence]}")),
         name="never-given"),
    case("CUR223", with_evaluation(("id: wellbeing", "id: confidence"),
                                   ("week-2, measures: [confidence, wellbeing]", "week-2, measures: [confidence]"),
                                   (START, "{id: start, contact: week-1, measures: [confidence]}")),
         [(P, 29, 7)], good=with_evaluation(), name="measure-twice"),
    case("CUR223", with_evaluation(("{id: end,", "{id: start,")), [(P, 36, 8)], name="timepoint-twice"),
    case("CUR223", with_evaluation((START, "{id: start, contact: week-1, measures: [confidence, wellbeing, confidence]}")),
         [(P, 35, 70)], name="listed-twice"),
    case("CUR224", with_evaluation(('      source: "Ask the course lead for the licensed copy"\n', "")),
         [(P, 32, 7)], good=with_evaluation(('      source: "Ask the course lead for the licensed copy"\n', ""),
                                            ("restricted: true", "restricted: false")),
         name="no-source"),
    case("CUR408", {"programme": ("review_months: 12", "review_months: 12\n  dose_min_contacts: 3")},
         [(P, 26, 3)], good={"programme": ("review_months: 12", "review_months: 12\n  dose_min_contacts: 2")},
         name="more-than-contacts"),
    case("CUR408", {"programme": ("review_months: 12", "review_months: 12\n  dose_min_contacts: 0")},
         [(P, 26, 3)], good={"programme": ("review_months: 12", "review_months: 12\n  dose_min_contacts: 1")},
         name="zero"),
]


test_rule_reports_the_defect, test_rule_accepts_the_near_miss = rule_case_tests(CASES)


def test_messages_name_the_timepoint_and_suggest(make, findings):
    [found] = findings(make(**with_evaluation((START, START.replace("wellbeing]", "welbeing]")))), "CUR220")
    assert found.message == "timepoint 'start' lists unknown measure 'welbeing'"
    assert found.hint == "did you mean 'wellbeing'?"
    [found] = findings(make(**with_evaluation((START, START.replace("week-1", "week-3")))), "CUR221")
    assert found.message == "timepoint 'start' is at unknown contact 'week-3'" and found.hint == "did you mean 'week-2'?"


def test_dose_message_says_how_many_contacts(make, findings):
    [found] = findings(make(programme=("review_months: 12", "review_months: 12\n  dose_min_contacts: 5")), "CUR408")
    assert found.message == "dose_min_contacts is 5 but the programme has 2 contacts"
    assert found.hint == "set a number from 1 to 2"


def test_the_evaluation_is_typed_with_findings_at_file_and_line(make, where, minimal):
    from curriculum.source.load import load

    cur, _ = load(make(**with_evaluation()))
    evaluation = cur.programme.evaluation
    assert [m.id for m in evaluation.measures] == ["confidence", "wellbeing"]
    assert evaluation.measures[1].restricted and not evaluation.measures[0].restricted
    assert evaluation.timepoints[1].title == "End of the course" and evaluation.timepoints[0].title == ""
    assert evaluation.timepoints[0].measures == ("confidence", "wellbeing")
    assert load(minimal)[0].programme.evaluation is None
    assert where(make(**with_evaluation(("restricted: true", 'restricted: "yes"'))), "CUR110") == [(P, 32, 7)]
    assert where(make(**with_evaluation(("      completed_by: each parent\n      restricted", "      restricted"))),
                 "CUR109") == [(P, 29, 7)]
    assert where(make(**with_evaluation(("source:", "sauce:"))), "CUR111") == [(P, 33, 7)]
    assert where(make(programme=("review_months: 12", "review_months: 12\n  dose_min_contacts: seven")),
                 "CUR110") == [(P, 26, 3)]


def test_a_programme_without_evaluation_or_dose_reports_nothing(minimal):
    from curriculum.check.validate import validate

    codes = {f.code for f in validate(minimal).findings}
    assert not codes & {"CUR220", "CUR221", "CUR222", "CUR223", "CUR224", "CUR408"}
