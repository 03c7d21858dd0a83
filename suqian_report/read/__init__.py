"""Read: bytes (a text dump or an HTML page in any common Chinese encoding, a PDF, a Word file; a path, stdin or a
gzip) become a :class:`~suqian_report.core.document.Document`: one line per block, each character's position in
the input.  :mod:`.inputs` finds the pages a command line names, :mod:`.load` reads one, :mod:`.decode` chooses
its encoding, :mod:`.html`, :mod:`.pdf` and :mod:`.word` flatten their kinds."""
