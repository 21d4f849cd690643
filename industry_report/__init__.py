"""The National Report on the state of industry: the importable, pure code, a sub-package per stage."""
