import Yams

/// Encodes values as one YAML stream (`---` between documents) with stable formatting: two-space
/// indent, no line wrapping, Unicode kept, keys in the order the types declare them.
enum YAMLDocuments {
    static func encode(_ documents: [any Encodable & Sendable]) throws(ExportError) -> String {
        var parts: [String] = []
        for document in documents {
            parts.append(try encode(document))
        }
        return parts.map { "---\n" + $0 }.joined()
    }

    static func encode(_ value: any Encodable & Sendable) throws(ExportError) -> String {
        let encoder = YAMLEncoder()
        encoder.options = .init(indent: 2, width: -1, allowUnicode: true, sequenceStyle: .block, mappingStyle: .block)
        do {
            var text = try encoder.encode(value)
            if !text.hasSuffix("\n") { text += "\n" }
            return text
        } catch {
            throw ExportError("cannot encode YAML: \(error)")
        }
    }
}
