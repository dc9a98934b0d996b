"""What an allowed request must have changed, so permission tables check more than a 2xx.

`snapshot()` before the request, `assert_effect(...)` after it: the URL and method say which
operation ran, and each operation's visible effect on the data is asserted.
"""

import re
from dataclasses import dataclass

from factcheck.articles.models import Article
from factcheck.claims.models import Claim, Comment, EvidenceLink, ReviewEvent
from factcheck.reviews.workflow import BY_SLUG, TRANSITIONS

SLUG_ACTIONS = {slug: transition.action for slug, transition in BY_SLUG.items()}
WORKFLOW = re.compile(r"/claims/(\d+)/(" + "|".join(SLUG_ACTIONS) + r")/$")
CLAIM = re.compile(r"/claims/(\d+)/(edit/)?$")
EVIDENCE = re.compile(r"/claims/(\d+)/evidence/(\d+)/$")


@dataclass
class Snapshot:
    claims: dict
    events: int
    comments: int
    evidence: dict
    articles: dict


def snapshot() -> Snapshot:
    return Snapshot(
        claims={c.pk: (c.status, c.version) for c in Claim.objects.all()},
        events=ReviewEvent.objects.count(),
        comments=Comment.objects.count(),
        evidence={e.pk: (e.title, e.is_removed) for e in EvidenceLink.objects.all()},
        articles={a.pk: (a.title, a.current_revision.number)
                  for a in Article.objects.select_related("current_revision")},
    )  # fmt: skip


def assert_unchanged(before: Snapshot) -> None:
    assert snapshot() == before, "a refused request changed data"


def assert_effect(method: str, url: str, before: Snapshot) -> None:
    """The allowed `method url` did what it is for."""
    path = url.split("?")[0]
    after = snapshot()
    if method == "get":
        assert after == before, "a read changed data"
        return
    if match := WORKFLOW.search(path):
        pk, action = int(match[1]), SLUG_ACTIONS[match[2]]
        claim = Claim.objects.get(pk=pk)
        assert claim.status == TRANSITIONS[action].target, (action, claim.status)
        assert claim.version > before.claims[pk][1]
        assert claim.events.order_by("-pk").first().action == action
    elif path.endswith("/comments/"):
        assert after.comments == before.comments + 1
    elif match := EVIDENCE.search(path):
        title, removed = after.evidence[int(match[2])]
        assert removed if method == "delete" else (title == "E" and not removed)
    elif path.endswith("/evidence/"):
        assert len(after.evidence) == len(before.evidence) + 1
    elif match := CLAIM.search(path):
        pk = int(match[1])
        assert after.claims[pk][1] == before.claims[pk][1] + 1, "the edit was not saved"
        assert after.events == before.events + 1
    elif path.endswith("/claims/"):
        assert len(after.claims) == len(before.claims) + 1
    elif path.endswith("/revisions/"):
        assert any(after.articles[pk][1] == number + 1
                   for pk, (_, number) in before.articles.items())  # fmt: skip
    elif path.endswith("/articles/"):
        assert len(after.articles) == len(before.articles) + 1
    elif re.search(r"/articles/(\d+)/$", path):
        pk = int(re.search(r"/articles/(\d+)/$", path)[1])
        assert after.articles[pk][0] == "T"
    else:
        raise AssertionError(f"no effect known for {method} {path}: add one to tests/effects.py")
