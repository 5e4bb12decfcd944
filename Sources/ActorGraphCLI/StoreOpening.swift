import ArgumentParser
import GraphStore
#if PostgreSQL
import PostgresStore
#endif

/// Opens the store `--store` names: a PostgreSQL server for `postgres://…` (when built with the
/// `PostgreSQL` trait), otherwise a SQLite file. A store that cannot be opened exits 1 with the reason.
func openStore(_ location: String, readOnly: Bool = false) throws -> any GraphStoreWriter {
    do {
        if isPostgresLocation(location) {
            #if PostgreSQL
            return try PostgresStore(url: location, readOnly: readOnly)
            #else
            throw StoreError(
                "this actorgraph was built without PostgreSQL support; build it with `swift build --traits PostgreSQL` "
                    + "(or `swift build -c release --traits PostgreSQL`) to use a postgres:// store",
                path: redactedStoreLocation(location))
            #endif
        }
        return try SQLiteStore(path: location, readOnly: readOnly, upgrading: { warn("actorgraph: \($0)") })
    } catch {
        warn("actorgraph: \(error)")
        throw ExitCode(1)
    }
}
