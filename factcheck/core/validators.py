"""Validators shared by services, serializers, forms and the admin."""

from __future__ import annotations

from django.core.validators import URLValidator

URL_NOT_HTTP = "Enter a valid http:// or https:// URL."

# Only web links: javascript:, data:, file: and the like are refused wherever a URL is stored.
http_url_validator = URLValidator(schemes=["http", "https"], message=URL_NOT_HTTP)
