"""The web UI of `detente serve`: Jinja2 pages, inline SVG charts, static CSS and JS."""
