"""The one date and time format of the whole site: pages, reports, PDFs and the admin.

Django's own English formats say "Dec. 1, 2026, 7:19 p.m."; the site says "1 Dec 2026, 19:19"
everywhere. Templates use the named formats (`|date` for a day, `|date:"DATETIME_FORMAT"` for a
moment) and never spell a format of their own; tests/core/test_formats.py holds them to it.
Machine-readable values (`datetime="…"` attributes) stay ISO 8601 ("c", "Y-m-d").
"""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
# Input formats, separators and the first day of the week stay Django's English ones.
