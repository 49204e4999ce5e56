// libFuzzer entry point for the TOML reader. Built by fuzz/run.sh together with the FlyConfig
// sources (same module), so it calls the reader directly.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTOML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        _ = try TOMLParser.parse(bytes)
    } catch {
        // Every rejection must point into the document.
        let newlines = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        if error.position.line < 1 || error.position.column < 1 || error.position.line > newlines + 1 {
            fatalError("error outside the document: \(error)")
        }
    }
    return 0
}
