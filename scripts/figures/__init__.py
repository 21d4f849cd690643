"""Charts for the report: one house style (style.py), one module per stage."""
