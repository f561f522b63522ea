import Foundation
import HTXCatalog
import HTXKit

extension Bench {
    /// What the mixed load came to: requests by kind of answer, and what the catalog holds afterwards.
    struct MixedLoad {
        var seconds: Int
        var requests = 0
        var reads = 0
        var writes = 0
        var serverErrors = 0
        var otherStatuses = 0
        var historyAdded = 0
        var integrity = ""
        var rate = 0.0
        /// wrk's connections: decisions sent when the time is up are written but not counted, one per connection.
        static let connections = 8

        /// No server error, every decision answered 303 in history and at most one more per connection, the
        /// catalog whole.
        var held: Bool {
            serverErrors == 0 && otherStatuses == 0 && historyAdded >= writes
                && historyAdded <= writes + MixedLoad.connections && integrity == "ok"
        }
    }

    /// Signed-in reads and writes of the office web application under wrk for `seconds` on loopback (SPEC §10's
    /// load test): the demo catalog, one administrator, 7 reads (list, search, record, shortlist) for 3 decisions
    /// on shortlist entries, each with its own note so that every one is a change. Holds when no answer is a
    /// server error, every decision answered 303 is one line of history, and `PRAGMA integrity_check` says ok.
    func mixedLoad(seconds: Int, log: (String) -> Void) throws -> MixedLoad? {
        guard let wrk = Bench.which("wrk") else {
            log("wrk is not installed (`apt-get install wrk`): the mixed load is skipped.")
            return nil
        }
        let folder = "\(out)/mixed-load"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = Bench.shell("'\(htx)' demo --out '\(folder)' >/dev/null 2>&1")
        let catalog = "\(folder)/htx.sqlite"
        let password = "một câu mật khẩu đủ dài cho bench"
        _ = Bench.shell(
            "printf '%s\\n' '\(password)' | '\(htx)' user add bench --role admin --password-stdin "
                + "--db '\(catalog)' >/dev/null 2>&1"
        )
        let (server, base) = try Bench.startServer(htx, catalog: catalog)
        defer { if server.isRunning { server.terminate() } }
        _ = Bench.waitUntilUp(base + "healthz", seconds: 10)
        let jar = "\(folder)/cookies.txt"
        let anonymous = Bench.csrf(Bench.shell("curl -s -c '\(jar)' '\(base)login'"))
        _ = Bench.shell(
            "curl -s -o /dev/null -b '\(jar)' -c '\(jar)' --data-urlencode '_csrf=\(anonymous)' "
                + "--data-urlencode 'username=bench' --data-urlencode 'password=\(password)' '\(base)login'")
        let csrf = Bench.csrf(Bench.shell("curl -s -b '\(jar)' '\(base)coops'"))
        let cookie =
            (try? String(contentsOfFile: jar, encoding: .utf8))?.split(separator: "\n")
            .first { $0.contains("htx_session") }?.split(separator: "\t").last.map(String.init) ?? ""
        let kit = try Kit.open(path: catalog, access: .read)
        let entries = try kit.shortlist(Kit.demoName).entries.map(\.id)
        let coops = try kit.list().prefix(20).map(\.id)
        let before = try kit.shortlistHistory(Kit.demoName).count
        guard !cookie.isEmpty, !csrf.isEmpty, !entries.isEmpty else {
            log("could not sign in to the server for the mixed load: skipped.")
            return nil
        }
        let script = "\(folder)/mixed.lua"
        try Bench.mixedScript(cookie: cookie, csrf: csrf, entries: entries, coops: coops)
            .write(toFile: script, atomically: true, encoding: .utf8)
        let text = Bench.shell(
            "'\(wrk)' -t2 -c\(MixedLoad.connections) -d\(seconds)s --timeout 10s -s '\(script)' "
                + "'\(base.dropLast())' 2>&1"
        )
        server.terminate()
        server.waitUntilExit()
        var result = MixedLoad(seconds: seconds)
        for line in text.split(separator: "\n") where line.hasPrefix("htx-mixed ") {
            let fields = Dictionary(
                line.split(separator: " ").dropFirst().compactMap { pair -> (String, Int)? in
                    let parts = pair.split(separator: "=")
                    return parts.count == 2 ? (String(parts[0]), Int(parts[1]) ?? 0) : nil
                }, uniquingKeysWith: +)
            result.reads = fields["reads"] ?? 0
            result.writes = fields["writes"] ?? 0
            result.serverErrors = fields["errors"] ?? 0
            result.otherStatuses = fields["other"] ?? 0
            result.requests = fields["total"] ?? 0
        }
        result.rate =
            text.split(separator: "\n").first { $0.hasPrefix("Requests/sec:") }.flatMap {
                Double($0.split(separator: " ").last ?? "")
            } ?? 0
        let after = try Kit.open(path: catalog, access: .read)
        result.historyAdded = try after.shortlistHistory(Kit.demoName).count - before
        result.integrity = try after.catalog.doctor().integrity
        log("## Mixed reads and writes, signed in (`htx-bench --mixed-load \(seconds)`)")
        log("")
        log(
            "The demo catalog, one administrator's session; wrk 2 threads, 8 connections, \(seconds) s on loopback; "
                + "7 reads (list, search, a record, the shortlist) for 3 decisions on shortlist entries, each "
                + "with the session's CSRF token and its own note.")
        log("")
        log(
            "| requests | per second | reads 200 | decisions 303 | server errors | other | history lines added | "
                + "integrity_check |")
        log("|---|---|---|---|---|---|---|---|")
        log(
            "| \(result.requests) | \(Int(result.rate)) | \(result.reads) | \(result.writes) | "
                + "\(result.serverErrors) | "
                + "\(result.otherStatuses) | \(result.historyAdded) | \(result.integrity) |")
        log("")
        log(
            result.held
                ? "Held: no server error; every decision answered 303 is in history (the lines beyond are the "
                    + "decisions in flight when wrk stopped counting, at most one per connection); the catalog is "
                    + "whole."
                : "DID NOT HOLD: see the counts above.")
        log("")
        return result
    }

