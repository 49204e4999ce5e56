import HangarCore

/// The checks a machine runs. In isolated mode they are the spec's checks as they are (the app
/// binds `internal_port` at its own address). In shared mode the app listens on `$PORT` instead,
/// so checks of the port `$PORT` stands for (the first service's `internal_port`, else the first
/// check's port) are moved to it; checks of other ports are probed on those ports as they are.
enum MachineCheckPlan {
    /// The port `$PORT` replaces in shared mode, if the machine has one.
    static func mappedPort(_ spec: MachineSpec) -> Int? {
        spec.services.first?.internalPort ?? spec.allChecks.first?.port
    }

    static func checks(_ spec: MachineSpec, sharedPort: Int?) -> [CheckSpec] {
        guard let sharedPort, let mapped = mappedPort(spec) else { return spec.allChecks }
        return spec.allChecks.map { check in
            var check = check
            if check.port == mapped { check.port = sharedPort }
            return check
        }
    }

    /// What shared mode cannot map for this group, in words.
    static func sharedModeNotes(_ spec: MachineSpec) -> [String] {
        guard let mapped = mappedPort(spec) else { return [] }
        var notes: [String] = []
        let others = Set(spec.services.map(\.internalPort) + spec.allChecks.map(\.port)).subtracting([mapped]).sorted()
        if !others.isEmpty {
            let list = others.map(String.init).joined(separator: ", ")
            notes.append(
                "group \(spec.group): $PORT stands for internal_port \(mapped); port(s) \(list) are used on the host "
                    + "as they are, so only one machine of the group can bind them")
        }
        return notes
    }
}
