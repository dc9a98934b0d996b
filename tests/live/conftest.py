"""Live updates are PostgreSQL LISTEN/NOTIFY: every test here needs PostgreSQL."""

import pytest
from django.db import connection

from tests.tools import require


@pytest.fixture(autouse=True)
def _postgresql():
    require(connection.vendor == "postgresql", "PostgreSQL: live updates use LISTEN/NOTIFY")
