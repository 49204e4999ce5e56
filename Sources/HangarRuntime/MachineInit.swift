import CHangarShim
import Glibc

/// The machine init (`Sources/CHangarShim/machine_init.c`), callable from the `hangar` CLI.
public enum MachineInit {
    /// The subcommand the launcher passes as `argv[1]`.
    public static let subcommand = "_machine-init"

    /// Runs the init with `arguments` (`argv` without the program name) and returns its exit status.
    public static func run(arguments: [String]) -> Int32 {
        let argv = (["hangar"] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        var pointers = argv + [nil]
        return pointers.withUnsafeMutableBufferPointer { hangar_machine_init_main(Int32(argv.count), $0.baseAddress) }
    }
}
