import Foundation
import HTXFuzzing
import Testing

/// Replays the fuzz seed corpus and every input a fuzzer ever crashed on, through the same checks `make fuzz` runs.
@Suite("Fuzz corpus replay")
struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    /// The files kept for `target`: seeds and regressions alike.
    static func inputs(_ target: FuzzTarget) throws -> [URL] {
        let folder = corpus.appendingPathComponent(target.rawValue)
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test("every kept input passes its target's checks", arguments: FuzzTarget.allCases)
    func replay(_ target: FuzzTarget) throws {
        let files = try FuzzCorpusTests.inputs(target)
        #expect(files.count >= 3, "the \(target.rawValue) corpus has seeds")
        for file in files {
            target.run([UInt8](try Data(contentsOf: file)))
        }
    }
}
