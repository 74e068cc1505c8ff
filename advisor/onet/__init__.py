"""Every occupation: the O*NET database (imported by the user from the official text release) and
the NCES CIP-SOC crosswalk, stored in ``onet.db`` in the user data folder.

:mod:`.release` reads a release folder, :mod:`.importer` builds the database and the title vectors,
:mod:`.crosswalk` reads the CIP-SOC file, :mod:`.occupations` searches and describes occupations
and recognises past job titles in a jobseeker's words. Nothing here imports :mod:`advisor.guidance`
(the CLI adds wages), so guidance can call in through its service.
"""
