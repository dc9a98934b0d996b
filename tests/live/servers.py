"""Real app server processes for the scale-out tests: uvicorn on free ports, one PostgreSQL
test database, one Redis under a key prefix of their own, and a switchable TCP front (a
minimal load balancer) so a browser's reconnect can land on another server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import uuid
from contextlib import suppress

from django.db import connection

from tests.tools import PROJECT_ROOT

REDIS_URL = "redis://127.0.0.1:6379/0"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class AppServer:
    def __init__(self, name: str, env: dict[str, str]) -> None:
        self.name, self.port = name, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "factcheck.asgi:application", "--host",
             "127.0.0.1", "--port", str(self.port), "--no-access-log"],
            cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        self.log: list[str] = []
        self._wait_until_listening()
        threading.Thread(target=self._drain, daemon=True).start()

    def _wait_until_listening(self) -> None:
        """Read the server's own output (blocking, no polling) until it says it is listening."""
        for line in self.process.stdout:  # type: ignore[union-attr]
            self.log.append(line)
            if "Uvicorn running on" in line:
                return
        raise RuntimeError(f"server {self.name} did not start:\n{''.join(self.log)}")

    def _drain(self) -> None:
        for line in self.process.stdout:  # type: ignore[union-attr]
            self.log.append(line)

    def kill(self) -> None:
        """Die at once, as a crashed server would (its open streams drop)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def server_env(prefix: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DEBUG="true", DATABASE_URL=database_url(), REDIS_URL=REDIS_URL,
               REDIS_KEY_PREFIX=prefix, CONN_MAX_AGE="0", PGAPPNAME=prefix, **extra)  # fmt: skip
    return env


def new_prefix() -> str:
    return f"test-scale-{uuid.uuid4().hex[:12]}"


class Front:
    """Forwards each new TCP connection to the current backend, as a load balancer would."""

    def __init__(self, backend: AppServer) -> None:
        self.backend = backend
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        with suppress(OSError):
            while True:
                client, _ = self.listener.accept()
                try:
                    upstream = socket.create_connection(("127.0.0.1", self.backend.port))
                except OSError:
                    client.close()
                    continue
                for a, b in ((client, upstream), (upstream, client)):
                    threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for end in (source, sink):
            with suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()

    def close(self) -> None:
        self.listener.close()
