import Foundation
import HTXFuzzing

// libFuzzer entry point for `make fuzz`: HTX_FUZZ_TARGET names the parser (csv, xlsx, taxcode, phone, search,
// profile, itinerary). Built with -sanitize=fuzzer,address -parse-as-library -DHTX_FUZZ; a plain build instead
// replays files through a target: `htx-fuzz TARGET FILE…`.

/// The parser this fuzzing process exercises.
enum Selected {
    /// Read once from the environment, on the first input.
    static let target: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["HTX_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("set HTX_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return target
    }()
}

/// Runs one fuzzer-made input through the selected target.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    Selected.target.run(bytes)
    return 0
}

#if HTX_FUZZ
    /// libFuzzer's driver, for builds where SwiftPM points `main` at this module's entry point.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafeRawPointer?, Int) -> CInt
    ) -> CInt

    /// The module's entry point in a fuzzing build: hands the command line to libFuzzer.
    @_cdecl("htx_fuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var vector = argv
        return runFuzzerDriver(&count, &vector) { start, size in fuzzOneInput(start, size) }
    }
#else
    /// Replays files through a target without libFuzzer: `htx-fuzz TARGET FILE…`.
    @main
    enum Replay {
        static func main() {
            let arguments = Array(CommandLine.arguments.dropFirst())
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
                print("usage: htx-fuzz TARGET FILE…   (replays inputs; `make fuzz` builds the libFuzzer version)")
                print("targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
                exit(2)
            }
            for path in arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    print("cannot read \(path)")
                    exit(1)
                }
                target.run([UInt8](data))
                print("ok \(path)")
            }
        }
    }
#endif