    /// The first `_csrf` field's value in a page.
    static func csrf(_ page: String) -> String {
        guard let range = page.range(of: "name=\"_csrf\" value=\"[0-9a-f]+\"", options: .regularExpression) else {
            return ""
        }
        return String(page[range].dropFirst("name=\"_csrf\" value=\"".count).dropLast())
    }

    /// The wrk script: a fixed cycle of reads and decisions, counting answers by kind in each thread and adding
    /// them up at the end (one `htx-mixed` line).
    static func mixedScript(cookie: String, csrf: String, entries: [Int64], coops: [Int64]) -> String {
        """
        local cookie = "htx_session=\(cookie)"
        local csrf = "\(csrf)"
        local entries = {\(entries.map(String.init).joined(separator: ","))}
        local coops = {\(coops.map(String.init).joined(separator: ","))}
        local threads = {}
        -- Globals, so that done() can read each thread's with thread:get.
        counter = 0
        reads, writes, errors, other = 0, 0, 0, 0
        function setup(thread)
          thread:set("id", #threads + 1)
          table.insert(threads, thread)
        end
        function request()
          counter = counter + 1
          local step = counter % 10
          local headers = { ["Cookie"] = cookie }
          if step == 1 or step == 4 or step == 7 then
            local entry = entries[(counter % #entries) + 1]
            local status = (counter % 2 == 0) and "approved" or "rejected"
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            local body = "_csrf=" .. csrf .. "&status=" .. status .. "&note=t" .. id .. "-" .. counter
            return wrk.format("POST", "/shortlists/demo/entries/" .. entry, headers, body)
          elseif step == 2 then
            return wrk.format("GET", "/coops?q=%C4%90%C3%B4ng%20Anh&format=json", headers)
          elseif step == 3 or step == 8 then
            return wrk.format("GET", "/coops/" .. coops[(counter % #coops) + 1], headers)
          elseif step == 5 then
            return wrk.format("GET", "/shortlists/demo", headers)
          else
            return wrk.format("GET", "/coops", headers)
          end
        end
        function response(status, headers, body)
          if status == 200 then reads = reads + 1
          elseif status == 303 then writes = writes + 1
          elseif status >= 500 then errors = errors + 1
          else other = other + 1 end
        end
        function done(summary, latency, requests)
          local r, w, e, o = 0, 0, 0, 0
          for _, thread in ipairs(threads) do
            r = r + thread:get("reads"); w = w + thread:get("writes")
            e = e + thread:get("errors"); o = o + thread:get("other")
          end
          io.write(string.format("htx-mixed reads=%d writes=%d errors=%d other=%d total=%d\\n", r, w, e, o,
            summary.requests))
        end
        """
    }
}
