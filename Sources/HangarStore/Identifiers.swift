import Foundation

/// Fly-shaped identifiers, drawn from the system CSPRNG (`SystemRandomNumberGenerator` reads
/// getrandom(2) on Linux).
public enum Identifiers {
    public static let machineIDLength = 14
    public static let volumeSuffixLength = 16

    /// A machine id: 14 lowercase hex characters (56 random bits), e.g. `3d8d9a1c2e4f56`.
    public static func machineID() -> String {
        var rng = SystemRandomNumberGenerator()
        let hex = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(machineIDLength)
        for _ in 0..<machineIDLength { bytes.append(hex[Int.random(in: 0..<16, using: &rng)]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A volume id: `vol_` and 16 lowercase letters or digits (about 82 random bits).
    public static func volumeID() -> String {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
        var bytes = Array("vol_".utf8)
        for _ in 0..<volumeSuffixLength { bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A volume snapshot id: `vs_` and 16 lowercase letters or digits.
    public static func snapshotID() -> String {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
        var bytes = Array("vs_".utf8)
        for _ in 0..<volumeSuffixLength { bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A machine version (Fly's `instance_id`, `FLY_MACHINE_VERSION`): a 26-character ULID, 48 bits of
    /// milliseconds since 1970 then 80 random bits in Crockford base32. Later versions sort later.
    public static func machineVersion(at date: Date = Date()) -> String {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
        let millis = UInt64(max(0, StoreClock.millis(date)))
        // 128 bits: time (48) in the high bits, then randomness (80).
        let high = (millis & 0xFFFF_FFFF_FFFF) << 16 | UInt64.random(in: 0...0xFFFF, using: &rng)
        let low = UInt64.random(in: 0...UInt64.max, using: &rng)
        var out: [UInt8] = []
        out.reserveCapacity(26)
        // 26 base32 digits cover 130 bits; the top two are always zero.
        for index in 0..<26 {
            let shift = 125 - index * 5  // bit position of this digit's lowest bit, counting from 0
            let value: UInt64
            if shift >= 64 {
                value = (high >> UInt64(shift - 64)) & 0x1F
            } else if shift > 59 {
                // The digit straddles the two words.
                let fromHigh = high << UInt64(64 - shift)
                let fromLow = low >> UInt64(shift)
                value = (fromHigh | fromLow) & 0x1F
            } else {
                value = (low >> UInt64(shift)) & 0x1F
            }
            out.append(alphabet[Int(value)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
