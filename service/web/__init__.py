"""The pages people read: ``GET /`` (the live article view) and the self-contained HTML report.

``report`` renders with Jinja2 alone (no Flask), so the command line can write the same report.
"""
