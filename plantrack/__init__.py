"""plantrack: the command-line tool that runs ingest → normalise → compare → outputs."""

__version__ = "0.1.0"
