"""axe-core (shipped inside axe-playwright-python, nothing fetched) on every screen, for every
role, on desktop (1440 px) and phone (375 px): no serious or critical violation.

The screens are listed once in tests/browser/screens.py; a new page is scanned by adding it there.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.screens import (
    EVERYONE,
    VIEWPORTS,
    build_newsroom,
    open_screen,
    screens_for,
    sign_in_as,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}


@pytest.fixture
def newsroom(reviewer, reviewer2, editor, editor2, admin_user):
    return build_newsroom(reviewer, reviewer2, editor, editor2)


def _blocking(results) -> list[str]:
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("role", EVERYONE)
def test_no_screen_has_a_serious_or_critical_accessibility_violation(ui, newsroom, role,
                                                                     viewport):  # fmt: skip
    axe = Axe()
    page = ui.new_page(*VIEWPORTS[viewport])
    sign_in_as(ui, page, role)
    found = {}
    for screen in screens_for(role):
        open_screen(ui, page, screen, newsroom)
        problems = _blocking(axe.run(page))
        if problems:
            found[screen.name] = problems
    assert found == {}, "\n".join(f"{name}: {p}" for name, ps in found.items() for p in ps)


def test_the_scan_reports_what_it_should(chromium):
    """The harness is not vacuous: a page with an unlabelled field and grey-on-grey text fails."""
    page = chromium.new_page()
    page.set_content(
        '<html lang="en"><title>t</title><main><input type="text">'
        '<p style="color:#aaa;background:#bbb">faint</p></main></html>'
    )
    problems = " ".join(_blocking(Axe().run(page)))
    assert "label (critical)" in problems and "color-contrast (serious)" in problems
    page.close()
