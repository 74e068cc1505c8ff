"""Competency Advisor: from a jobseeker's own words to CMC competencies, gaps and next steps.

Importing this package is cheap: it loads neither the embedding stack (torch,
sentence-transformers, faiss) nor the terminal UI (textual). Those are imported late,
inside the functions that first need them.
"""

import os as _os

# The vector maths here are tiny (a few thousand rows); a multi-threaded BLAS only spins and steals
# the cores the embedding model needs (measured: match time x3). Set before numpy is imported.
for _var in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_var, "1")

__version__ = "0.1.0"

__all__ = ["__version__"]
