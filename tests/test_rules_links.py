"""CUR601–606: links and images (rules/links.py). Nothing here touches the network."""

from rule_cases import case, rule_case_tests

W1, H = "sessions/week-1.md", "handouts/shopping-list.md"
IMAGE = {"handouts/images/list.png": b"\x89PNG\r\n\x1a\n"}


def appended(text):
    """Text starting on line 19 of the handout (its last line is 17)."""
    return lambda body: body + "\n" + text


CASES = [
    case("CUR601", {"week_1": ("](../handouts/shopping-list.md)", "](../handouts/shopping.md)")}, [(W1, 39, 44)],
         name="no-such-file"),
    case("CUR601", {"handout": appended("See [week 1](../sessions/week-3.md)\n")}, [(H, 19, 5)], name="no-such-plan"),
    case("CUR602", {"handout": appended("[see below](#nowhere)\n")}, [(H, 19, 1)],
         good={"handout": appended("[see below](#before-you-go)\n")}, name="same-page"),
    case("CUR602", {"week_1": ("shopping-list.md)", "shopping-list.md#nowhere)")}, [(W1, 39, 44)],
         good={"week_1": ("shopping-list.md)", "shopping-list.md#before-you-go)")}, name="other-page"),
    case("CUR603", {"handout": appended("![A shopping list](images/list.png)\n")}, [(H, 19, 1)],
         good={"handout": appended("![A shopping list](images/list.png)\n"), **IMAGE}, name="missing"),
    case("CUR604", {"handout": appended("![](images/list.png)\n"), **IMAGE}, [(H, 19, 1)],
         good={"handout": appended("![A shopping list](images/list.png)\n"), **IMAGE}, name="no-alt"),
    case("CUR605", {"handout": appended("Ask the [NHS](https://www.nhs.uk/)\n")}, [(H, 19, 9)], name="external"),
    case("CUR601", {"handout": appended("!!! note \"More\"\n    Read [it](gone.md) and [this](gone-too.md).\n")},
         [(H, 20, 10), (H, 20, 28)], name="two-in-a-block"),
    case("CUR601", {"handout": appended("Read [it][gone], then `[x](y.md)` [more](x.md).\n\n[gone]: gone.md\n")},
         [(H, 19, 6), (H, 19, 35)], name="reference-style-after-code"),
    case("CUR606", {"handout": appended("![x](file:///etc/passwd)\n")}, [(H, 19, 1)], name="file-image"),
    case("CUR606", {"handout": appended("![x](http://127.0.0.1:9/x.png)\n")}, [(H, 19, 1)], name="web-image"),
    case("CUR606", {"handout": appended("[x](../../etc/passwd)\n")}, [(H, 19, 1)], name="dotdot-link"),
    case("CUR606", {"handout": appended("[x](/etc/passwd)\n")}, [(H, 19, 1)], name="absolute-link"),
    case("CUR606", {"handout": appended("[x](FiLe:///%65tc/hostname)\n")}, [(H, 19, 1)], name="file-link"),
    case("CUR606", {"handout": appended("![x](../../../../etc/hostname)\n")}, [(H, 19, 1)], name="dotdot-image"),
]


test_rule_reports_the_defect, test_rule_accepts_the_near_miss = rule_case_tests(CASES)


def test_same_page_anchor_is_reported_once(make, findings):
    root = make(handout=appended("[see below](#nowhere)\n"))
    assert [f.code for f in findings(root, "CUR602")] == ["CUR602"]
    assert findings(root, "CUR601") == []


def test_external_link_is_information_only(make, findings):
    [found] = findings(make(handout=appended("[NHS](https://www.nhs.uk/)\n")), "CUR605")
    assert found.severity.value == "info"
    assert found.message == "external link https://www.nhs.uk/ (not checked)"


def test_links_to_headings_use_python_markdown_slugs(make, where):
    root = make(handout=appended("## Café & crèche!\n\n[back](#cafe-creche)\n"))
    assert where(root, "CUR602") == []


def test_validation_opens_no_socket(make, where, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("validation tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    root = make(handout=appended("![x](http://127.0.0.1:9/x.png) [NHS](https://www.nhs.uk/)\n"))
    assert where(root, "CUR606") == [(H, 19, 1)]
