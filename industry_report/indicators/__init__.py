"""Stage 1: the 16 key indicators of Appendix 2, the sectoral and the regional review."""
