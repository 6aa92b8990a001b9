"""outputs: snapshots (CSV, Parquet, Excel), changes.csv and the "what changed" report."""

__all__: list[str] = []
