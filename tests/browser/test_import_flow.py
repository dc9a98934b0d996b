"""A reviewer imports a web page in real Chromium: types its address, presses Enter (the fetch
form), checks the extracted text and details, edits the title and adds the article."""

import json
import re
from pathlib import Path

import pytest

from factcheck.articles.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
PAGES = Path(__file__).resolve().parent.parent / "fixtures/news/pages"


def test_a_reviewer_fetches_a_page_reviews_it_and_adds_it(ui, reviewer, news_server):
    name = "14-arc-tren-alta-velocidad"
    truth = json.loads((PAGES / f"{name}.json").read_text())
    page = ui.new_page()
    ui.sign_in(page, "reviewer")
    page.goto("/articles/new/")
    address = page.locator("#id_source")
    address.fill(news_server.url(f"/pages/{name}.html"))
    address.press("Enter")
    page.wait_for_selector("text=Fetched from")
    assert page.locator("#id_title").input_value() == truth["title"]
    assert page.locator("#id_language").input_value() == "es"
    assert truth["main_text"][0] in page.locator("#id_body").input_value()
    assert "ADVERTISEMENT" not in page.locator("#id_body").input_value()
    page.locator("#id_title").fill("Madrid-Valencia en menos de dos horas")
    page.get_by_role("button", name="Add article").click()
    page.wait_for_url(re.compile(r"/articles/\d+/$"))
    article = Article.objects.get()
    assert article.title == "Madrid-Valencia en menos de dos horas"
    assert (article.url, article.author, article.language) == (truth["url"], "Andrés Molina", "es")
