"""`plantrack serve`: a local web app over the quarterly run, for officers without a terminal.

Flask is imported only here, so the CLI's other commands start without it.
"""

from plantrack.serve.app import create_app, serve

__all__ = ["create_app", "serve"]
