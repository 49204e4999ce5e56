/// The `.internal` names a machine's `/etc/hosts` resolves (isolated mode): for every started
/// machine of the app, `<id>.vm.<app>.internal`, `<group>.process.<app>.internal` and
/// `<app>.internal`, on its IPv4 address.
///
/// Only IPv4: apps mostly bind `0.0.0.0`, which is IPv4 only, and machines reach each other over
/// IPv6 only on recent kernels (see docs/isolation.md). A name shared by several machines gets one
/// line per machine, in a stable order.
enum InternalHosts {
    struct Peer: Sendable, Equatable {
        var id: String
        var group: String
        var address: String
    }

    static func entries(app: String, peers: [Peer]) -> [HostsEntry] {
        peers.sorted { ($0.group, $0.id) < ($1.group, $1.id) }.map { peer in
            HostsEntry(
                address: peer.address,
                names: ["\(peer.id).vm.\(app).internal", "\(peer.group).process.\(app).internal", "\(app).internal"])
        }
    }
}
