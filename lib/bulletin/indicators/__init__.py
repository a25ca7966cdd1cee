"""Numbers from facts: roll-ups, rates from summed counts, comparisons, rankings, and the
computing halves of scores, items, hall and targets. No sentences here."""
