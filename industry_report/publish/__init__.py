"""From values to documents: templating, table layout, values registry, checks, rendering."""
