"""bulletin: the monthly 政务服务运行情况通报, computed from the platform's exports.

The path of data is the architecture:
dataset folder → readers (read + validate) → facts (unit_month) → indicators
(roll-ups, comparisons, rankings, problems) → sections → notebook → site + PDF.
"""

__version__ = "0.1.0"
