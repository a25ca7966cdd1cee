"""The sections of each kind of bulletin, one module per kind, and the registry that
names them (``registry.SECTIONS``)."""
