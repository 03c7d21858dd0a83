"""The dataset layer: reports to rows (one definition, :mod:`.rows`), and the writers that store them as JSON,
JSON Lines, CSV (long or the wide panel), SQLite or Parquet (:mod:`.writers`), one report at a time."""
