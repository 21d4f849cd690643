"""Stage 3: the Industrial Development Index and its regression-correlation with the indicators."""
