"""Hostile input: a corpus of XSS payloads, a world built from them through the services, and
an HTML audit that finds anything a browser would execute.

Payloads call `window.__xss.push(1)` rather than alert(), so a browser test can count them.
"""

import json
import re
from html.parser import HTMLParser

from factcheck.articles.services import article_create
from factcheck.claims.services import claim_create, comment_add
from factcheck.reviews.services import (
    claim_approve,
    claim_publish,
    claim_request_changes,
    claim_submit,
)
from tests.reviews.helpers import publish_correction

RUN = "window.__xss.push(1)"
XSS = [
    f"<script>{RUN}</script>",
    f'<img src=x onerror="{RUN}">',
    f'<svg onload="{RUN}"><circle r="1"/></svg>',
    f'"><svg/onload={RUN}>',
    f"'><img src=x onerror={RUN}>",
    f"</textarea><script>{RUN}</script>",
    f"</title></script><script>{RUN}</script>",
    f'<a href="javascript:{RUN}">click me</a>',
    '<iframe src="data:text/html,<script>parent.__xss.push(1)</script>"></iframe>',
    f"<math><mtext><table><mglyph><style><img src=x onerror={RUN}>",
    f'<details open ontoggle="{RUN}">x</details>',
    "{{ request }} {% csrf_token %} ${7*7}",
    "\u202eexe.txt\u202c and \u2066isolated\u2069 bidi",
    "<!-- <script> -->",
]
MARKDOWN = [
    f"[plain link](javascript:{RUN})",
    f"[mixed case](JaVaScRiPt:{RUN})",
    "[data url](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MucHVzaCgxKTwvc2NyaXB0Pg==)",
    f'![image](x" onerror="{RUN})',
    f"Raw <img src=x onerror={RUN}> in *Markdown*",
    f'<a href="javascript:{RUN}">raw html link</a>',
    f"[spaced](  javascript:{RUN})",
    f"<details open ontoggle={RUN}>raw details</details>",
]
FORMULAS = ['=HYPERLINK("https://evil.example","x")', "+1+1", "-2+3", "@SUM(1,1)", "\t=1+1"]
BAD_URLS = [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd",
    "ftp://example.org/x", "//evil.example/x", "https://",
]  # fmt: skip
HOSTILE_USERNAME = f"<img src=x onerror={RUN}>"
TITLE = f'Title <script>{RUN}</script> "quoted" & </title>'


def xss(i: int) -> str:
    return XSS[i % len(XSS)]


def make_hostile_user(user_model, *, username=HOSTILE_USERNAME):
    """A reviewer whose names are payloads (created by the ORM: the sign-up validator would
    refuse such a username, an import from a directory service might not)."""
    from django.contrib.auth.models import Group

    from factcheck.accounts.roles import REVIEWER

    user = user_model.objects.create(username=username, first_name=xss(1), last_name=xss(3),
                                     email="hostile@example.org")  # fmt: skip
    user.set_password("demo")
    user.save()
    user.groups.add(Group.objects.get(name=REVIEWER))
    return user


def build_hostile_world(*, author, editor, editor2, claims: int = len(XSS)):
    """An article whose every field is hostile, with claims in every reviewable status."""
    body = "\n\n".join(f"P{i}: {payload}" for i, payload in enumerate(XSS))
    article = article_create(
        actor=editor, title=TITLE, body=body, publisher=xss(2), author=xss(4),
        url="https://news.example.org/story?q=%22%3E%3Cscript%3E",
    )  # fmt: skip
    article.assignees.add(author)
    made = []
    for i in range(claims):
        quote = XSS[i]
        start = body.index(f"P{i}: ") + len(f"P{i}: ")
        claim = claim_create(
            actor=author, article=article, start=start, end=start + len(quote), quote=quote,
            claim_text=xss(i + 5), claimant=FORMULAS[i % len(FORMULAS)] + xss(i + 7),
            verdict="false", rationale=MARKDOWN[i % len(MARKDOWN)],
            evidence=[{"url": f"https://evidence.example.org/{i}?q=%3Cscript%3E",
                       "title": xss(i + 1), "publisher": xss(i + 2), "excerpt": xss(i + 3)}],
        )  # fmt: skip
        comment_add(actor=editor, claim=claim, body=MARKDOWN[(i + 1) % len(MARKDOWN)])
        made.append(claim)
    _advance(made, author=author, editor=editor, editor2=editor2)
    return article, made


