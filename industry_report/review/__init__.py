"""The review bundle between two versions of the report."""
