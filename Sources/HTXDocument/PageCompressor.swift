import Foundation

/// Compresses a layout's finished pages on a second thread, in the order they were finished, while the layout goes
/// on with the next page: deflate is about a fifth of a packet's work, and it needs nothing of the layout.
///
/// Each page is compressed exactly as `PDFWriter.zlib` compresses it on the caller's thread, so the file is the same
/// byte for byte.
final class PageCompressor: @unchecked Sendable {
    private let queue = DispatchQueue(label: "htx.pdf.pages")
    /// At most this many pages wait uncompressed: when deflate falls behind (both cores busy), the layout waits
    /// rather than holding every page of a long packet at its full size.
    private let room = DispatchSemaphore(value: 8)
    /// The compressed pages so far; written on `queue` only.
    private var compressed: [[UInt8]] = []
    /// How many pages were handed in.
    private(set) var count = 0

    /// Hands in the next page's content stream.
    func add(_ content: [UInt8]) {
        count += 1
        room.wait()
        queue.async { [self] in
            compressed.append(PDFWriter.zlib(content))
            room.signal()
        }
    }

    /// Every page handed in, compressed, in order; waits for those still being compressed.
    var pages: [[UInt8]] { queue.sync { compressed } }
}
