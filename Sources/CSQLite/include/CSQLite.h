#include "sqlite3.h"

/// SQLITE_TRANSIENT, which Swift cannot import (a macro casting -1 to a function pointer):
/// tells SQLite to copy a bound value before the bind call returns.
static inline sqlite3_destructor_type csqlite_transient(void) { return (sqlite3_destructor_type)-1; }

/// Turns off SQLite's memory statistics (sqlite3_config is variadic: Swift cannot call it). With them
/// on, every allocation SQLite makes takes a process-wide mutex, whatever the connection's threading
/// mode. Effective only before SQLite initializes (the first connection opened); SQLITE_MISUSE after.
static inline int csqlite_disable_memstatus(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
