"""A faster JSON renderer that writes the same bytes as DRF's JSONRenderer, for claim payloads.

orjson encodes large lists several times faster than the standard `json` module, and for the
types claim payloads are made of (str, int, bool, None, dict, list) its output is DRF's byte
for byte: compact separators, UTF-8 text, the same escapes (a test compares them). DRF also
escapes U+2028 and U+2029; so does this. Anything else goes to DRF's renderer: datetimes,
decimals, lazy strings, the indented output of the browsable API.

Floats are the one type whose text differs (orjson writes 0.00001 where `json` writes 1e-05,
and null for infinities): use this renderer only on views whose payloads have none.
"""

from __future__ import annotations

from typing import Any

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings

_PASSTHROUGH = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def _refuse(value: Any) -> Any:
    raise TypeError(type(value).__name__)


class FastJSONRenderer(JSONRenderer):
    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        if data is None:
            return b""
        if self.get_indent(accepted_media_type or "", renderer_context or {}) is None:
            try:
                body = orjson.dumps(data, default=_refuse, option=_PASSTHROUGH)
            except TypeError:  # orjson.JSONEncodeError is a TypeError
                pass
            else:
                return body.replace(b"\xe2\x80\xa8", b"\\u2028").replace(
                    b"\xe2\x80\xa9", b"\\u2029"
                )
        return super().render(data, accepted_media_type, renderer_context)


# Views that serve claim payloads: DRF's default pair with the JSON renderer swapped.
CLAIM_RENDERERS = [
    FastJSONRenderer,
    *(r for r in api_settings.DEFAULT_RENDERER_CLASSES if r is not JSONRenderer),
]


def passes_fragments(request: Any) -> bool:
    """Whether `request`'s response is rendered by FastJSONRenderer's compact path, which passes
    JSON built elsewhere (an `orjson.Fragment`, e.g. by PostgreSQL) through as it is."""
    renderer = getattr(request, "accepted_renderer", None)
    media_type = getattr(request, "accepted_media_type", "") or ""
    return isinstance(renderer, FastJSONRenderer) and renderer.get_indent(media_type, {}) is None
