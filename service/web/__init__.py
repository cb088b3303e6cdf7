"""The pages people read: ``GET /`` (the live article view) and the self-contained HTML report.

``render`` works with Jinja2 alone (no Flask), so the command line can write the same report.
"""
