"""Old home of the saved sessions store, kept while imports move to :mod:`advisor.db.sessions`.

This name is the same module object as ``advisor.db.sessions``, so patching an attribute here
(tests freeze ``_now`` this way) patches the store itself.
"""

import sys

from .db import sessions as _sessions
from .db.sessions import SCHEMA_VERSION, Session, SessionStore  # noqa: F401

sys.modules[__name__] = _sessions
