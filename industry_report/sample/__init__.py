"""Stage 2, part 1: the survey sample of Appendix 1 (design, sampling frame, selection)."""
