"""The unit_month facts: additive counts per (month, unit), from case data in one
validated streaming pass (``cube``) or from aggregated exports (``build``)."""
