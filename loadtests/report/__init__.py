"""The report: one Markdown document, rendered to HTML, with its chart, CSV and JSON beside it."""
