"""The bottom layer: months, the catalogue of figures, config, working days, findings,
paths and errors. Imports nothing else of bulletin; reads no input data."""
