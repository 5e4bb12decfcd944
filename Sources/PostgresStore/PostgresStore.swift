#if PostgreSQL
import ActorGraphModel
import Foundation
import GraphStore
import PostgresNIO

/// The graph kept in a PostgreSQL database, which several machines write into at once.
///
/// The tables are those of `SQLiteStore` (documents, nodes, mentions, edges, evidence) under the same
/// named migrations, with every text column in the "C" collation so that rows come back in the same
/// byte order as from SQLite and the two backends export identical GraphML.
///
/// Writers are safe together: `ingest` takes a transaction-level advisory lock per document (in one
/// global order), inserts nodes and edges in sorted order with `ON CONFLICT DO NOTHING` (so existing
/// rows are never locked), keeps evidence unique on (edge, document, sentence), and retries the whole
/// batch on a deadlock, serialization failure or a conflict another writer caused. A writer killed
/// mid-batch loses only its open transaction; running it again completes the work.
///
/// The client is postgres-nio on SwiftNIO's shared event loop; the calls here block on its futures,
/// so the command line stays synchronous. A store is used from one thread: it is deliberately not `Sendable`.
public final class PostgresStore {
    /// The server URL, its password hidden.
    public let location: String
    public let isReadOnly: Bool
    let connection: PostgresConnection
    let logger: Logger
    var transactionDepth = 0
    private var cursorCounter = 0

    /// Connects to `url` (`postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME]`) and, unless
    /// `readOnly`, brings the schema up to date under an advisory lock (so that writers starting together
    /// migrate once). `schema` keeps the graph in its own PostgreSQL schema (created when missing).
    ///
    /// - Throws: `StoreError` when the URL is malformed, the server cannot be reached or refuses the
    ///   login, or a read-only store lacks migrations.
    public init(url: String, readOnly: Bool = false) throws {
        location = redactedStoreLocation(url)
        isReadOnly = readOnly
        var logger = Logger(label: "actorgraph.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let parsed = try PostgresURL(url, location: location)
        var configuration = PostgresConnection.Configuration(
            host: parsed.host, port: parsed.port, username: parsed.user, password: parsed.password,
            database: parsed.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.additionalStartupParameters = [("application_name", "actorgraph \(getpid())")]
        do {
            connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration,
                id: 1, logger: logger
            ).wait()
        } catch {
            throw StoreError("cannot connect to the PostgreSQL server: \(Self.describe(error))", path: location)
        }
        try execute("SET client_min_messages = warning")
        if let schema = parsed.schema {
            if !readOnly {
                try transaction {
                    try execute("SELECT pg_advisory_xact_lock(\(Self.migrationLockKey))")
                    try execute("CREATE SCHEMA IF NOT EXISTS \(schema)")
                }
            }
            try execute("SET search_path TO \(schema)")
        }
        if readOnly {
            try requireMigrated()
            try execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        } else {
            try migrate()
        }
    }

    deinit {
        try? connection.close().wait()
    }

    /// How many documents, nodes, edges and evidence rows the store holds.
    public func counts() throws -> StoreCounts {
        let row = try queryOne("""
            SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM nodes),
                   (SELECT count(*) FROM edges), (SELECT count(*) FROM evidence)
            """)
        return StoreCounts(documents: try row.int(0), nodes: try row.int(1), edges: try row.int(2), evidence: try row.int(3))
    }

    /// Names of the migrations applied to this store, in order.
    public func appliedMigrations() throws -> [String] {
        try query("SELECT name FROM migrations ORDER BY name").map { try $0.string(0) }
    }

    /// Runs `body` in one transaction; nested calls are savepoints. On an error the transaction
    /// (or savepoint) is rolled back and the error rethrown.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        let depth = transactionDepth
        try execute(depth == 0 ? "BEGIN" : "SAVEPOINT s\(depth)")
        transactionDepth += 1
        do {
            let result = try body()
            transactionDepth -= 1
            try execute(depth == 0 ? "COMMIT" : "RELEASE SAVEPOINT s\(depth)")
            return result
        } catch {
            transactionDepth = depth
            if !connection.isClosed {
                _ = try? execute(depth == 0 ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT s\(depth)")
                if depth > 0 { _ = try? execute("RELEASE SAVEPOINT s\(depth)") }
            }
            throw error
        }
    }

    // MARK: Running SQL

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ sql: String, _ values: [Value] = []) throws -> [Row] {
        try run(sql, values).rows.map { Row(row: $0.makeRandomAccess()) }
    }

