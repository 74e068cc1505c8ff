"""The app's SQLite files: saved sessions and imported local programs, on shared plumbing
(:mod:`advisor.db.sqlite`) with their schemas as sqlite_utils migration sets."""
