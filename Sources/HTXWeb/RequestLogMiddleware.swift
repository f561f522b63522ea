import Foundation
import Hummingbird

/// Writes one line per request on stderr: method, path (without the query, which may hold a search), status and
/// milliseconds.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let status: Int
        do {
            let response = try await next(request, context)
            status = response.status.code
            log(request, status: status, since: start)
            return response
        } catch let error as HTTPResponseError {
            log(request, status: error.status.code, since: start)
            throw error
        } catch {
            log(request, status: 500, since: start)
            throw error
        }
    }

    func log(_ request: Request, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        let line =
            "method=\(request.method.rawValue) path=\(request.uri.path) status=\(status) "
            + "ms=\(String(format: "%.1f", ms))\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
