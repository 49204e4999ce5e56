import Synchronization

/// Hands out isolated machine addresses (`MachineAddress` indexes). An index is free when no
/// machine of the store has it, no other supervisor of this process has just taken it, and no
/// interface on the host uses it (another daemon or a test run). The index is kept in the store as
/// the machine's private address, so a machine keeps its address across restarts.
enum AddressAllocator {
    private static let taken = Mutex<Set<Int>>([])

    /// The lowest free index of `range`, reserved for this process; nil when the range is full.
    static func allocate(in range: Range<Int>, used: Set<Int>) -> MachineAddress? {
        taken.withLock { taken in
            for index in range where !used.contains(index) && !taken.contains(index) {
                guard let address = MachineAddress(index: index) else { return nil }
                if MachineNetwork.isPresent(address) { continue }
                taken.insert(index)
                return address
            }
            return nil
        }
    }

    /// Forgets a reservation (the machine was destroyed or moved to another address).
    static func release(_ index: Int) {
        _ = taken.withLock { $0.remove(index) }
    }
}

extension MachineAddress {
    /// The address whose machine end is `ipv4` (`169.254.T.F`), or nil when `ipv4` is not one.
    init?(ipv4: String) {
        let parts = ipv4.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "169", parts[1] == "254", let third = Int(parts[2]),
            let fourth = Int(parts[3]), let octet = MachineAddress.thirdOctets.firstIndex(of: third),
            fourth % 2 == 1, fourth >= 3
        else { return nil }
        let pair = (fourth - 1) / 2 - 1
        guard pair < MachineAddress.pairsPerOctet else { return nil }
        self.init(index: octet * MachineAddress.pairsPerOctet + pair)
        guard self.ipv4 == ipv4 else { return nil }
    }
}
