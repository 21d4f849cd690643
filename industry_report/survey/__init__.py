"""Stage 2: the enterprise survey and the map of problems and risks."""
