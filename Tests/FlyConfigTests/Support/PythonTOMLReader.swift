import Foundation

/// Reads TOML documents with Python's standard `tomllib`, all in one `python3` process, and gives
/// each document's data as tagged JSON (or the error Python reported).
enum PythonTOMLReader {
    enum Outcome {
        case accepted(TaggedJSON)
        case rejected(String)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static let script = #"""
    import datetime, json, math, os, sys, tomllib

    def tag(v):
        if isinstance(v, dict):
            return {k: tag(x) for k, x in v.items()}
        if isinstance(v, list):
            return [tag(x) for x in v]
        if isinstance(v, bool):
            return {"type": "bool", "value": "true" if v else "false"}
        if isinstance(v, int):
            return {"type": "integer", "value": str(v)}
        if isinstance(v, float):
            if math.isnan(v):
                s = "nan"
            elif math.isinf(v):
                s = "inf" if v > 0 else "-inf"
            else:
                s = repr(v)
            return {"type": "float", "value": s}
        if isinstance(v, str):
            return {"type": "string", "value": v}
        if isinstance(v, datetime.datetime):
            return {"type": "datetime" if v.tzinfo else "datetime-local", "value": v.isoformat()}
        if isinstance(v, datetime.date):
            return {"type": "date-local", "value": v.isoformat()}
        if isinstance(v, datetime.time):
            return {"type": "time-local", "value": v.isoformat()}
        raise TypeError(type(v))

    folder = sys.argv[1]
    results = {}
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as f:
            data = f.read()
        try:
            results[name] = {"ok": tag(tomllib.loads(data.decode("utf-8")))}
        except Exception as e:
            results[name] = {"error": type(e).__name__ + ": " + str(e)}
    json.dump(results, sys.stdout)
    """#

    /// Reads every document; the result is keyed like the input.
    static func read(_ documents: [(name: String, bytes: [UInt8])]) throws -> [String: Outcome] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("toml-differential-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var fileNames: [String: String] = [:]
        for (i, document) in documents.enumerated() {
            let fileName = String(format: "%05d.toml", i)
            fileNames[fileName] = document.name
            try Data(document.bytes).write(to: folder.appendingPathComponent(fileName))
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Failure(description: "python3 is required for the differential TOML test and could not be started: \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: """
                python3 (3.11 or later, for tomllib) is required for the differential TOML test; \
                it exited with status \(process.terminationStatus): \(errorText)
                """)
        }
        guard let results = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] else {
            throw Failure(description: "unexpected output from python3")
        }
        var outcomes: [String: Outcome] = [:]
        for (fileName, result) in results {
            guard let name = fileNames[fileName] else { continue }
            if let value = result["ok"] {
                outcomes[name] = .accepted(try TaggedJSON(jsonObject: value))
            } else {
                outcomes[name] = .rejected(result["error"] as? String ?? "error")
            }
        }
        return outcomes
    }
}
