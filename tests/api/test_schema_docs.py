"""/api/docs/ describes each endpoint in its own words (issue 11 item 10: ten endpoints showed
the docstring of an internal mixin, "Mixin: JSON request bodies only", as their description)."""

import inspect
import re

import pytest
from django.urls import resolve

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(api):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method != "parameters":
                yield path, method, operation


def _inherited_docstrings(path: str) -> set[str]:
    """The docstrings of the classes a path's view inherits from (not its own)."""
    view = resolve(re.sub(r"\{[^}]+\}", "1", path)).func.view_class
    return {
        inspect.cleandoc(base.__doc__)
        for base in view.__mro__[1:]
        if base.__doc__ and base.__module__.startswith("factcheck.")
    }


def test_no_operation_shows_an_inherited_docstring_as_its_description(schema):
    borrowed = [
        f"{method.upper()} {path}: {operation['description'][:60]!r}"
        for path, method, operation in _operations(schema)
        if operation.get("description", "").strip() in _inherited_docstrings(path)
    ]
    assert borrowed == []


def test_no_description_mentions_mixins_and_every_operation_has_a_summary(schema):
    for path, method, operation in _operations(schema):
        where = f"{method.upper()} {path}"
        assert "mixin" not in operation.get("description", "").lower(), where
        assert operation.get("summary"), f"{where} has no summary"
        assert operation.get("description"), f"{where} has no description"
