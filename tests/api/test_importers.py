"""article_from_file: .txt/.md/.html files become plain text; hostile files are refused."""

import gzip
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from factcheck.articles.importers import (
    BINARY_CONTENT,
    FILE_EMPTY,
    NOT_UTF8,
    html_to_text,
)
from factcheck.articles.sources import article_from_file as extract_article


def _refusal(name, content):
    with pytest.raises(ValidationError) as info:
        extract_article(SimpleUploadedFile(name, content))
    return info.value.message_dict["file"][0]


def test_html_becomes_paragraphs_without_scripts_styles_or_markup():
    html = """<!doctype html><html><head><title> The   title </title>
    <style>p { color: red }</style><script>document.write("<p>evil</p>")</script></head>
    <body><h1>Headline</h1><p>One &amp; <a href="x">two</a>\n   three.</p>
    <p>Line<br>break &lt;script&gt;</p><noscript>hidden</noscript><ul><li>a</li><li>b</li></ul>
    <pre>keep
      spacing</pre></body></html>"""
    imported = html_to_text(html)
    assert imported.title == "The title"
    assert imported.body == (
        "Headline\n\nOne & two three.\n\nLine\nbreak <script>\n\na\n\nb\n\nkeep\n      spacing"
    )


def test_markdown_and_text_keep_their_text_and_suggest_a_title():
    md = extract_article(SimpleUploadedFile("a.md", "\ufeff# Big news\r\n\r\nBody é.".encode()))
    assert (md.title, md.body) == ("Big news", "# Big news\n\nBody é.")
    txt = extract_article(SimpleUploadedFile("notes.TXT", b"\n\nFirst line\nSecond"))
    assert txt.title == "First line"


def test_an_html_file_without_a_title_falls_back_to_its_h1_then_the_file_name():
    assert extract_article(SimpleUploadedFile("x.html", b"<h1>H</h1><p>t</p>")).title == "H"
    assert extract_article(SimpleUploadedFile("story.htm", b"<p>text</p>")).title == "story"


def test_compressed_binary_and_non_utf8_files_are_refused():
    assert _refusal("a.txt", gzip.compress(b"a" * 10_000_000)) == BINARY_CONTENT
    assert _refusal("a.html", b"<p>\x00</p>") == BINARY_CONTENT
    assert _refusal("a.txt", "café".encode("latin-1")) == NOT_UTF8
    assert _refusal("a.html", b"<script>only()</script>") == FILE_EMPTY
    assert _refusal("a.docx", b"PK\x03\x04").startswith("Upload a .txt, .md or .html file")


def test_a_file_larger_than_the_limit_is_refused_even_if_it_lies_about_its_size(settings):
    settings.ARTICLE_UPLOAD_MAX_BYTES = 1000

    class Liar(io.BytesIO):
        name = "big.txt"
        size = 10

    message = _refusal("big.txt", b"a" * 1001)
    assert "largest accepted" in message
    with pytest.raises(ValidationError, match="largest accepted"):
        extract_article(Liar(b"a" * 5000))
