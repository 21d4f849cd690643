"""Stage 4: recommendations traced to their evidence."""
