"""One table turns domain errors into responses, for the API and the browser views alike."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from factcheck.core.errors import (
    FORBIDDEN,
    NOT_FOUND,
    ActionForbidden,
    Conflict,
    InvalidTransition,
    describe_error,
)
from factcheck.web.errors import fragment_errors


@pytest.mark.parametrize(
    ("error", "status", "code", "message"),
    [
        (ValidationError({"note": ["Give a note."]}), 400, "invalid", "Give a note."),
        (ActionForbidden("Not yours."), 403, "permission_denied", "Not yours."),
        (PermissionDenied(), 403, "permission_denied", FORBIDDEN),
        (Conflict("Stale."), 409, "conflict", "Stale."),
        (InvalidTransition("Wrong status."), 409, "invalid_transition", "Wrong status."),
        (Http404("gone"), 404, "not_found", NOT_FOUND),
    ],
)
def test_describe_error_maps_each_domain_error(error, status, code, message):
    info = describe_error(error)
    assert (info.status, info.code, info.message) == (status, code, message)


def test_describe_error_leaves_unexpected_errors_alone():
    assert describe_error(RuntimeError("boom")) is None


def test_fragment_errors_answers_json_with_the_tables_status():
    @fragment_errors
    def view(request):
        raise InvalidTransition("A claim that is draft cannot be approved.")

    response = view(RequestFactory().post("/"))
    assert response.status_code == 409
    assert json.loads(response.content) == {
        "ok": False, "message": "A claim that is draft cannot be approved.", "html": {},
    }  # fmt: skip


@pytest.mark.parametrize("error", [Http404("gone"), RuntimeError("boom")])
def test_fragment_errors_lets_not_found_and_bugs_through(error):
    @fragment_errors
    def view(request) -> HttpResponse:
        raise error

    with pytest.raises(type(error)):
        view(RequestFactory().post("/"))
