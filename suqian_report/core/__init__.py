"""The core every layer stands on: the data model (:mod:`.model`), positions and the maps between texts
(:mod:`.offsets`), the loaded page (:mod:`.document`), text helpers (:mod:`.hanzi`, :mod:`.patterns`), body names
(:mod:`.bodies`), errors and limits."""

__version__ = "0.1.0"
