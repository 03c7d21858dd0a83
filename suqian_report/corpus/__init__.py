"""Corpus: many pages and many reports.  :mod:`.batch` runs pages in worker processes (``extract_many``),
:mod:`.compare` lines reports up by body and year, :mod:`.dask` maps pages on a cluster."""
