"""Importable core of the National Report pipeline: one module per concept."""
