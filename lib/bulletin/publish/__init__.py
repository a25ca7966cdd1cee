"""Publishing executed months: reading executed notebooks, the PDF (pandoc + typst, or
Quarto), the offline site, and the runner that executes and swaps them in atomically."""
