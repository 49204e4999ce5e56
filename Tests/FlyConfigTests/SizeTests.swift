import Testing
@testable import FlyConfig

@Suite struct SizeTests {
    static let memoryMegabytesCases: [(String, Int)] = [
        ("512", 512), ("1gb", 1024), ("1G", 1024), ("1GiB", 1024), ("512mb", 512), ("1.5gb", 1536),
        ("4G", 4096), ("8g", 8192), ("64gb", 65536), ("2048", 2048), ("1 GB", 1024), ("1024MiB", 1024),
        ("+256", 256), ("1tb", 1_048_576), ("2097152k", 2048),
    ]

    static let volumeGigabytesCases: [(String, Int)] = [
        ("30gb", 30), ("1GiB", 1), ("1.9gb", 1), ("500MB", 0), ("200", 200), ("15Mb", 0), ("1tb", 1000),
        ("10 GB", 10), ("1000000000", 1_000_000_000), ("1000000000b", 1), ("1g", 1), ("100G", 100),
    ]

    @Test(arguments: SizeTests.memoryMegabytesCases)
    func memoryMegabytes(text: String, mb: Int) throws {
        #expect(try MemorySize.megabytes(from: text) == mb)
    }

    @Test func memoryErrors() {
        #expect(throws: SizeParseError("memory cannot be zero")) { try MemorySize.megabytes(from: "0") }
        #expect(throws: SizeParseError("memory cannot be zero")) { try MemorySize.megabytes(from: "1.5") }
        #expect(throws: SizeParseError("memory cannot be zero")) { try MemorySize.megabytes(from: "512kb") }
        #expect(throws: SizeParseError("invalid suffix: 'xb'")) { try MemorySize.megabytes(from: "1xb") }
        #expect(throws: SizeParseError("invalid size: 'lots'")) { try MemorySize.megabytes(from: "lots") }
        #expect(throws: SizeParseError("invalid size: '-1gb'")) { try MemorySize.megabytes(from: "-1gb") }
        #expect(throws: SizeParseError("invalid suffix: 'gbb'")) { try MemorySize.megabytes(from: "1gbb") }
        #expect(throws: SizeParseError("invalid suffix: 'bb'")) { try MemorySize.megabytes(from: "1bb") }
        #expect(throws: SizeParseError.self) { try MemorySize.megabytes(from: "") }
        #expect(throws: SizeParseError.self) { try MemorySize.megabytes(from: "1e400gb") }
        #expect(throws: SizeParseError.self) { try MemorySize.megabytes(from: "99999999999999999999gb") }
    }

    @Test func negativePlainIntegerIsTakenAsIs() throws {
        #expect(try MemorySize.megabytes(from: "-5") == -5)
        #expect(try VolumeSize.gigabytes(from: "-5") == -5)
    }

    @Test(arguments: SizeTests.volumeGigabytesCases)
    func volumeGigabytes(text: String, gb: Int) throws {
        #expect(try VolumeSize.gigabytes(from: text) == gb)
    }

    @Test func volumeErrors() {
        #expect(throws: SizeParseError("invalid size: 'unparseable'")) { try VolumeSize.gigabytes(from: "unparseable") }
        #expect(throws: SizeParseError("invalid suffix: 'gigs'")) { try VolumeSize.gigabytes(from: "3gigs") }
    }

    @Test func decimalBaseEvenWithIB() throws {
        #expect(try HumanSize.bytes("1KiB", base: .decimal) == 1000)
        #expect(try HumanSize.bytes("1kb", base: .binary) == 1024)
        #expect(try HumanSize.bytes("7", base: .binary) == 7)
        #expect(try HumanSize.bytes("7b", base: .decimal) == 7)
    }

    @Test func mountAndVMAccessors() throws {
        var m = Mount()
        #expect(try m.initialSizeGB() == nil)
        m.initialSize = "30gb"
        #expect(try m.initialSizeGB() == 30)
        var vm = VM()
        vm.memory = "2gb"
        #expect(try vm.memoryMegabytes() == 2048)
    }
}
