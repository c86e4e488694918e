"""The language packs, one module per language: see ``core.language``."""
