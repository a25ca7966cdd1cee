"""The bulletin of a month: the month model and its one loader (``open_month``),
formatting, narrative, annex tables, charts, findings and the section registry."""
