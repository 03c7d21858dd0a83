"""The dataset layer beside :mod:`suqian_report.export`: one definition of the rows a report becomes
(:mod:`.rows`), and the dataset writers that store them one report at a time: SQLite (:mod:`.sqlite`), Parquet
(:mod:`.parquet`), the wide panel as CSV (:mod:`.panel`), and pandas frames (:mod:`.frame`)."""
