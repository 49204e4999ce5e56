/// Fly-shaped request ids: 26 characters of Crockford base32 (time then randomness), a dash, and
/// the region (`01J...-local`).
public enum RequestID {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    public static func make(region: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let millis = UInt64(max(0, epochMillis()))
        var characters: [Character] = []
        characters.reserveCapacity(26)
        for shift in stride(from: 45, through: 0, by: -5) {
            characters.append(alphabet[Int((millis >> UInt64(shift)) & 31)])
        }
        for _ in 0..<16 { characters.append(alphabet[Int(generator.next() & 31)]) }
        return String(characters) + "-" + region
    }

    private static func epochMillis() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
