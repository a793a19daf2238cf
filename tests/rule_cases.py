"""The shape every rule test module shares: a table of cases, each a broken
curriculum with the findings it must give and a near miss that gives none."""

import pytest


def case(code, bad, expected, good=None, name=""):
    """bad: edits that break the rule; expected: (path, line, column) of each
    finding; good: edits of a near miss that passes (default: none)."""
    return pytest.param(code, bad, expected, good or {}, id=f"{code}-{name}")


def rule_case_tests(cases):
    """The two tests run over a module's CASES; assign them to module names
    starting with `test_` so pytest collects them there."""

    @pytest.mark.parametrize("code, bad, expected, good", cases)
    def reports_the_defect(make, where, code, bad, expected, good):
        assert where(make(**bad), code) == expected

    @pytest.mark.parametrize("code, bad, expected, good", cases)
    def accepts_the_near_miss(make, where, code, bad, expected, good):
        assert where(make(**good), code) == []

    return reports_the_defect, accepts_the_near_miss
