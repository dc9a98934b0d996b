"""The API under WSGI (gunicorn sync workers) and under ASGI (uvicorn workers), back to back:
sequential GETs of an API list and a claim, through the same number of worker processes.

Run from the project root against a migrated THROWAWAY PostgreSQL database (as for
bench_live_streams.py)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_live DEBUG=true \\
        .venv/bin/python bench/bench_asgi_api.py [--requests 400] [--workers 2]
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

from bench_live_streams import setup  # noqa: E402

SERVERS = {
    "WSGI gunicorn sync": ["-m", "gunicorn", "factcheck.wsgi", "-w", "{w}", "-b", "127.0.0.1:{p}"],
    "ASGI uvicorn": ["-m", "uvicorn", "factcheck.asgi:application", "--workers", "{w}",
                     "--port", "{p}", "--no-access-log", "--log-level", "warning"],
}  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(name: str, args: list[str], workers: int, paths: list[str], cookie: str, n: int) -> None:
    port = free_port()
    argv = [a.format(w=workers, p=port) for a in args]
    server = subprocess.Popen([sys.executable, *argv], cwd=ROOT)
    for _ in range(600):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    connection = http.client.HTTPConnection("127.0.0.1", port)
    headers = {"Cookie": f"sessionid={cookie}", "Accept": "application/json"}
    for path in paths:  # warm every worker's connection and caches
        for _ in range(workers * 5):
            connection.request("GET", path, headers=headers)
            assert connection.getresponse().read() and True
    for path in paths:
        times = []
        started = time.perf_counter()
        for _ in range(n):
            t0 = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            assert response.status == 200, response.status
            times.append(time.perf_counter() - t0)
        total = time.perf_counter() - started
        print(f"| {name} | `{path}` | {n / total:.0f} | {statistics.median(times) * 1000:.1f} | "
              f"{sorted(times)[int(n * 0.95) - 1] * 1000:.1f} |")  # fmt: skip
    server.terminate()
    server.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    arguments = parser.parse_args()
    _, article, claim, cookie = setup()
    paths = [f"/api/v1/claims/?article={article.pk}", f"/api/v1/claims/{claim.pk}/"]
    print("| server | request | req/s | p50 ms | p95 ms |\n| --- | --- | ---: | ---: | ---: |")
    for name, args in SERVERS.items():
        run(name, args, arguments.workers, paths, cookie, arguments.requests)


if __name__ == "__main__":
    main()
