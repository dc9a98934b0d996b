"""Load the demo: users in each role, the seed article, and claims walked through the workflow.

Everything is written through the services (articles, claims, reviews), so the audit trail,
the four-eyes rule and the article status are the real ones. The whole load is one
transaction: it either completes or leaves nothing behind. A second run finds the article by
its body hash and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from factcheck.accounts.roles import EDITOR, REVIEWER
from factcheck.articles.models import Article
from factcheck.articles.services import article_assign, article_create, body_hash, prepare_body
from factcheck.claims.models import Claim
from factcheck.claims.services import claim_create, comment_add, evidence_add
from factcheck.reviews.demo import claims as data
from factcheck.reviews.notifications import mail_paused
from factcheck.reviews.services import (
    claim_approve,
    claim_correct,
    claim_publish,
    claim_request_changes,
    claim_submit,
)

ARTICLE_PATH = Path(__file__).with_name("article.txt")
DEMO_PASSWORD = "demo"  # noqa: S105 - documented demo logins (docs/api.md "Demo data")
# username, role group (None: no group), user flags
DEMO_USERS: tuple[tuple[str, str | None, dict[str, bool]], ...] = (
    ("reviewer", REVIEWER, {}),
    ("reviewer2", REVIEWER, {}),
    ("editor", EDITOR, {"is_staff": True}),
    ("editor2", EDITOR, {"is_staff": True}),
    ("admin", None, {"is_staff": True, "is_superuser": True}),
)
ARTICLE_CREATOR = "editor"
ASSIGNEES = ("reviewer", "reviewer2")

PHRASE_MISSING = "Demo claim {index}: the phrase {phrase!r} does not occur in the article text."
PHRASE_AMBIGUOUS = (
    "Demo claim {index}: the phrase {phrase!r} occurs {count} times in the article text; "
    "set occurrence= (0 to {last}) to say which one is meant."
)
PHRASE_NO_SUCH_OCCURRENCE = (
    "Demo claim {index}: occurrence={occurrence} asked for, but the phrase {phrase!r} occurs "
    "only {count} time(s) in the article text."
)
UNKNOWN_STATUS = "Demo claim {index}: unknown target status {status!r}."

Log = Callable[[str], Any]


class DemoDataError(ValueError):
    """The demo data does not fit the article text (raised before anything is written)."""


@dataclass
class LoadReport:
    users_created: list[str] = field(default_factory=list)
    users_updated: list[str] = field(default_factory=list)
    article: Article | None = None
    article_created: bool = False
    claims: list[Claim] = field(default_factory=list)


# --- validation -----------------------------------------------------------------------------


def read_article_text() -> str:
    return prepare_body(ARTICLE_PATH.read_text(encoding="utf-8"))


def _occurrences(body: str, phrase: str) -> list[int]:
    found, at = [], body.find(phrase)
    while at != -1:
        found.append(at)
        at = body.find(phrase, at + 1)
    return found


def locate_phrase(body: str, phrase: str, occurrence: int | None = None, *, index: int = 0):
    """The (start, end) code-point span of `phrase` in `body`, or DemoDataError saying why not."""
    found = _occurrences(body, phrase) if phrase else []
    context = {"index": index, "phrase": phrase[:80], "count": len(found)}
    if not found:
        raise DemoDataError(PHRASE_MISSING.format(**context))
    if occurrence is None:
        if len(found) > 1:
            raise DemoDataError(PHRASE_AMBIGUOUS.format(last=len(found) - 1, **context))
        occurrence = 0
    if not 0 <= occurrence < len(found):
        raise DemoDataError(PHRASE_NO_SUCH_OCCURRENCE.format(occurrence=occurrence, **context))
    start = found[occurrence]
    return start, start + len(phrase)


def locate_all(body: str, specs: Sequence[data.DemoClaim]) -> list[tuple[int, int]]:
    spans = []
    for index, spec in enumerate(specs, start=1):
        if spec.status not in STEPS:
            raise DemoDataError(UNKNOWN_STATUS.format(index=index, status=spec.status))
        spans.append(locate_phrase(body, spec.phrase, spec.occurrence, index=index))
    return spans


# --- users ----------------------------------------------------------------------------------


def ensure_user(username: str, role: str | None, flags: dict[str, bool], *, reset: bool):
    """Create the demo user, or bring an existing one's role and flags in line.

    Returns (user, "created" | "updated" | ""). An existing password is kept unless `reset`.
    """
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org", **flags}
    )
    changed = [name for name, value in flags.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, flags[name])
    if created or reset:
        user.set_password(DEMO_PASSWORD)
        changed.append("password")
    if changed:
        user.save()
    if role and not user.groups.filter(name=role).exists():
        user.groups.add(Group.objects.get(name=role))
        changed.append("role")
    return user, "created" if created else ("updated" if changed else "")


def ensure_users(*, reset_passwords: bool, report: LoadReport, log: Log) -> dict[str, Any]:
    for username, role, flags in DEMO_USERS:
        _, outcome = ensure_user(username, role, flags, reset=reset_passwords)
        if outcome:
            getattr(report, f"users_{outcome}").append(username)
            log(f"  user {username}: {outcome}")
    # Fresh instances: role checks cache group names on the user object.
    names = [name for name, _, _ in DEMO_USERS]
    return {user.username: user for user in get_user_model().objects.filter(username__in=names)}


# --- claims ---------------------------------------------------------------------------------


def _submit(claim, spec, users):
    return claim_submit(actor=users[spec.author], claim=claim)


def _approve(claim, spec, users):
    return claim_approve(actor=users[spec.approver], claim=claim)


def _request_changes(claim, spec, users):
    return claim_request_changes(actor=users[spec.approver], claim=claim, note=spec.review_note)


def _publish(claim, spec, users):
    return claim_publish(actor=users[spec.publisher], claim=claim)


def _correct(claim, spec, users):
    fix = spec.correction
    return claim_correct(
        actor=users[spec.publisher],
        claim=claim,
        note=fix.note,
        verdict=fix.verdict,
        rationale=fix.rationale,
    )


def _publish_correction(claim, spec, users):
    # The editor who proposed the correction (the publisher) is now a contributor: the approver
    # of the correction publishes it (four eyes).
    return claim_publish(actor=users[spec.approver], claim=claim)


STEPS = {
    data.DRAFT: (),
    data.SUBMITTED: (_submit,),
    data.CHANGES_REQUESTED: (_submit, _request_changes),
    data.APPROVED: (_submit, _approve),
    data.PUBLISHED: (_submit, _approve, _publish),
    data.CORRECTED: (_submit, _approve, _publish, _correct, _approve, _publish_correction),
}


def build_claim(*, article: Article, spec: data.DemoClaim, span: tuple[int, int], users) -> Claim:
    author = users[spec.author]
    claim = claim_create(
        actor=author,
        article=article,
        start=span[0],
        end=span[1],
        quote=spec.phrase,
        claim_text=spec.claim_text,
        claimant=spec.claimant,
        verdict=spec.verdict,
        rationale=spec.rationale,
        tags=spec.tags,
    )
    for link in spec.evidence:
        evidence_add(actor=author, claim=claim, **asdict(link))
    for step in STEPS[spec.status]:
        claim = step(claim, spec, users)
    for username, text in spec.comments:
        comment_add(actor=users[username], claim=claim, body=text)
    return claim


# --- the whole load -------------------------------------------------------------------------


def find_demo_article(body: str) -> Article | None:
    return Article.objects.filter(body_hash=body_hash(body)).first()


def load_demo(*, reset_passwords: bool = False, log: Log = print) -> LoadReport:
    """Load the demo users, article and claims (once). Its notifications are in the app; no
    e-mail is sent for them (run on its own, the transaction commits inside the pause)."""
    with mail_paused():
        return _load_demo(reset_passwords=reset_passwords, log=log)


@transaction.atomic
def _load_demo(*, reset_passwords: bool, log: Log) -> LoadReport:
    report = LoadReport()
    body = read_article_text()
    spans = locate_all(body, data.CLAIMS)  # before any write: bad data changes nothing
    log("Users")
    users = ensure_users(reset_passwords=reset_passwords, report=report, log=log)
    report.article = find_demo_article(body)
    if report.article is not None:
        log(f"Article #{report.article.pk} is already loaded: nothing more to do.")
        return report
    log("Article")
    article = article_create(actor=users[ARTICLE_CREATOR], body=body, **data.ARTICLE)
    article_assign(
        actor=users[ARTICLE_CREATOR], article=article, assignees=[users[name] for name in ASSIGNEES]
    )
    report.article, report.article_created = article, True
    log(f"  #{article.pk} {article.title}")
    log(f"Claims ({len(data.CLAIMS)})")
    for number, (spec, span) in enumerate(zip(data.CLAIMS, spans, strict=True), start=1):
        claim = build_claim(article=article, spec=spec, span=span, users=users)
        report.claims.append(claim)
        log(f"  [{number:>2}/{len(data.CLAIMS)}] {spec.status:<17} {spec.claim_text[:60]}")
    return report
