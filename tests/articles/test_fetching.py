"""Fetching pages for import: only public http(s) addresses, checked after DNS resolution and
on every redirect; bounded time, size and redirects. The only server contacted is the local
test server (on the allow-list); everything else is refused before any connection."""

import socket

import pytest
from django.core.exceptions import ValidationError

from factcheck.articles import fetching
from factcheck.articles.fetching import fetch_page

PAGE = "/pages/01-wordpress-council-budget.html"


def refusal(url):
    with pytest.raises(ValidationError) as info:
        fetch_page(url)
    return info.value.message_dict["url"][0]


def fake_dns(monkeypatch, answers):
    """Name resolution answering `answers` {host: ip}; literal addresses and localhost as
    usual; any other name unknown."""
    real = fetching._getaddrinfo

    def lookup(host, port):
        if host in answers:
            family = socket.AF_INET6 if ":" in answers[host] else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (answers[host], port))]
        return real(host, port)

    monkeypatch.setattr(fetching, "_getaddrinfo", lookup)


def test_a_page_on_an_allowed_host_is_fetched_and_decoded(news_server):
    page = fetch_page(news_server.url(PAGE))
    assert page.content_type == "text/html"
    assert "Riverside City Council voted 5-2" in page.text
    assert news_server.requests[-1]["host"] == f"127.0.0.1:{news_server.port}"


def test_redirects_are_followed_up_to_the_limit_and_no_further(news_server, settings):
    settings.ARTICLE_FETCH_MAX_REDIRECTS = 3
    page = fetch_page(news_server.url("/redirect/3/01-wordpress-council-budget.html"))
    assert page.final_url == news_server.url(PAGE)
    assert "more than 3 times" in refusal(news_server.url("/redirect/4/x.html"))
    assert "more than 3 times" in refusal(news_server.url("/loop"))


@pytest.mark.parametrize(
    "address",
    [
        "http://127.0.0.1:9/",  # loopback (the allow-list names the test server's host only)
        "http://localhost:9/",  # a name: refused for what it resolves to
        "http://[::1]:9/",
        "http://2130706433:9/",  # 127.0.0.1 written as a number
        "http://0x7f.1:9/",
        "http://[::ffff:127.0.0.1]:9/",  # IPv4-mapped IPv6
        "http://10.0.0.8/",
        "http://172.16.5.4/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata, link-local
        "http://100.100.100.200/",  # shared address space (another metadata service)
        "http://0.0.0.0/",
        "http://[fe80::1]/",
        "http://[fd00:ec2::254]/",
        "http://224.0.0.1/",
    ],
)
def test_internal_addresses_are_refused_without_connecting(settings, address):
    settings.ARTICLE_FETCH_ALLOWED_HOSTS = []
    message = refusal(address)
    assert "internal address" in message


def test_a_public_looking_name_that_resolves_inside_is_refused(monkeypatch, settings):
    settings.ARTICLE_FETCH_ALLOWED_HOSTS = []
    fake_dns(monkeypatch, {"news.example.com": "10.1.2.3", "meta.example.com": "169.254.169.254",
                           "v6.example.com": "fd12::1"})  # fmt: skip
    for host in ("news.example.com", "meta.example.com", "v6.example.com"):
        assert "internal address" in refusal(f"https://{host}/story")


def test_every_redirect_is_checked_again(news_server, monkeypatch):
    fake_dns(monkeypatch, {"inside.example.com": "192.168.0.10"})
    for target in (
        "http://169.254.169.254/latest/meta-data/",
        f"http://localhost:{news_server.port}{PAGE}",  # same server, by a name not allowed
        "http://inside.example.com/",
    ):
        message = refusal(news_server.url(f"/redirect-to?url={target}"))
        assert "internal address" in message, target
    assert "http:// and https://" in refusal(news_server.url("/redirect-to?url=file:///etc/passwd"))
    assert "no address" in refusal(news_server.url("/no-location"))


def test_the_connection_goes_to_the_checked_address_not_a_second_lookup(news_server, monkeypatch,
                                                                         settings):  # fmt: skip
    fake_dns(monkeypatch, {"news.test": "127.0.0.1"})
    settings.ARTICLE_FETCH_ALLOWED_HOSTS = ["news.test"]
    page = fetch_page(f"http://news.test:{news_server.port}{PAGE}")
    assert "Riverside" in page.text
    assert news_server.requests[-1]["host"] == f"news.test:{news_server.port}"


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("ftp://example.com/file", "http:// and https://"),
        ("javascript:alert(1)", "http:// and https://"),
        ("file:///etc/passwd", "http:// and https://"),
        ("https://user:secret@example.com/", "user name or password"),
        ("http:///nohost", "complete web address"),
        ("http://example.com:99999/", "complete web address"),
        ("https://no-such-host.invalid/", "could not be found"),
    ],
)
def test_other_addresses_are_refused_with_a_reason(monkeypatch, address, expected):
    fake_dns(monkeypatch, {})
    assert expected in refusal(address)


def test_slow_sites_time_out_even_when_each_read_is_quick(news_server, settings):
    settings.ARTICLE_FETCH_TIMEOUT = 1
    assert "did not send the page within 1 seconds" in refusal(news_server.url("/slow"))
    assert "did not send the page within 1 seconds" in refusal(news_server.url("/drip"))
    assert "did not send the page within 1 seconds" in refusal(news_server.url("/drip-headers"))


def test_pages_over_the_size_cap_are_refused_declared_or_not(news_server, settings):
    settings.ARTICLE_FETCH_MAX_BYTES = 100_000
    assert "larger than" in refusal(news_server.url("/big"))
    assert "larger than" in refusal(news_server.url("/declared-big"))


def test_errors_images_and_compressed_answers_are_refused(news_server):
    assert refusal(news_server.url("/missing")) == "The site answered 404 Not Found."
    assert "not a web page (image/png)" in refusal(news_server.url("/image.png"))
    assert "compressed (gzip)" in refusal(news_server.url("/gzip"))


def test_declared_charsets_are_honoured(news_server):
    page = fetch_page(news_server.url("/latin1"))
    assert "Le café du coin" in page.text
