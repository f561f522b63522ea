import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXKit

/// Options every catalog command shares: where the catalog is and which language to speak.
struct CatalogOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Tệp danh mục / catalog file (mặc định $HTX_DB, rồi ./htx.sqlite).", valueName: "PATH"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Ngôn ngữ thông báo / message language: vi, en.", valueName: "LANG"))
    var lang: String?

    /// The catalog path: `--db`, else `$HTX_DB`, else `./htx.sqlite`.
    var path: String {
        if let db, !db.isEmpty { return db }
        if let env = ProcessInfo.processInfo.environment["HTX_DB"], !env.isEmpty { return env }
        return "htx.sqlite"
    }

    var console: Console { Console(lang: Lang.resolve(explicit: lang)) }

    /// How long a write waits for another process before "busy": `$HTX_BUSY_TIMEOUT` seconds, else 5.
    var busyTimeout: Double {
        ProcessInfo.processInfo.environment["HTX_BUSY_TIMEOUT"].flatMap(Double.init).flatMap {
            $0 >= 0 && $0.isFinite ? $0 : nil
        }
            ?? Catalog.defaultBusyTimeout
    }

    /// The use cases over the existing catalog, to read and write it; a missing one is an error that says to run
    /// `htx init`.
    func kit(readers: Int = 1) throws -> Kit {
        try Kit.open(path: path, access: .write, busyTimeout: busyTimeout, readers: readers)
    }

    /// The use cases over the existing catalog, to read it only: a catalog in a read-only folder, or one a newer htx
    /// made, reads.
    func readingKit() throws -> Kit { try Kit.open(path: path, access: .read, busyTimeout: busyTimeout) }

    func validate() throws {
        if let lang, Lang(rawValue: lang.lowercased()) == nil {
            throw ValidationError("--lang: dùng vi hoặc en / use vi or en")
        }
    }
}

/// The `--by` option: who makes the change, for history.
struct OriginOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Người/đơn vị thực hiện, ghi vào lịch sử (mặc định $HTX_ORG) / who makes the change.", valueName: "ORG"))
    var by: String?

    /// The origin written to history, naming the command as the source.
    func origin(_ source: String) -> ChangeOrigin {
        let env = ProcessInfo.processInfo.environment
        let who = by ?? env["HTX_ORG"] ?? env["USER"]
        return ChangeOrigin(by: who.map(VietnameseText.clean), source: source)
    }
}
