import Foundation
import HTXCatalog
import HTXCore
import HTXKit
import Hummingbird
import Mustache

/// The office web application: the catalog, data quality, shortlists, itineraries and documents over the same use
/// cases (`Kit`) as the command line. Handlers parse the request, make one call and render a template or the CLI's
/// JSON.
public struct WebApp: Sendable {
    public let kit: Kit
    public let configuration: WebConfiguration
    let library: MustacheLibrary
    /// The token every state-changing request carries (field `_csrf` or header `X-CSRF-Token`).
    public let csrfToken: String
    let boundaries: [DistrictBoundary]
    /// The list's facet counts, kept until the catalog changes.
    let cache = FacetCache()

    /// Loads the templates from the seeds and opens nothing else: `kit` is the catalog's use cases.
    public init(kit: Kit, configuration: WebConfiguration, csrfToken: String? = nil) async throws {
        self.kit = kit
        self.configuration = configuration
        library = try await MustacheLibrary(
            directory: configuration.seeds.url.appendingPathComponent("web/templates").path)
        self.csrfToken = csrfToken ?? WebApp.randomToken()
        boundaries = (try? configuration.seeds.districtBoundaries()) ?? []
    }

    /// 32 random bytes as hex.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Every route of SPEC §9, behind the host check, the CSRF check, the security headers and the request log.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: HostCheckMiddleware(configuration: configuration))
        router.add(middleware: CSRFMiddleware(token: csrfToken))
        router.get("healthz") { _, _ in WebResponse.text("ok") }
        router.get("/") { request, _ in
            Response(status: .seeOther, headers: [.location: "/coops" + (request.uri.query.map { "?" + $0 } ?? "")])
        }
        router.get("static/:file") { _, context in try self.staticFile(WebApp.parameter(context, "file")) }
        router.get("coops") { request, _ in await self.answer(request) { try self.coops(request) } }
        router.get("coops/:id") { request, context in
            await self.answer(request) { try self.coop(request, id: WebApp.parameter(context, "id")) }
        }
        router.post("coops/:id") { request, context in
            let form = try await WebApp.form(request)
            return await self.answer(request) {
                try self.editCoop(request, id: WebApp.parameter(context, "id"), form: form)
            }
        }
        router.get("import") { request, _ in self.importForm(request) }
        router.post("import") { request, _ in
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: WebApp.uploadLimit)
            } catch {
                return WebResponse.text(WebApp.tooLarge(nil), status: .contentTooLarge)
            }
            let sent = request
            return await self.answer(sent) { try self.importUpload(sent, body: body) }
        }
        router.get("check") { request, _ in await self.answer(request) { try self.check(request) } }
        router.get("shortlists") { request, _ in await self.answer(request) { try self.shortlists(request) } }
        router.post("shortlists") { request, _ in
            let form = try await WebApp.form(request)
            return await self.answer(request) { try self.buildShortlist(request, form: form) }
        }
        router.get("itineraries") { request, _ in await self.answer(request) { try self.itineraries(request) } }
        router.post("itineraries") { request, _ in
            let form = try await WebApp.form(request)
            return await self.answer(request) { try self.planItinerary(request, form: form) }
        }
        router.get("shortlists/:name") { request, context in
            await self.answer(request) { try self.shortlist(request, name: WebApp.parameter(context, "name")) }
        }
        router.post("shortlists/:name/entries/:id") { request, context in
            let form = try await WebApp.form(request)
            return await self.answer(request) {
                try self.decide(
                    request, name: WebApp.parameter(context, "name"), id: WebApp.parameter(context, "id"),
                    form: form)
            }
        }
        router.get("itineraries/:name") { request, context in
            await self.answer(request) { try self.itinerary(request, name: WebApp.parameter(context, "name")) }
        }
        router.get("itineraries/:name/check") { request, context in
            await self.answer(request) { try self.checkOrder(request, name: WebApp.parameter(context, "name")) }
        }
        router.get("itineraries/:name/today") { request, context in
            await self.answer(request) { try self.today(request, name: WebApp.parameter(context, "name")) }
        }
        router.get("itineraries/:name/visit") { request, context in
            await self.answer(request) { try self.visitForm(request, name: WebApp.parameter(context, "name")) }
        }
        router.post("itineraries/:name/visit") { request, context in
            let form = try await WebApp.form(request)
            return await self.answer(request) {
                try self.saveVisit(request, name: WebApp.parameter(context, "name"), form: form)
            }
        }
        router.post("itineraries/:name/replan") { request, context in
            let form = try await WebApp.form(request)
            return await self.answer(request) {
                try self.replanDay(request, name: WebApp.parameter(context, "name"), form: form)
            }
        }
        router.get("itineraries/:name/:file") { request, context in
            await self.answer(request) {
                try self.document(
                    request, name: WebApp.parameter(context, "name"), file: WebApp.parameter(context, "file"))
            }
        }
        // Any other address: the error page, through the same middleware (headers, host and token checks).
        // Also below the routes with parameters, which would otherwise answer an empty 404 around the middleware.
        for prefix in ["", "coops/:id/", "shortlists/:name/", "itineraries/:name/:file/"] {
            router.get(RouterPath(prefix + "**")) { request, _ in self.failure(WebApp.NoSuchPage(), request: request) }
        }
        router.post("**") { request, _ in self.failure(WebApp.NoSuchPage(), request: request) }
        return router
    }

    /// A request for an address the application does not have.
    struct NoSuchPage: Error {}

    /// Serves until SIGTERM or SIGINT, finishing the requests in flight; `onRunning` gets the base URL once the
    /// port is bound.
    public func serve(onRunning: @escaping @Sendable (String) -> Void) async throws {
        let configuration = self.configuration
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
                onRunning("http://\(host):\(port)/")
                // The first page's counts, made while nobody waits for them (a large catalog's take a moment).
                WebApp.workers.addOperation { _ = try? self.listFacets(ListFilter()) }
            }
        )
        pruneAbandonedStaging()
        try await app.runService()
        // Previews never committed go with the server.
        try? FileManager.default.removeItem(at: stagingRoot)
    }

    /// A path parameter, percent-decoded (names may be Vietnamese or hold spaces).
    static func parameter(_ context: BasicRequestContext, _ name: String) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// The body of a form post (at most 1 MiB), as fields.
    static func form(_ request: Request) async throws -> FormBody {
        var request = request
        let buffer = try await request.collectBody(upTo: 1 << 20)
        return FormBody(String(buffer: buffer))
    }

    /// Runs a handler on a worker thread, turning its error into the page or JSON of the right status; a failure
    /// never escapes.
    ///
    /// The handlers read and write SQLite, which blocks: off Swift's few cooperative threads (one per core), the
    /// server keeps accepting and answering while the catalog's pool reads side by side.
    func answer(_ request: Request, _ body: @escaping @Sendable () throws -> Response) async -> Response {
        await withCheckedContinuation { continuation in
            WebApp.workers.addOperation {
                do {
                    continuation.resume(returning: try body())
                } catch {
                    continuation.resume(returning: self.failure(error, request: request))
                }
            }
        }
    }

    /// The threads handlers run on: as many as the catalog has readers, taking requests in the order they came
    /// (a thread per request only shares the same cores more finely, and leaves requests waiting on the pool).
    static let workers: OperationQueue = {
        let queue = OperationQueue()
        queue.name = "htx.web.workers"
        queue.maxConcurrentOperationCount = WebApp.readers
        return queue
    }()

    /// How many connections read the catalog at once when the server opens it.
    public static let readers = 4

    /// A file of `Seeds/web/static` (names only: no path from the request is followed).
    func staticFile(_ name: String) throws -> Response {
        let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8"]
        guard name.range(of: "^[a-z0-9-]+\\.(css|js)$", options: .regularExpression) != nil,
            let type = types[(name as NSString).pathExtension],
            let data = FileManager.default.contents(
                atPath: configuration.seeds.url.appendingPathComponent("web/static/\(name)").path)
        else { return WebResponse.text("404: no such file", status: .notFound) }
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "max-age=300"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
