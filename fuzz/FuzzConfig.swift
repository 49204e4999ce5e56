// libFuzzer entry point for the whole config engine: load (TOML, patches, typed decode), every
// validation rule and the JSON renderer. Built by fuzz/run.sh together with the FlyConfig sources.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let loaded = FlyConfigLoader.load(bytes: bytes, file: "fly.toml", directory: "/nonexistent/fuzz")
    let report = FlyConfigValidator.validate(loaded)
    if loaded.config != nil { _ = ConfigRenderer.json(loaded) }
    // Every error must point into the document.
    let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    for error in report.errors {
        guard let p = error.position, p.line >= 1, p.column >= 1, p.line <= lines else {
            fatalError("error without a position inside the document: \(error.code) \(error.message)")
        }
    }
    return 0
}
