import Foundation

/// Compresses a layout's finished pages on a second thread, in the order they were finished, while the layout goes
/// on with the next page: deflate is about a fifth of a packet's work, and it needs nothing of the layout.
///
/// Each compressed page goes to `deliver` (on that thread, in order), which writes it out: a packet then holds none
/// of its finished pages, whatever its length. Without `deliver` the pages are kept (`pages`). Each page is compressed
/// exactly as `PDFWriter.zlib` compresses it on the caller's thread, so the file is the same byte for byte.
final class PageCompressor: @unchecked Sendable {
    private let queue = DispatchQueue(label: "htx.pdf.pages")
    /// At most this many pages wait uncompressed: when deflate falls behind (both cores busy), the layout waits
    /// rather than holding every page of a long packet at its full size.
    private let room = DispatchSemaphore(value: 8)
    private let deliver: (([UInt8]) throws -> Void)?
    /// The compressed pages so far, without `deliver`; written on `queue` only.
    private var compressed: [[UInt8]] = []
    /// The first error `deliver` threw; written on `queue` only. Later pages are dropped.
    private var failure: Error?
    /// How many pages were handed in.
    private(set) var count = 0

    init(deliver: (([UInt8]) throws -> Void)? = nil) { self.deliver = deliver }

    /// Hands in the next page's content stream.
    func add(_ content: [UInt8]) {
        count += 1
        room.wait()
        queue.async { [self] in
            defer { room.signal() }
            guard failure == nil else { return }
            let page = PDFWriter.zlib(content)
            guard let deliver else {
                compressed.append(page)
                return
            }
            do { try deliver(page) } catch { failure = error }
        }
    }

    /// Waits for the pages still being compressed and delivered; throws what delivering one threw.
    func drain() throws {
        if let failure = queue.sync(execute: { failure }) { throw failure }
    }

    /// Every page handed in, compressed, in order, when there is no `deliver`; waits for those still being compressed.
    var pages: [[UInt8]] { queue.sync { compressed } }
}
