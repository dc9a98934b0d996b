"""The web layer: every HTML page, fetch fragment and form of the browser UI.

It sits on top of the apps (core ← accounts ← articles ← claims ← reviews ← reports ← web) and
composes them, as `factcheck/api_urls.py` composes the API: views parse the request, call a
selector or a service, and render. Domain errors become responses in one place (web/errors.py,
which shares its table with the API's exception handler).
"""
