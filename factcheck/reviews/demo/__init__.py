"""Demo content for `manage.py loaddemo`: the seed article text and the claims checked in it."""
