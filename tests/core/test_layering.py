"""Apps depend one way: core ← accounts ← articles ← claims ← reviews ← reports ← live ← web.

The web layer (factcheck/web/) owns every HTML page, fragment, form and page URL; the apps
below it hold the domain and the API. An app's admin.py may render admin pages.
"""

import ast
from pathlib import Path

ORDER = ["core", "accounts", "articles", "claims", "reviews", "reports", "live", "web"]
PACKAGE = Path(__file__).resolve().parents[2] / "factcheck"

# What only an HTML view needs: rendering templates, redirects, the login redirect.
HTML_ONLY = {
    "django.shortcuts": {"render", "redirect"},
    "django.template.loader": {"render_to_string", "get_template"},
    "django.template.response": {"TemplateResponse", "SimpleTemplateResponse"},
    "django.contrib.auth.decorators": {"login_required"},
    "django.views.generic": None,  # any name
    "django.forms": None,
    "django": {"forms"},
}
# Modules whose name says "HTML for the browser": they belong in web/.
HTML_MODULES = {"views.py", "urls.py", "forms.py", "fragments.py", "templatetags"}


def app_modules():
    """(package, path) of every module inside a package of factcheck/ (new apps included)."""
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) > 1 and "migrations" not in parts:
            yield parts[0], path


def upward_imports():
    for app, path in app_modules():
        if app not in ORDER:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("factcheck."):
                target = node.module.split(".")[1]
                if target in ORDER and ORDER.index(target) > ORDER.index(app):
                    yield f"{path.relative_to(PACKAGE)}:{node.lineno} imports {node.module}"


def node_imports_forms(node: ast.AST) -> bool:
    return isinstance(node, ast.ImportFrom) and (
        node.module == "django.forms"
        or (node.module == "django" and {a.name for a in node.names} == {"forms"})
    )


def html_outside_web():
    for app, path in app_modules():
        relative = path.relative_to(PACKAGE)
        if app == "web" or path.name == "admin.py" or "management" in relative.parts:
            continue
        if HTML_MODULES & set(relative.parts):
            yield f"{relative}: an HTML module outside factcheck/web/"
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if path.name == "filters.py" and node_imports_forms(node):
                continue  # a django-filter FilterSet parses query strings with form fields
            if isinstance(node, ast.ImportFrom) and node.module in HTML_ONLY:
                names = HTML_ONLY[node.module]
                used = {alias.name for alias in node.names}
                if names is None or used & names:
                    yield f"{relative}:{node.lineno} imports {node.module} ({', '.join(used)})"


def test_no_app_imports_an_app_above_it():
    assert list(upward_imports()) == []


def test_html_views_forms_and_page_urls_live_only_in_the_web_layer():
    assert list(html_outside_web()) == []


def test_the_html_rule_catches_a_view_outside_web(tmp_path, monkeypatch):
    """The check itself works: a render() in an app module is reported."""
    app = tmp_path / "claims"
    app.mkdir()
    (app / "pages.py").write_text("from django.shortcuts import render\n")
    (app / "views.py").write_text("")
    monkeypatch.setattr(f"{__name__}.PACKAGE", tmp_path)
    found = list(html_outside_web())
    assert any("pages.py:1 imports django.shortcuts" in line for line in found)
    assert any(line.startswith("claims/views.py: an HTML module") for line in found)
