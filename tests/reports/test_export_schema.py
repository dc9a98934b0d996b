"""The export endpoints are documented in the OpenAPI schema with every status they return."""

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

EXPORTS = {
    "/api/v1/exports/claims.csv": ("text/csv", {"200", "400", "429"}),
    "/api/v1/exports/claims.jsonl": ("application/jsonl", {"200", "400", "429"}),
    "/api/v1/exports/claimreview.json": ("application/ld+json", {"200", "400", "429"}),
    "/api/v1/articles/{id}/annotations.jsonld": (
        "application/ld+json", {"200", "400", "404", "429"},
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.mark.parametrize("path", EXPORTS)
def test_each_export_documents_its_media_type_and_status_codes(schema, path):
    media_type, codes = EXPORTS[path]
    operation = schema["paths"][path]["get"]
    assert set(operation["responses"]) == codes
    assert media_type in operation["responses"]["200"]["content"]
    assert {} in operation["security"]  # public: no credentials needed
    assert "exports" in operation["tags"]


def test_claimreview_export_takes_no_status_filter(schema):
    parameters = schema["paths"]["/api/v1/exports/claimreview.json"]["get"]["parameters"]
    assert "status" not in {p["name"] for p in parameters}


def test_the_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
