"""A WSGI app that answers every request with the bytes of one file, as JSON: the fastest any
server could hand the workload's client that response (bench/bench_list_floor.py)."""

import os
from pathlib import Path

BODY = Path(os.environ["STATIC_BODY"]).read_bytes()
HEADERS = [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
