"""Bulk import: `manage.py import_articles` (JSONL, CSV, HTML, TXT, directories, stdin) and
POST /api/v1/articles/bulk/ — the API's validation per article, all-or-nothing per article."""

import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from factcheck.articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
PAGES = Path(__file__).resolve().parent.parent / "fixtures/news/pages"


def run(*args, stdin=None, monkeypatch=None):
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        call_command("import_articles", *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), ""


def jsonl(*records):
    return "\n".join(json.dumps(r) for r in records) + "\n"


def test_a_jsonl_file_is_imported_with_a_summary_of_duplicates_and_refusals(tmp_path, reviewer,
                                                                            editor):  # fmt: skip
    ArticleFactory(actor=editor, url="https://n.example/old", body="Old text.")
    source = tmp_path / "articles.jsonl"
    source.write_text(jsonl(
        {"title": "One", "body": "First story.", "url": "https://n.example/1",
         "published_on": "2025-01-02", "assignees": ["reviewer"]},
        {"title": "Two", "body": "Second story.", "author": "A. Writer"},
        {"title": "Dup", "body": "Another.", "url": "https://n.example/old"},
        {"title": "", "body": "No title."},
        {"title": "Bad url", "body": "Text.", "url": "javascript:alert(1)"},
        {"title": "Bad date", "body": "Text 2.", "published_on": "yesterday"},
    ) + "not json\n[1, 2]\n")  # fmt: skip
    out, error = run(str(source), "--user", "editor", "--no-progress")  # editors assign
    assert out.startswith("Imported 2 article(s); 1 duplicate(s) skipped; 5 refused.")
    assert "articles.jsonl line 3: url: An article with this source URL already exists" in out
    assert "articles.jsonl line 4: title: Give the article a title." in out
    assert "articles.jsonl line 5: url: Enter a valid http:// or https:// URL." in out
    assert "articles.jsonl line 6: published_on:" in out
    assert "articles.jsonl line 7: non_field_errors: Not valid JSON" in out
    assert "articles.jsonl line 8: non_field_errors: Each line must be one JSON object" in out
    assert error == "5 article(s) refused: see above."
    one = Article.objects.get(title="One")
    assert [u.username for u in one.assignees.all()] == ["reviewer"]
    assert str(one.published_on) == "2025-01-02" and one.created_by == editor
    assert Article.objects.filter(title="Two", author="A. Writer").exists()


def test_a_dry_run_validates_everything_and_saves_nothing(tmp_path, reviewer):
    source = tmp_path / "a.jsonl"
    source.write_text(jsonl({"title": "One", "body": "Same text."},
                            {"title": "Again", "body": "Same text."}))  # fmt: skip
    out, error = run(str(source), "--user", "reviewer", "--dry-run", "--no-progress")
    assert out.startswith("Would import 1 article(s); 1 duplicate(s) skipped; 0 refused. Dry run")
    assert error == "" and Article.objects.count() == 0


def test_csv_html_and_text_files_in_a_directory(tmp_path, editor, reviewer):
    folder = tmp_path / "inbox"
    (folder / "nested").mkdir(parents=True)
    (folder / "list.csv").write_text(
        "title,body,url,publisher,assignees\n"
        'CSV story,"Para one.\n\nPara two.",https://n.example/csv,Paper,reviewer\n'
    )
    shutil.copy(PAGES / "05-bbc-hospital-study.html", folder / "nested" / "hip.html")
    (folder / "note.txt").write_text("Text headline\n\nThe body of a text file.")
    (folder / "ignored.pdf").write_bytes(b"%PDF")
    out, error = run(str(folder), "--user", "editor", "--no-progress")
    assert error == ""
    assert out.startswith("Imported 3 article(s); 0 duplicate(s) skipped; 0 refused."), out
    assert Article.objects.get(title="CSV story").body == "Para one.\n\nPara two."
    page = Article.objects.get(url="https://healthdeskdaily.org/research/hip-surgery-shorter-stays")
    assert page.title.startswith("Shorter hospital stays") and page.author == "Dr Elena Vasquez"
    assert "Most read" not in page.body
    assert Article.objects.get(title="Text headline").body.endswith("body of a text file.")


def test_standard_input_and_the_progress_bar(monkeypatch, reviewer, capsys):
    out = io.StringIO()
    monkeypatch.setattr("sys.stdin", io.StringIO(jsonl({"title": "In", "body": "Piped."})))
    call_command("import_articles", "-", "--user", "reviewer", stdout=out)
    assert "Imported 1 article(s)" in out.getvalue()
    assert "Importing: 100%" in capsys.readouterr().err  # tqdm writes to stderr


def test_the_user_must_exist_and_may_add_articles(tmp_path, outsider):
    source = tmp_path / "a.jsonl"
    source.write_text(jsonl({"title": "One", "body": "x"}))
    assert "No active user named 'nobody'" in run(str(source), "--user", "nobody")[1]
    assert run(str(source), "--user", "outsider", "--no-progress")[1] == (
        "Only reviewers and editors can add articles.")  # fmt: skip
    assert "does not exist" in run(str(tmp_path / "missing.jsonl"), "--user", "outsider")[1]
    assert Article.objects.count() == 0
