"""Bulk article import, shared by `manage.py import_articles` and POST /api/v1/articles/bulk/.

Every record goes through the API's own validation (BulkArticleSerializer, then
services.article_create), each in its own transaction: one bad record is refused with its
reasons and the others are imported (all-or-nothing per article, never per batch). A dry run
does the same work and rolls every article back, so duplicates inside the batch are found too.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from rest_framework import serializers

from factcheck.accounts.models import User
from factcheck.accounts.roles import is_reviewer
from factcheck.articles.importers import EXTENSIONS, plain_text_article, read_article_file
from factcheck.articles.serializers import BulkArticleSerializer
from factcheck.articles.services import CANNOT_CREATE, article_create, is_duplicate_error
from factcheck.articles.sources import article_from_html
from factcheck.core.errors import ActionForbidden

TOO_MANY = "Send at most {limit} articles per request (this one has {count})."
NOT_AN_OBJECT = "Each line must be one JSON object (an article)."
BAD_JSON = "Not valid JSON: {error}."
UNKNOWN_FORMAT = "Unknown file type {ext!r}: use .jsonl, .csv, .html, .htm, .txt or .md."
RECORD_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}
FILE_FORMATS = RECORD_FORMATS | {ext: "file" for ext in EXTENSIONS}


@dataclass
class ItemResult:
    index: int
    status: str  # created, valid (dry run), duplicate, invalid
    source: str = ""  # where the record came from ("articles.jsonl line 3")
    id: int | None = None
    title: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "status": self.status,
            "id": self.id,
            "title": self.title,
            "errors": self.errors,
        }


@dataclass(frozen=True)
class Record:
    source: str
    data: Mapping[str, Any] | None  # None: the record could not even be read
    error: str = ""
    default_title: str = ""  # when neither the record nor its page has one (a file's name)


class _DryRun(Exception):
    """Raised inside a record's transaction to roll it back after a successful dry run."""


def _errors(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, Mapping):
        return {
            str(k): [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in detail.items()
        }
    return {"non_field_errors": [str(m) for m in detail]}


def _article_fields(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Fields for article_create; HTML becomes text, its metadata fills what was not given."""
    html = data.pop("html", "")
    if not html:
        return data, []
    found = article_from_html(html, url=data.get("url", ""))
    aliases = [found.url] if found.url else []
    for name, value in found.fields().items():
        if not data.get(name):
            data[name] = value
    return data, aliases


def import_record(*, actor: User, index: int, record: Record) -> ItemResult:
    result = ItemResult(index=index, status="invalid", source=record.source)
    if record.data is None:
        result.errors = {"non_field_errors": [record.error]}
        return result
    serializer = BulkArticleSerializer(data=record.data)
    if not serializer.is_valid():
        result.title = str(record.data.get("title") or "")
        result.errors = _errors(serializer.errors)
        return result
    try:
        with transaction.atomic():
            fields, aliases = _article_fields(dict(serializer.validated_data))
            fields["title"] = fields.get("title") or record.default_title
            result.title = str(fields.get("title") or "")
            article = article_create(actor=actor, alias_urls=aliases, **fields)
            result.id, result.status = article.pk, "created"
    except ValidationError as error:
        result.status = "duplicate" if is_duplicate_error(error) else "invalid"
        result.errors = _errors(error.message_dict)
    return result


def import_records(
    *, actor: User, records: Iterable[Record], dry_run: bool = False
) -> Iterator[ItemResult]:
    """Import each record (see the module docstring); yields one result per record."""
    if not is_reviewer(actor):
        raise ActionForbidden(CANNOT_CREATE)
    if not dry_run:
        for index, record in enumerate(records):
            yield import_record(actor=actor, index=index, record=record)
        return
    # A dry run imports everything in one transaction (so a duplicate of an earlier record
    # is found) and rolls it all back.
    results: list[ItemResult] = []
    try:
        with transaction.atomic():
            for index, record in enumerate(records):
                results.append(import_record(actor=actor, index=index, record=record))
            raise _DryRun
    except _DryRun:
        pass
    for result in results:
        if result.status == "created":
            result.id, result.status = None, "valid"
        yield result


def check_batch_size(count: int, limit: int) -> None:
    if count > limit:
        raise serializers.ValidationError({"articles": [TOO_MANY.format(limit=limit, count=count)]})


# --------------------------------------------------------------------------- reading files


def jsonl_records(text: str, name: str) -> Iterator[Record]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{name} line {number}"
        try:
            data = json.loads(line)
        except ValueError as error:
            yield Record(source, None, BAD_JSON.format(error=error))
            continue
        if isinstance(data, dict):
            yield Record(source, data)
        else:
            yield Record(source, None, NOT_AN_OBJECT)


def csv_records(text: str, name: str) -> Iterator[Record]:
    """One article per row; the header names the fields; empty cells are left out."""
    reader = csv.DictReader(io.StringIO(text))
    for number, row in enumerate(reader, start=2):
        data: dict[str, Any] = {k.strip(): v for k, v in row.items() if k and v not in ("", None)}
        if "assignees" in data:
            data["assignees"] = data["assignees"].replace(",", " ").split()
        yield Record(f"{name} line {number}", data)


def file_record(path: Path) -> Record:
    """An .html, .htm, .txt or .md file: one article (HTML is extracted)."""
    try:
        with path.open("rb") as handle:
            kind, text = read_article_file(handle)
    except ValidationError as error:
        return Record(path.name, None, "; ".join(error.messages))
    if kind == "html":
        return Record(path.name, {"html": text}, default_title=path.stem)
    plain = plain_text_article(text, kind)
    return Record(path.name, {"title": plain.title or path.stem, "body": plain.body})


def read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


def path_records(path: Path) -> Iterator[Record]:
    """Records of a .jsonl/.csv file, of an .html/.txt/.md file, or of every such file in a
    directory (recursively, in name order)."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.suffix.lower() in FILE_FORMATS:
                yield from path_records(child)
        return
    kind = FILE_FORMATS.get(path.suffix.lower())
    if kind == "jsonl":
        yield from jsonl_records(read_text(path), path.name)
    elif kind == "csv":
        yield from csv_records(read_text(path), path.name)
    elif kind == "file":
        yield file_record(path)
    else:
        yield Record(path.name, None, UNKNOWN_FORMAT.format(ext=path.suffix))


def stream_records(text: str, fmt: str, name: str = "stdin") -> Iterator[Record]:
    if fmt == "csv":
        return csv_records(text, name)
    if fmt in ("html", "txt", "md"):
        data: dict[str, Any] | None = {"html": text} if fmt == "html" else None
        if data is None:
            plain = plain_text_article(text, "markdown" if fmt == "md" else "text")
            data = {"title": plain.title, "body": plain.body}
        return iter([Record(name, data)])
    return jsonl_records(text, name)
