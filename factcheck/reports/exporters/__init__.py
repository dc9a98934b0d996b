"""Output formats, one small module per format. Each takes claims from reports.selectors and
yields or returns the serialised document; none of them queries the database per row."""
