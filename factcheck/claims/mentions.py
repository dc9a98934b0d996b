"""`@username` mentions in comments: which newsroom people a comment names.

A mention counts only when it names an existing, active user with a newsroom role (reviewer,
editor or admin): `@everyone`, an e-mail address (`jo@example.org`) or a reader's name notify
nobody. Usernames follow Django's rule (letters, digits and @ . + - _); a trailing full stop
or comma belongs to the sentence, not the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Q, QuerySet

from factcheck.accounts.models import User
from factcheck.accounts.roles import EDITOR, REVIEWER

# Not after a word character (so an e-mail address is not a mention); the name is Django's
# username alphabet without a trailing ".", "-" or "+" (sentence punctuation).
MENTION = re.compile(r"(?<![\w@])@([\w.+-]*[\w])", re.UNICODE)
MAX_MENTIONS = 20  # per comment: a comment naming the whole newsroom notifies the first 20


def mentioned_names(body: str) -> list[str]:
    """The usernames written as `@name` in `body`, in order, each once."""
    return list(dict.fromkeys(MENTION.findall(body or "")))


def newsroom_people() -> QuerySet[User]:
    """Active users who hold a newsroom role: the people a mention can reach."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=[REVIEWER, EDITOR]))
        .distinct()
    )


def mentioned_users(body: str) -> list[User]:
    """The newsroom users `body` mentions (one query), in the order they are first named."""
    names = mentioned_names(body)[:MAX_MENTIONS]
    if not names:
        return []
    found = {u.username: u for u in newsroom_people().filter(username__in=names)}
    return [found[name] for name in names if name in found]


def people_matching(prefix: str, *, limit: int = 8) -> list[dict[str, str]]:
    """Newsroom people whose username or name starts with `prefix` (the autocomplete)."""
    prefix = (prefix or "").strip().lstrip("@")
    people = newsroom_people()
    if prefix:
        people = people.filter(
            Q(username__istartswith=prefix)
            | Q(first_name__istartswith=prefix)
            | Q(last_name__istartswith=prefix)
        )
    rows = people.order_by("username").values("username", "first_name", "last_name")[:limit]
    return [_person(row) for row in rows]


def _person(row: Mapping[str, Any]) -> dict[str, str]:
    name = f"{row['first_name']} {row['last_name']}".strip()
    return {"username": row["username"], "name": name or row["username"]}


def known_usernames(names: Iterable[str]) -> set[str]:
    """Which of `names` are newsroom people (one query): the mentions worth highlighting."""
    names = list(dict.fromkeys(names))
    if not names:
        return set()
    return set(newsroom_people().filter(username__in=names).values_list("username", flat=True))
