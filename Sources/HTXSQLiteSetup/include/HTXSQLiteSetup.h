#ifndef HTX_SQLITE_SETUP_H
#define HTX_SQLITE_SETUP_H

/// Turns off SQLite's memory statistics, which take a global mutex on every allocation SQLite makes (the Debian
/// build has no lookaside memory, so that is every small allocation); must run before SQLite initialises.
/// Returns SQLite's result code: SQLITE_OK, or SQLITE_MISUSE when SQLite was already in use (nothing changes then).
/// `sqlite3_config` is variadic, which Swift cannot call: this is the one reason for this C file.
int htx_sqlite_disable_memory_statistics(void);

/// Lets `sqlite3_open_v2` read `file:` URIs, so that a catalog in a folder htx cannot write is opened with
/// `immutable=1` (SQLite cannot read a WAL file there otherwise). Must run before SQLite initialises; returns
/// SQLite's result code like the function above. htx turns every catalog path into a URI itself (`CatalogFile`).
int htx_sqlite_enable_uri_filenames(void);

#endif
