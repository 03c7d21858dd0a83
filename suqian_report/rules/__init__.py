"""Rules that are data: vocabularies and mappings the stages consult."""
