import Foundation
import GRDB
import HTXCore

/// The catalog's migrations. A shipped migration is never edited: changes come as new, named migrations.
enum CatalogSchema {
    /// The first migration every htx catalog has applied: how a catalog is told from another application's file.
    static let firstMigration = "v1-catalog"

    /// Every migration this htx knows, in order.
    static let identifiers: [String] = migrator.migrations

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-catalog") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                    CREATE TABLE district (
                        code TEXT PRIMARY KEY NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL UNIQUE,
                        lat REAL NOT NULL, lon REAL NOT NULL);
                    CREATE TABLE sector (code TEXT PRIMARY KEY NOT NULL, label TEXT NOT NULL);
                    CREATE TABLE legal_form (code TEXT PRIMARY KEY NOT NULL, label TEXT NOT NULL);
                    CREATE TABLE cooperative (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        name TEXT NOT NULL,
                        sort_key BLOB NOT NULL,
                        identity_key TEXT NOT NULL,
                        tax_code TEXT UNIQUE,
                        district TEXT,
                        sectors TEXT NOT NULL DEFAULT '',
                        grade TEXT,
                        record TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL);
                    CREATE INDEX cooperative_sort ON cooperative(sort_key);
                    CREATE INDEX cooperative_identity ON cooperative(identity_key, district);
                    CREATE VIRTUAL TABLE cooperative_fts USING fts5(
                        name_folded, text_folded, name_exact, text_exact,
                        tokenize = 'unicode61 remove_diacritics 0', columnsize = 0);
                    INSERT INTO cooperative_fts(cooperative_fts, rank) VALUES('hashsize', 8388608);
                    CREATE TABLE history (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        coop_id INTEGER NOT NULL,
                        coop_name TEXT NOT NULL,
                        at TEXT NOT NULL,
                        by TEXT,
                        action TEXT NOT NULL,
                        field TEXT,
                        old TEXT,
                        new TEXT,
                        source TEXT);
                    CREATE INDEX history_coop ON history(coop_id, id);
                    """)
        }
        migrator.registerMigration("v2-shortlist") { db in
            try db.execute(
                sql: """
                    CREATE TABLE shortlist (
                        name TEXT PRIMARY KEY NOT NULL,
                        record TEXT NOT NULL,
                        built_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL);
                    """)
        }
        migrator.registerMigration("v3-itinerary") { db in
            try db.execute(
                sql: """
                    CREATE TABLE itinerary (
                        name TEXT PRIMARY KEY NOT NULL,
                        instance TEXT NOT NULL,
                        report TEXT NOT NULL,
                        parameters TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL);
                    """)
        }
        migrator.registerMigration("v4-search-exact-text-stored") { db in
            // The long text's exact-accent form is stored, no longer indexed: accent-exact words outside the names
            // are checked on it after a folded match (`SearchQuery.Tier.checksAccentsAfterIndex`), so an import
            // writes far fewer index entries.
            try db.execute(
                sql: """
                    DROP TABLE IF EXISTS cooperative_fts_v4;
                    CREATE VIRTUAL TABLE cooperative_fts_v4 USING fts5(
                        name_folded, text_folded, name_exact, text_exact UNINDEXED,
                        tokenize = 'unicode61 remove_diacritics 0', columnsize = 0);
                    INSERT INTO cooperative_fts_v4(cooperative_fts_v4, rank) VALUES('hashsize', 8388608);
                    INSERT INTO cooperative_fts_v4(rowid, name_folded, text_folded, name_exact, text_exact)
                        SELECT rowid, name_folded, text_folded, name_exact, text_exact FROM cooperative_fts;
                    DROP TABLE cooperative_fts;
                    ALTER TABLE cooperative_fts_v4 RENAME TO cooperative_fts;
                    """)
        }
        migrator.registerMigration("v5-itinerary-visit") { db in
            // The people, dates and signatures of the documents (docs/CONTRACT.md §5), as JSON; NULL until given.
            try db.execute(sql: "ALTER TABLE itinerary ADD COLUMN visit TEXT")
        }
        migrator.registerMigration("v6-accounts") { db in
            // The web application's users (SPEC §10), their sessions, failed logins for the lockout, and the audit
            // log; history names the organisation beside the user of every change made through the server.
            try db.execute(
                sql: """
                    CREATE TABLE user (
                        name TEXT PRIMARY KEY,
                        name_folded TEXT NOT NULL UNIQUE,
                        role TEXT NOT NULL CHECK (role IN ('admin', 'alliance', 'department', 'district', 'viewer')),
                        district TEXT,
                        org TEXT,
                        password_hash TEXT NOT NULL,
                        totp_secret TEXT,
                        disabled_at TEXT,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL);
                    CREATE TABLE session (
                        token_hash TEXT PRIMARY KEY,
                        user_name TEXT NOT NULL REFERENCES user(name) ON DELETE CASCADE,
                        csrf TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        seen_at TEXT NOT NULL);
                    CREATE INDEX session_user ON session(user_name);
                    CREATE TABLE login_failure (name_folded TEXT NOT NULL, at TEXT NOT NULL);
                    CREATE INDEX login_failure_name ON login_failure(name_folded, at);
                    CREATE TABLE audit (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at TEXT NOT NULL,
                        user_name TEXT,
                        event TEXT NOT NULL,
                        detail TEXT,
                        address TEXT);
                    ALTER TABLE history ADD COLUMN org TEXT;
                    """)
        }
        migrator.registerMigration("v7-units-2025") { db in
            // Hanoi's commune-level units in force since 1 July 2025 and the 2021 units each went into (SPEC §12),
            // loaded from Seeds/ by `htx init` or on the first write; a record's own unit lives in its JSON
            // (`unit2025`), indexed for `coop list --unit`.
            try db.execute(
                sql: """
                    CREATE TABLE unit2025 (code TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL);
                    CREATE TABLE unit2021 (
                        code TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, district TEXT NOT NULL,
                        into_code TEXT NOT NULL REFERENCES unit2025(code), whole INTEGER NOT NULL,
                        position INTEGER NOT NULL, PRIMARY KEY (code, into_code));
                    CREATE INDEX cooperative_unit2025 ON cooperative(json_extract(record, '$.unit2025.code'));
                    """)
            // The sort keys again: spaces and punctuation now weigh as in ICU's vi collation (CLDR root).
            let update = try db.makeStatement(sql: "UPDATE cooperative SET sort_key = ? WHERE id = ?")
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM cooperative") {
                let name: String = row["name"]
                try update.execute(arguments: [Data(VietnameseText.sortKey(name)), row["id"] as Int64])
            }
        }
        migrator.registerMigration("v8-units-three-dates") { db in
            // The units before 1 July 2025 are now of two dates, the 579 of 2021 and the 526 of 1 January 2025,
            // whose codes are separate namespaces (00292 is Quỳnh Lôi in 2021 and Bạch Mai in 2025): a former unit
            // is known by its position in the table, not its code. Emptied, the tables are loaded again from
            // Seeds/ on the next write, and records whose 2021 commune only now resolves gain their unit.
            try db.execute(
                sql: """
                    DROP TABLE unit2021;
                    CREATE TABLE unit2021 (
                        code TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, district TEXT NOT NULL,
                        into_code TEXT NOT NULL REFERENCES unit2025(code), whole INTEGER NOT NULL,
                        position INTEGER NOT NULL, PRIMARY KEY (position, into_code));
                    DELETE FROM unit2025;
                    """)
        }
        migrator.registerMigration("v9-totp-step") { db in
            // The last time step whose second-factor code was accepted: a code opens one session, not several.
            try db.execute(sql: "ALTER TABLE user ADD COLUMN totp_step INTEGER")
        }
        return migrator
    }
}