    /// Runs one statement and returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ values: [Value] = []) throws -> Int {
        try run(sql, values).metadata.rows ?? 0
    }

    /// Runs one statement that returns exactly one row.
    func queryOne(_ sql: String, _ values: [Value] = []) throws -> Row {
        guard let row = try query(sql, values).first else {
            throw StoreError("the server returned no row for: \(sql.prefix(80))", path: location)
        }
        return row
    }

    /// Streams the rows of a query through a server-side cursor, a few thousand at a time, so that a
    /// graph of millions of rows never sits in memory.
    func forEachRow(_ sql: String, _ values: [Value] = [], _ body: (Row) throws -> Void) throws {
        cursorCounter += 1
        let name = "c\(cursorCounter)"
        let fetch = 2000
        try transaction {
            try execute("DECLARE \(name) NO SCROLL CURSOR FOR \(sql)", values)
            while true {
                let rows = try query("FETCH FORWARD \(fetch) FROM \(name)")
                for row in rows { try body(row) }
                if rows.count < fetch { break }
            }
            try execute("CLOSE \(name)")
        }
    }

    private func run(_ sql: String, _ values: [Value]) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: values.count)
        for value in values { value.append(to: &binds) }
        do {
            return try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait()
        } catch {
            var storeError = StoreError("PostgreSQL: \(Self.describe(error))", path: location)
            storeError.sqlState = (error as? PSQLError)?.serverInfo?[.sqlState]
            throw storeError
        }
    }

    /// The server's message and SQLSTATE, or the client's description.
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let info = error.serverInfo, let message = info[.message] {
                var text = message
                if let detail = info[.detail] { text += " (\(detail))" }
                if let state = info[.sqlState] { text += " [SQLSTATE \(state)]" }
                return text
            }
            return "\(error.code)"
        }
        return "\(error)"
    }

    /// The key of the advisory lock that serializes migrations.
    static let migrationLockKey: Int64 = 0x6163_746f_7267_7261  // "actorgra"
}

extension PostgresStore: GraphStoreWriter {}

/// A bound parameter.
enum Value {
    case text(String?)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case texts([String])
    case ints([Int64])
    case doubles([Double])
    case bools([Bool])

    func append(to binds: inout PostgresBindings) {
        switch self {
        case .text(let v): binds.append(v)
        case .int(let v): binds.append(Int64(v))
        case .double(let v): binds.append(v)
        case .bool(let v): binds.append(v)
        case .texts(let v): binds.append(v)
        case .ints(let v): binds.append(v)
        case .doubles(let v): binds.append(v)
        case .bools(let v): binds.append(v)
        }
    }
}

/// One result row, read by column index.
struct Row {
    let row: PostgresRandomAccessRow

    func string(_ i: Int) throws -> String { try row[i].decode(String.self) }
    func optionalString(_ i: Int) throws -> String? { try row[i].decode(String?.self) }
    func int(_ i: Int) throws -> Int { try row[i].decode(Int.self) }
    func int64(_ i: Int) throws -> Int64 { try row[i].decode(Int64.self) }
    func double(_ i: Int) throws -> Double { try row[i].decode(Double.self) }
    func bool(_ i: Int) throws -> Bool { try row[i].decode(Bool.self) }
    func isNull(_ i: Int) -> Bool { row[i].bytes == nil }
}

/// The parts of a `postgres://` URL.
struct PostgresURL {
    var user: String
    var password: String?
    var host: String
    var port: Int
    var database: String?
    var schema: String?

    init(_ url: String, location: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
              scheme == "postgres" || scheme == "postgresql" else {
            throw StoreError("not a PostgreSQL URL; write postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE", path: location)
        }
        user = components.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        password = components.password
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        port = components.port ?? 5432
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? nil : path
        for item in components.queryItems ?? [] {
            switch item.name {
            case "schema":
                guard let name = item.value, !name.isEmpty,
                      name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
                    throw StoreError("schema= takes a lowercase ASCII name (letters, digits, _)", path: location)
                }
                schema = name
            case "sslmode":
                guard item.value == "disable" else {
                    throw StoreError("only sslmode=disable is supported; reach a remote server through an SSH tunnel", path: location)
                }
            default:
                throw StoreError("unknown URL parameter `\(item.name)` (known: schema, sslmode)", path: location)
            }
        }
    }
}
#endif
