"""Template source stays readable: no line longer than 160 characters, and every Django tag on
one line (Django does not parse a {% … %}, {{ … }} or {# … #} that spans lines: it would be
printed as text).

Issue 9: long lines are rewrapped between HTML attributes or where the text already had a space,
never inside a tag and never where new whitespace would show.
"""

from tests.tools import PROJECT_ROOT

TEMPLATES = PROJECT_ROOT / "templates"
MAX_LINE = 160
DELIMITERS = (("{%", "%}"), ("{{", "}}"), ("{#", "#}"))


def _lines():
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(PROJECT_ROOT)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            yield f"{name}:{number}", line


def test_the_checks_see_the_templates():
    assert (TEMPLATES / "base.html").is_file()
    assert sum(1 for _ in TEMPLATES.rglob("*.html")) > 10


def test_no_template_line_is_longer_than_160_characters():
    long = [f"{where} ({len(line)} characters)" for where, line in _lines() if len(line) > MAX_LINE]
    assert not long, f"template lines longer than {MAX_LINE} characters:\n" + "\n".join(long)


def test_every_template_tag_opens_and_closes_on_one_line():
    split = [
        f"{where}: {opening} … {closing}"
        for where, line in _lines()
        for opening, closing in DELIMITERS
        if line.count(opening) != line.count(closing)
    ]
    assert not split, "a tag spans lines (Django prints it as text):\n" + "\n".join(split)
