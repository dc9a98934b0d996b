"""Django forms of the browser UI, by page: articles, claims, revisions."""