def _advance(claims, *, author, editor, editor2):
    """Spread the claims over the statuses: submitted, changes requested, approved, published,
    corrected; the notes are payloads too."""
    for i, claim in enumerate(claims):
        stage = i % 5
        if stage == 0:
            continue  # draft
        claim = claim_submit(actor=author, claim=claim)
        if stage == 1:
            continue  # in the review queue
        if stage == 2:
            claim_request_changes(actor=editor, claim=claim, note=xss(i))
            continue
        claim = claim_approve(actor=editor, claim=claim, note=xss(i + 1))
        if stage >= 3:
            claim = claim_publish(actor=editor2, claim=claim, note=xss(i + 2))
        if stage == 4:  # proposed by editor2, published by editor (four eyes)
            publish_correction(claim, proposer=editor2, publisher=editor,
                               note=MARKDOWN[i % len(MARKDOWN)], verdict="misleading")  # fmt: skip


# --- the audit --------------------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset",
                  "background", "ping", "cite"}  # fmt: skip
OWN_SCRIPTS = ("/static/", "/admin/jsi18n/")
FORBIDDEN_TAGS = {"iframe", "object", "embed", "frame", "frameset", "base", "applet"}
_CONTROL = re.compile(r"[\x00-\x20]+")


def dangerous_url(value: str) -> bool:
    cleaned = _CONTROL.sub("", value).lower()
    if cleaned == "data:,":  # base.html's empty favicon: no content, nothing to run
        return False
    return cleaned.startswith(("javascript:", "data:", "vbscript:"))


class HtmlAudit(HTMLParser):
    """Collects every executable thing in a page: on* attributes, script/data URLs, foreign
    elements, and scripts other than our own files and JSON-LD data blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.json_blocks: list[str] = []
        self._in_json = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value and dangerous_url(value):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        if tag == "script":
            self._check_script(attributes)
        if tag == "input" and attributes.get("value"):
            self.text.append(attributes["value"])  # a form field shows its value as text

    handle_startendtag = handle_starttag

    def _check_script(self, attributes):
        if attributes.get("src"):
            if not attributes["src"].startswith(OWN_SCRIPTS):
                self.problems.append(f"<script src={attributes['src']!r}>")
        elif attributes.get("type") == "application/ld+json":
            self._in_json = True
            self.json_blocks.append("")
        else:
            self.problems.append(f"inline <script {attributes}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_blocks[-1] += data
        else:
            self.text.append(data)


def audit_html(html: str) -> HtmlAudit:
    audit = HtmlAudit()
    audit.feed(html)
    audit.close()
    for block in audit.json_blocks:
        try:
            json.loads(block)
        except ValueError:
            audit.problems.append(f"JSON-LD block is not JSON: {block[:200]!r}")
    return audit


def assert_inert(html: str, *, shows: tuple[str, ...] = ()) -> HtmlAudit:
    """Nothing in `html` would execute, and each of `shows` appears as plain text."""
    audit = audit_html(html)
    assert audit.problems == [], audit.problems
    text = "".join(audit.text)
    for expected in shows:
        assert expected in text, f"{expected!r} is not shown as text"
    return audit


def json_contains(value, expected: str) -> bool:
    """Whether any string inside the decoded JSON `value` contains `expected`."""
    if isinstance(value, str):
        return expected in value
    if isinstance(value, dict):
        return any(json_contains(v, expected) for v in value.values())
    if isinstance(value, list):
        return any(json_contains(v, expected) for v in value)
    return False
