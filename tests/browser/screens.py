"""Every screen of the site, as data: the accessibility scan (test_accessibility.py) and the
screenshot walk (test_screens.py) go through this one list.

To add a page, append a Screen: its path (with {article}, {claim}, {submitted} filled from the
newsroom below), the roles that may open it, and optionally `prepare`, a function that brings
the page into a state (a panel open, a form shown) once it has loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from factcheck.articles.services import article_assign
from factcheck.claims.services import comment_add
from factcheck.reviews.revisions import article_revise
from factcheck.reviews.services import (
    claim_approve,
    claim_correct,
    claim_publish,
    claim_request_changes,
    claim_submit,
)
from tests.browser.helpers import drag_select
from tests.factories import ArticleFactory, make_claim

ANONYMOUS, REVIEWER, EDITOR, ADMIN = "anonymous", "reviewer", "editor", "admin"
SIGNED_IN = (REVIEWER, EDITOR, ADMIN)
EVERYONE = (ANONYMOUS, *SIGNED_IN)
STAFF = (EDITOR, ADMIN)
VIEWPORTS = {"desktop": (1440, 900), "phone": (375, 812)}

BODY = (
    "Nvidia lost nearly $600 billion in market value in one day, the largest single-day loss "
    "for any company in US stock market history.\n\n"
    "DeepSeek said its model cost $5.6 million to train, a fraction of what American labs spend. "
    "Analysts 👍🏽 questioned whether that figure included research and hardware.\n\n"
    "The Nasdaq fell 3% on Monday, while the S&P 500 dropped 1.5%.\n\n"
    "Officials in Kyiv 🇺🇦 said the market turmoil would not affect the reconstruction fund."
)
NEW_CLAIM = "a fraction of what American labs spend"


def build_newsroom(reviewer, reviewer2, editor, editor2) -> dict:
    """An article with two revisions and claims in every state people meet."""
    article = ArticleFactory(actor=editor, title="Markets rattled by DeepSeek model", body=BODY,
                             author="Jane Reporter")  # fmt: skip
    article_assign(actor=editor, article=article, assignees=[reviewer, reviewer2])
    published = make_claim(article, reviewer, "Nvidia lost nearly $600 billion in market value",
                           claimant="Los Angeles Times", verdict="true", evidence=2)  # fmt: skip
    submitted = make_claim(article, reviewer, "its model cost $5.6 million to train",
                           claimant="DeepSeek", verdict="misleading")  # fmt: skip
    sent_back = make_claim(article, reviewer2, "The Nasdaq fell 3% on Monday", verdict="false",
                           claimant="Market report")  # fmt: skip
    make_claim(article, reviewer2, "$600 billion", verdict="mostly-true", claimant="Reuters")
    for claim in (published, submitted, sent_back):
        claim_submit(actor=claim.author, claim=claim)
    claim_approve(actor=editor2, claim=published)
    published = claim_publish(actor=editor2, claim=published)
    claim_correct(actor=editor, claim=published, verdict="mostly-true",
                  note="The figure was rounded.")  # fmt: skip
    claim_request_changes(actor=editor2, claim=sent_back, note="Check the closing figure.")
    comment_add(actor=editor, claim=submitted, body="Does the *$5.6 million* include hardware?")
    comment_add(actor=editor, claim=submitted, body="@reviewer can you name the source?")
    article_revise(actor=editor, article=article, note="Publisher fixed a typo.",
                   body=BODY.replace("dropped 1.5%", "fell 1.5%"))  # fmt: skip
    article.refresh_from_db()
    start = article.current_revision.body.index(NEW_CLAIM)
    return {"article": article.pk, "claim": published.pk, "submitted": submitted.pk,
            "new_claim_start": start}  # fmt: skip


def open_claim_panel(page, ids: dict) -> None:
    page.locator(f'[data-open-claim="{ids["submitted"]}"]').first.click()
    page.locator(f'[data-panel-claim="{ids["submitted"]}"]').wait_for()


def open_new_claim_form(page, ids: dict) -> None:
    start = ids["new_claim_start"]  # code points, as the body's data-start offsets
    drag_select(page, start, start + len(NEW_CLAIM))
    page.locator('[data-action="check-claim"]').click()
    page.locator("[data-claim-form]").wait_for()


def open_new_claim_form_with_evidence(page, ids: dict) -> None:
    open_new_claim_form(page, ids)
    page.locator('[data-claim-form] [data-action="add-evidence"]').click()
    page.locator('[data-claim-form] input[name="evidence-0-url"]').wait_for()


def open_request_changes_note(page, ids: dict) -> None:
    page.locator(f'[data-queue-item="{ids["submitted"]}"] [data-action="request-changes"]').click()
    page.locator(f'[data-queue-item="{ids["submitted"]}"] textarea[name="note"]').wait_for()


def preview_revision(page, ids: dict) -> None:
    """The revise page after "Preview": which claims the new text would move, change, orphan."""
    body = page.locator('textarea[name="body"]')
    body.fill(body.input_value().replace("The Nasdaq fell 3% on Monday", "Markets slid"))
    page.locator('[data-action="preview-revision"]').click()
    page.locator("[data-revise-preview]").wait_for()


def open_help(page, ids: dict) -> None:
    page.keyboard.press("?")
    page.locator("[data-help-dialog][open]").wait_for()


@dataclass(frozen=True)
class Screen:
    name: str
    path: str
    roles: tuple[str, ...] = SIGNED_IN
    prepare: Callable[..., None] | None = None
    console_error: str = ""  # an expected console error (the 404 of a not-found page)

    def url(self, ids: dict) -> str:
        return self.path.format(**ids)


SCREENS = [
    Screen("sign-in", "/accounts/login/", roles=(ANONYMOUS,)),
    Screen("not-found", "/no-such-page/", roles=EVERYONE, console_error="status of 404"),
    Screen("articles", "/articles/"),
    Screen("needs-me", "/needs-me/"),
    Screen("import", "/articles/new/"),
    Screen("reading", "/articles/{article}/"),
    Screen("claim-panel", "/articles/{article}/", prepare=open_claim_panel),
    Screen("claim-form", "/articles/{article}/", prepare=open_new_claim_form),
    Screen(
        "claim-form-evidence", "/articles/{article}/", prepare=open_new_claim_form_with_evidence
    ),
    Screen("help", "/articles/", prepare=open_help),
    Screen("queue", "/review/", roles=STAFF),
    Screen("queue-note", "/review/", roles=STAFF, prepare=open_request_changes_note),
    Screen("search", "/claims/search/?q=Nvidia"),
    Screen("report", "/articles/{article}/report/", roles=EVERYONE),
    Screen("dashboard", "/dashboard/", roles=STAFF),
    Screen("revise", "/articles/{article}/revise/"),
    Screen("revise-preview", "/articles/{article}/revise/", prepare=preview_revision),
    Screen("revisions", "/articles/{article}/revisions/"),
    Screen("revision", "/articles/{article}/revisions/1/"),
    Screen("diff", "/articles/{article}/diff/?from=1&to=2"),
    Screen("password", "/accounts/password_change/"),
    # Django's admin: its markup is Django's, but editors work in it, so it is scanned too.
    Screen("admin-claims", "/admin/claims/claim/", roles=STAFF),
    Screen("admin-events", "/admin/claims/reviewevent/", roles=STAFF),
]


def screens_for(role: str) -> list[Screen]:
    return [screen for screen in SCREENS if role in screen.roles]


def open_screen(ui, page, screen: Screen, ids: dict) -> None:
    """Load a screen and bring it into its state."""
    page.goto(screen.url(ids))
    page.wait_for_load_state("load")
    if screen.console_error:
        ui.forgive(screen.console_error)
    if screen.prepare:
        screen.prepare(page, ids)


def sign_in_as(ui, page, role: str) -> None:
    if role != ANONYMOUS:
        ui.sign_in(page, role)
