import Foundation
@testable import HangarAPI
import HangarRuntime
import Testing

/// `hangar scale memory|vm` through the API: persisted per group and applied by replacing the machines.
@Suite(.serialized) struct ScaleVMTests {
    @Test func memoryAndSizeArePersistedAndApplied() async throws {
        try await APILiveDaemon.run { daemon in
            let first = try await daemon.up()
            #expect(first.machines.first?.memoryMB == 256)
            let app = APILiveDaemon.app
            let rows = try await daemon.client.scaleVM(app: app, group: "web", size: nil, memoryMB: 512)
            #expect(rows.first { $0.group == "web" }?.memoryMB == 512)
            let after = try await daemon.client.status(app: app)
            #expect(after.machines.allSatisfy { $0.memoryMB == 512 })
            #expect(after.machines.first?.version != first.machines.first?.version)

            let sized = try await daemon.client.scaleVM(app: app, group: nil, size: "shared-cpu-2x", memoryMB: nil)
            #expect(sized.first?.vmSize == "shared-cpu-2x")
            #expect(sized.first?.cpus == 2)
            // A new `up` keeps the stored size.
            let again = try await daemon.up()
            #expect(again.machines.allSatisfy { $0.memoryMB == 512 })

            let bad = try await daemon.send("POST", "/v1/hangar/apps/\(app)/scale/vm", json: #"{"memory_mb": 300}"#)
            #expect(bad.status == 400)
            let unknown = try await daemon.send("POST", "/v1/hangar/apps/\(app)/scale/vm", json: #"{"size": "huge-99x"}"#)
            #expect(unknown.status == 400)
            #expect(try await daemon.client.scaleShow(app: app).first?.vmSize == "shared-cpu-2x")
        }
    }
}
