"""Two revisions, one database: a claim's create and a list of 1,000 claims, in process.

Run from the project root::

    .venv/bin/python bench/bench_api_ab.py [--base 0e0dc63] [--head HEAD] [--rounds 3]

Each revision is taken from git (`git archive`) into a temporary folder and run in a process of
its own, through Django's WSGI handler as gunicorn would call it (production settings, token
sign-in, no HTTP): `--creates` POSTs of a draft claim on the seed article, then `--lists` GETs of
an article's 1,000 claims. The revisions take turns, `--rounds` times, so that a slower or busier
minute of the machine weighs on both; compare medians within a round. Both revisions run on the
schema of this checkout (its migrations; the base must accept it). On `DATABASE_URL` if set, else
postgres://postgres@127.0.0.1:5432/bench_api_ab (created and migrated when missing).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_20936c2c944eea00.txt"
CLAIMS = 1000


def setup() -> dict:
    """Migrate, and make the editor, its token, the seed article and an article of 1,000
    claims (once: found again by title on later runs)."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    from database import ensure_database, production_settings

    ensure_database("bench_api_ab")
    production_settings()
    import django

    django.setup()
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from factcheck.accounts.models import User
    from factcheck.accounts.roles import EDITOR, REVIEWER
    from factcheck.articles.models import Article
    from factcheck.articles.services import article_create
    from factcheck.claims.services import claim_create

    call_command("migrate", verbosity=0)  # the roles and the verdict scale come with it
    editor, _ = User.objects.get_or_create(username="bench-editor")
    editor.groups.add(*Group.objects.filter(name__in=[EDITOR, REVIEWER]))
    token, _ = Token.objects.get_or_create(user=editor)
    text = SEED.read_text(encoding="utf-8")
    articles = {}
    for title, body in (("bench seed", text), ("bench list", text + "\n\n[list]")):
        article = Article.objects.filter(title=title).first()
        if article is None:
            url = f"https://bench.example.org/{title.replace(' ', '-')}"
            article = article_create(actor=editor, title=title, body=body, url=url)
        articles[title] = article
    listed = articles["bench list"]
    rng = random.Random(1)
    while listed.claims.count() < CLAIMS:
        start = rng.randrange(0, len(text) - 121)
        end = start + rng.randint(1, 120)
        if text[start:end].strip():
            claim_create(actor=editor, article=listed, start=start, end=end,
                         quote=text[start:end], verdict="false")  # fmt: skip
    return {"token": token.key, "seed": articles["bench seed"].pk, "list": listed.pk,
            "database": os.environ["DATABASE_URL"]}  # fmt: skip


def worker(target: dict, creates: int, lists: int) -> dict:
    """In the snapshot's process: time `creates` POSTs and `lists` GETs (after a warm-up)."""
    sys.path.insert(0, os.getcwd())
    os.environ.update(DJANGO_SETTINGS_MODULE="factcheck.settings", DATABASE_URL=target["database"])
    sys.path.insert(0, str(ROOT / "bench"))
    from database import production_settings

    production_settings()
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    from factcheck.articles.models import Article

    app = WSGIHandler()
    text = Article.objects.get(pk=target["seed"]).body
    rng = random.Random(2)

    def call(method: str, path: str, query: str = "", body: bytes = b"") -> None:
        environ = {
            "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
            "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(body)),
            "SERVER_NAME": "localhost", "SERVER_PORT": "80", "HTTP_HOST": "localhost",
            "HTTP_AUTHORIZATION": f"Token {target['token']}", "HTTP_ACCEPT": "application/json",
            "wsgi.input": io.BytesIO(body), "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr,
            "REMOTE_ADDR": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1",
        }  # fmt: skip
        status = []
        b"".join(app(environ, lambda s, h, e=None: status.append(s)))
        if not status[0].startswith(("200", "201")):
            raise SystemExit(f"{method} {path}: {status[0]}")

    def create() -> None:
        start = rng.randrange(0, len(text) - 121)
        end = start + rng.randint(1, 120)
        while not text[start:end].strip():
            end += 1
        body = {"article": target["seed"], "start": start, "end": end,
                "quote": text[start:end], "verdict": "false"}  # fmt: skip
        call("POST", "/api/v1/claims/", body=json.dumps(body).encode())

    def listing() -> None:
        call("GET", "/api/v1/claims/", f"article={target['list']}&page_size={CLAIMS}")

    result = {}
    for name, action, count in (("create", create, creates), ("list", listing, lists)):
        for _ in range(10):
            action()
        times = []
        for _ in range(count):
            started = time.perf_counter()
            action()
            times.append(time.perf_counter() - started)
        result[name] = (statistics.median(times) * 1000, min(times) * 1000)
    return result


def snapshot(revision: str, into: Path) -> Path:
    folder = into / revision.replace("/", "_")
    folder.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], check=True,
                             capture_output=True).stdout  # fmt: skip
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="0e0dc63")
    parser.add_argument("--head", default="HEAD")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--creates", type=int, default=300)
    parser.add_argument("--lists", type=int, default=30)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(json.loads(args.worker), args.creates, args.lists)))
        return
    target = setup()
    print(f"load average {os.getloadavg()[0]:.1f}; medians (min) in ms, {args.creates} creates "
          f"and {args.lists} lists of {CLAIMS:,} claims a round")  # fmt: skip
    print(f"{'round':>5} {'revision':>10} {'create':>16} {'list':>16}")
    with tempfile.TemporaryDirectory() as tmp:
        folders = {rev: snapshot(rev, Path(tmp)) for rev in (args.base, args.head)}
        for round_number in range(1, args.rounds + 1):
            for revision, folder in folders.items():
                out = subprocess.run(
                    [sys.executable, str(ROOT / "bench" / "bench_api_ab.py"),
                     "--worker", json.dumps(target), "--creates", str(args.creates),
                     "--lists", str(args.lists)],
                    cwd=folder, check=True, capture_output=True, text=True,
                )  # fmt: skip
                result = json.loads(out.stdout.strip().splitlines()[-1])
                cells = [f"{result[k][0]:7.2f} ({result[k][1]:5.2f})" for k in ("create", "list")]
                print(f"{round_number:>5} {revision:>10} {cells[0]:>16} {cells[1]:>16}")


if __name__ == "__main__":
    main()
