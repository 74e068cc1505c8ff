"""Guidance: matching, gaps, training, ladders and plans. Never imports the TUI."""
