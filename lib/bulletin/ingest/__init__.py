"""Reading a dataset folder: files, CSV/XLSX/Parquet readers, the shared sheet reader,
row validation, the unit registry, and the reading halves of the scores, items, hall
and targets inputs. Imports only ``core``."""
