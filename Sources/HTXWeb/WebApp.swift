import Foundation
import HTXCatalog
import HTXCore
import HTXKit
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Mustache
import NIOSSL

/// The office web application: the catalog, data quality, shortlists, itineraries and documents over the same use
/// cases (`Kit`) as the command line. Handlers parse the request, make one call and render a template or the CLI's
/// JSON.
public struct WebApp: Sendable {
    public let kit: Kit
    public let configuration: WebConfiguration
    let library: MustacheLibrary
    /// The token every state-changing request carries (field `_csrf` or header `X-CSRF-Token`) while no one is
    /// signed in; a session has its own.
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
        self.csrfToken = csrfToken ?? Kit.randomToken()
        boundaries = (try? configuration.seeds.districtBoundaries()) ?? []
    }

    /// Every route of SPEC §9 and §10, each registered from its line of the route table (`WebRoute`), behind the
    /// request log, the security headers, the host check, the access check (session and role) and the CSRF check.
    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: HostCheckMiddleware(configuration: configuration))
        router.add(middleware: AccessMiddleware(app: self))
        router.add(middleware: CSRFMiddleware(anonymous: csrfToken, secure: configuration.tls != nil))
        func on(_ route: WebRoute, _ handler: @escaping @Sendable (Request, WebContext) async throws -> Response) {
            router.on(RouterPath(route.path), method: route.method, use: handler)
        }
        /// A route whose handler reads the form, then runs on a worker.
        func form(
            _ route: WebRoute,
            _ handler: @escaping @Sendable (Request, WebContext, Visitor, FormBody) throws -> Response
        ) {
            on(route) { request, context in
                let form = try await WebApp.form(request)
                return await self.answer(request, context) { try handler(request, context, $0, form) }
            }
        }
        /// A route whose handler runs on a worker.
        func page(_ route: WebRoute, _ handler: @escaping @Sendable (Request, WebContext, Visitor) throws -> Response) {
            on(route) { request, context in await self.answer(request, context) { try handler(request, context, $0) } }
        }
        on(.healthz) { _, _ in WebResponse.text("ok") }
        on(.home) { request, _ in
            Response(status: .seeOther, headers: [.location: "/coops" + (request.uri.query.map { "?" + $0 } ?? "")])
        }
        on(.staticFile) { _, context in try self.staticFile(WebApp.parameter(context, "file")) }
        page(.loginForm) { request, _, visitor in self.loginForm(request, visitor: visitor) }
        form(.login) { request, context, visitor, form in
            try self.login(request, visitor: visitor, form: form, address: context.address)
        }
        page(.logout) { request, context, visitor in
            try self.logout(request, visitor: visitor, address: context.address)
        }
        page(.coops) { request, _, visitor in try self.coops(request, visitor: visitor) }
        page(.coop) { request, context, visitor in
            try self.coop(request, visitor: visitor, id: WebApp.parameter(context, "id"))
        }
        form(.editCoop) { request, context, visitor, form in
            try self.editCoop(request, visitor: visitor, id: WebApp.parameter(context, "id"), form: form)
        }
        page(.importForm) { request, _, visitor in self.importForm(request, visitor: visitor) }
        on(.importUpload) { request, context in
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: WebApp.uploadLimit)
            } catch {
                return WebResponse.text(WebApp.tooLarge(nil), status: .contentTooLarge)
            }
            let sent = request
            return await self.answer(sent, context) { try self.importUpload(sent, visitor: $0, body: body) }
        }
        page(.check) { request, _, visitor in try self.check(request, visitor: visitor) }
        page(.shortlists) { request, _, visitor in try self.shortlists(request, visitor: visitor) }
        form(.buildShortlist) { request, _, visitor, form in
            try self.buildShortlist(request, visitor: visitor, form: form)
        }
        page(.itineraries) { request, _, visitor in try self.itineraries(request, visitor: visitor) }
        form(.planItinerary) { request, _, visitor, form in
            try self.planItinerary(request, visitor: visitor, form: form)
        }
        page(.shortlist) { request, context, visitor in
            try self.shortlist(request, visitor: visitor, name: WebApp.parameter(context, "name"))
        }
        form(.decide) { request, context, visitor, form in
            try self.decide(
                request, visitor: visitor, name: WebApp.parameter(context, "name"), id: WebApp.parameter(context, "id"),
                form: form)
        }
        page(.itinerary) { request, context, visitor in
            try self.itinerary(request, visitor: visitor, name: WebApp.parameter(context, "name"))
        }
        page(.checkOrder) { request, context, visitor in
            try self.checkOrder(request, visitor: visitor, name: WebApp.parameter(context, "name"))
        }
        page(.today) { request, context, visitor in
            try self.today(request, visitor: visitor, name: WebApp.parameter(context, "name"))
        }
        page(.visitForm) { request, context, visitor in
            try self.visitForm(request, visitor: visitor, name: WebApp.parameter(context, "name"))
        }
        form(.saveVisit) { request, context, visitor, form in
            try self.saveVisit(request, visitor: visitor, name: WebApp.parameter(context, "name"), form: form)
        }
        form(.replan) { request, context, visitor, form in
            try self.replanDay(request, visitor: visitor, name: WebApp.parameter(context, "name"), form: form)
        }
        page(.document) { request, context, visitor in
            try self.document(
                request, visitor: visitor, name: WebApp.parameter(context, "name"),
                file: WebApp.parameter(context, "file"))
        }
        page(.letters) { request, context, visitor in
            try self.document(request, visitor: visitor, name: WebApp.parameter(context, "name"), file: "letters.zip")
        }
        page(.users) { request, _, visitor in try self.users(request, visitor: visitor) }
        form(.addUser) { request, _, visitor, form in try self.addUser(request, visitor: visitor, form: form) }
        form(.disableUser) { request, context, visitor, form in
            try self.disableUser(request, visitor: visitor, name: WebApp.parameter(context, "name"), form: form)
        }
        page(.audit) { request, _, visitor in try self.audit(request, visitor: visitor) }
        // Any other address: the error page, through the same middleware (headers, host, access and token checks).
        // Also below the routes with parameters, which would otherwise answer an empty 404 around the middleware.
        for route in WebRoute.unknownPages + [WebRoute.unknownPost] {
            on(route) { request, context in
                self.failure(WebApp.NoSuchPage(), request: request, visitor: context.visitor)
            }
        }
        return router
    }

    /// A request for an address the application does not have.
    struct NoSuchPage: Error {}

    /// A request the visitor's role may not make.
    struct Forbidden: Error {}

    /// Serves until SIGTERM or SIGINT, finishing the requests in flight; `onRunning` gets the base URL once the
    /// port is bound.
    public func serve(onRunning: @escaping @Sendable (String) -> Void) async throws {
        let configuration = self.configuration
        let app = Application(
            router: router(),
            server: try server(),
            configuration: .init(
                address: .hostname(configuration.bindAddress ?? configuration.host, port: configuration.port),
                serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
                onRunning("\(configuration.tls == nil ? "http" : "https")://\(host):\(port)/")
                // The first page's counts, made while nobody waits for them (a large catalog's take a moment).
                WebApp.workers.addOperation { _ = try? self.listFacets(ListFilter()) }
            }
        )
        pruneAbandonedStaging()
        try await app.runService()
        // Previews never committed go with the server.
        try? FileManager.default.removeItem(at: stagingRoot)
    }

    /// HTTP/1.1, over TLS when the configuration names a certificate and key (PEM files).
    func server() throws -> HTTPServerBuilder {
        guard let tls = configuration.tls else { return .http1() }
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(tls.certificate)
            key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
        } catch {
            throw UserError(
                "không đọc được chứng thư \(tls.certificate) hoặc khoá \(tls.key) (cần tệp PEM): \(error)",
                "could not read the certificate \(tls.certificate) or the key \(tls.key) (PEM files needed): \(error)")
        }
        var settings = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        settings.minimumTLSVersion = .tlsv12
        return try .tls(.http1(), tlsConfiguration: settings)
    }

    /// A path parameter, percent-decoded (names may be Vietnamese or hold spaces).
    static func parameter(_ context: WebContext, _ name: String) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// The body of a form post (at most 1 MiB), as fields.
    static func form(_ request: Request) async throws -> FormBody {
        var request = request
        let buffer = try await request.collectBody(upTo: 1 << 20)
        return FormBody(String(buffer: buffer))
    }

    /// Runs a handler on a worker thread for the visitor the access check found, turning its error into the page or
    /// JSON of the right status; a failure never escapes.
    ///
    /// The handlers read and write SQLite, which blocks: off Swift's few cooperative threads (one per core), the
    /// server keeps accepting and answering while the catalog's pool reads side by side.
    func answer(
        _ request: Request, _ context: WebContext, _ body: @escaping @Sendable (Visitor) throws -> Response
    ) async -> Response {
        let visitor = context.visitor
        switch await WebApp.onWorker({ try body(visitor) }) {
        case .success(let response): return response
        case .failure(let error): return failure(error, request: request, visitor: visitor)
        }
    }

    /// Runs `body` on one of the worker threads and hands back what it returned or threw.
    static func onWorker<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async -> Result<T, Error> {
        await withCheckedContinuation { continuation in
            WebApp.workers.addOperation { continuation.resume(returning: Result { try body() }) }
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
            let type = types[PathName.fileExtension(name)],
            let data = FileManager.default.contents(
                atPath: configuration.seeds.url.appendingPathComponent("web/static/\(name)").path)
        else { return WebResponse.text("404: no such file", status: .notFound) }
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "max-age=300"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
