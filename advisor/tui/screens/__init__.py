"""One module per screen, each with a sibling ``.tcss``."""
