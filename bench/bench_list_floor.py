"""The floor under issue 10's list goal: what the shared workload's client alone spends on our list.

The API contract fixes a claim's fields (offsets, quote with its context, verdict, rationale,
evidence, tags, people, times): 1,000 claims are about 600 KB of JSON, about 3.4 times the bytes
of doccano's spans. The workload times a GET and `response.json()` with `requests`. This script
takes the list that a running Factcheck returns for one article, has gunicorn (the same number
of sync workers as the peers setup) serve those exact bytes from memory with no framework and
no database, and times the same client on both, median of `--repeat`:

    static  the client's own cost for these bytes (connect, transfer, decode, parse): the floor
    ours    the real list, with sign-in, the query and Django

    # after bench/peers.sh or ../shared/peers/setup_factcheck.sh; the workload's client venv:
    /tmp/peers/client-venv/bin/python bench/bench_list_floor.py [--article ID] [--doccano-ms MS]

Give `--results` (the run's JSON lines; bench/peers.sh does) or `--doccano-ms` to see each as a
share of doccano's list time for the same article and span count.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
PEERS_DIR = Path(os.environ.get("PEERS_DIR", "/tmp/peers"))
WORKLOAD_TITLE = re.compile(r"bench-(\w+)-n(\d+)-")  # workload.py's project name, our title


def median_ms(call, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def doccano_list_ms(results: Path, title: str) -> float | None:
    """doccano's list median for the article the workload titled `bench-<doc>-n<N>-<ms>`."""
    found = WORKLOAD_TITLE.match(title)
    if not found:
        return None
    doc, n = found[1], int(found[2])
    lines = [json.loads(line) for line in results.read_text().splitlines() if line.strip()]
    times = [r["list_median_ms"] for r in lines
             if r.get("peer") == "doccano" and r.get("doc") == doc and r.get("n") == n]  # fmt: skip
    return statistics.median(times) if times else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8004")
    parser.add_argument("--token-file", type=Path, default=PEERS_DIR / "factcheck.token")
    parser.add_argument("--article", type=int, help="default: the workload's newest article")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--doccano-ms", type=float, help="doccano's list median, same run")
    parser.add_argument("--results", type=Path, help="workload.py's JSON lines of the run")
    parser.add_argument("--gunicorn", default=str(HERE.parent / ".venv" / "bin" / "gunicorn"))
    args = parser.parse_args()

    session = requests.Session()
    session.headers["Authorization"] = f"Token {args.token_file.read_text().strip()}"
    session.headers["Accept"] = "application/json"
    articles = session.get(f"{args.url}/api/v1/articles/?page_size=100").json()["results"]
    if args.article is None:  # the workload's newest span run (not the offsets probe)
        articles = [a for a in articles if WORKLOAD_TITLE.match(a["title"])]
    else:
        articles = [a for a in articles if a["id"] == args.article]
    chosen = max(articles, key=lambda a: a["id"])
    article = chosen["id"]
    if args.results and not args.doccano_ms:
        args.doccano_ms = doccano_list_ms(args.results, chosen["title"])
    ours_url = f"{args.url}/api/v1/claims/?article={article}&page_size=10000"
    response = session.get(ours_url)
    response.raise_for_status()
    body, count = response.content, response.json()["count"]

    workers = 2 * (os.cpu_count() or 1) + 1
    port = free_port()
    with tempfile.NamedTemporaryFile(suffix=".json") as file:
        file.write(body)
        file.flush()
        server = subprocess.Popen(
            [args.gunicorn, "static_body_app:application", "--chdir", str(HERE),
             "-b", f"127.0.0.1:{port}", "-w", str(workers), "--log-level", "warning"],
            env={**os.environ, "STATIC_BODY": file.name},
        )  # fmt: skip
        static_url = f"http://127.0.0.1:{port}/"
        try:
            for _ in range(100):
                try:
                    session.get(static_url).raise_for_status()
                    break
                except requests.ConnectionError:
                    time.sleep(0.1)
            # Taking turns, so that machine noise hits both alike.
            static, ours = [], []
            for _ in range(3):
                static.append(median_ms(lambda: session.get(static_url).json(), args.repeat))
                ours.append(median_ms(lambda: session.get(ours_url).json(), args.repeat))
        finally:
            server.terminate()
            server.wait()

    print(
        f"article {article}: {count:,} claims, {len(body) / 1000:,.0f} kB; "
        f"gunicorn x{workers}; requests GET + .json(), median of {args.repeat}, 3 turns"
    )
    for name, figure in (("static bytes (floor)", static), ("Factcheck list", ours)):
        line = f"  {name:<22}{statistics.median(figure):7.1f} ms"
        if args.doccano_ms:
            line += f"   {statistics.median(figure) / args.doccano_ms:5.2f}x doccano's list"
        print(line)
    if args.doccano_ms:
        budget = args.doccano_ms / 3 - statistics.median(static)
        print(f"  1/3 of doccano's list leaves {budget:.1f} ms above the floor for the server")


if __name__ == "__main__":
    main()
