"""Competency Advisor: from a jobseeker's own words to CMC competencies, gaps and next steps.

Importing this package is cheap: it loads neither the embedding stack (torch,
sentence-transformers, faiss) nor the terminal UI (textual). Those are imported late,
inside the functions that first need them.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
