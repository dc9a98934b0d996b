"""The OpenAPI schema validates, documents every endpoint and its errors; docs need no CDN."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

API_MD_PATHS = [
    "/api/v1/auth/token/", "/api/v1/articles/", "/api/v1/articles/{id}/",
    "/api/v1/articles/{id}/revisions/", "/api/v1/articles/import/", "/api/v1/claims/",
    "/api/v1/claims/{id}/", "/api/v1/claims/{id}/evidence/", "/api/v1/claims/{id}/evidence/{eid}/",
    "/api/v1/claims/{id}/comments/", "/api/v1/claims/{id}/events/", "/api/v1/verdicts/",
    *(f"/api/v1/claims/{{id}}/{a}/"
      for a in ("submit", "approve", "request-changes", "publish", "correct", "retract")),
]  # fmt: skip


def test_the_schema_passes_spectacular_validation_with_warnings_as_errors():
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


@pytest.fixture
def schema(api):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_lists_every_endpoint_of_the_contract(schema):
    assert set(API_MD_PATHS) <= set(schema["paths"])


def test_every_operation_documents_its_error_responses(schema):
    for path in API_MD_PATHS:
        for method, operation in schema["paths"][path].items():
            if method == "parameters":
                continue
            codes = set(operation["responses"])
            expected = {"400", "429"} if path.endswith("auth/token/") else {"401"}
            assert expected <= codes, (method, path, codes)
            if method in {"post", "patch"}:
                assert "400" in codes, (method, path)
            for code in codes - {"200", "201", "204"}:
                ref = operation["responses"][code]["content"]["application/json"]["schema"]
                assert ref["$ref"].endswith("/Error"), (method, path, code)


def test_claim_patch_and_workflow_actions_document_409(schema):
    assert "409" in schema["paths"]["/api/v1/claims/{id}/"]["patch"]["responses"]
    assert "409" in schema["paths"]["/api/v1/claims/{id}/approve/"]["post"]["responses"]


def test_the_docs_page_loads_its_assets_from_this_server(api):
    response = api.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources, html
    assert all(not s.startswith(("http:", "https:", "//")) for s in sources), sources
    assert "swagger-ui" in html
    assert "<script>" not in html  # the split view serves its init script as a file (CSP)
