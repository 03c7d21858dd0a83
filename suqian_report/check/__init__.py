"""Check: figures against each other (:mod:`.validate`: sums, shares, rates, the tables' identities, dates) and the
report against the rules it answers to (:mod:`.assess`: timeliness, completeness).  It knows figures and checks
only, so the table readers use its comparisons too."""
