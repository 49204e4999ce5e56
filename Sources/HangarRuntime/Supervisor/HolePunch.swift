import Glibc

/// Frees the blocks of a file's beginning while keeping its size and offsets
/// (`fallocate(FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE)`), looked up at run time because Swift's
/// Glibc module does not declare it. False where the call or the file system does not support it;
/// the file then keeps its size.
enum HolePunch {
    private typealias Fallocate = @convention(c) (Int32, Int32, Int, Int) -> Int32
    private static let keepSize: Int32 = 0x01
    private static let punchHole: Int32 = 0x02

    private static let fallocate: Fallocate? = {
        guard let symbol = dlsym(nil, "fallocate") else { return nil }
        return unsafeBitCast(symbol, to: Fallocate.self)
    }()

    static func release(fd: Int32, upTo length: UInt64) -> Bool {
        guard let fallocate, length > 0, length <= UInt64(Int.max) else { return false }
        return fallocate(fd, punchHole | keepSize, 0, Int(length)) == 0
    }
}
