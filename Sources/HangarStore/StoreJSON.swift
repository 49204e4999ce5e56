import Foundation

/// JSON columns (machine specs, event payloads, release configs): sorted keys, so equal values are
/// equal text.
enum StoreJSON {
    static func encode<T: Encodable>(_ value: T, what: String) throws(StoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .storage("cannot encode \(what) as JSON: \(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String, what: String) throws(StoreError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw .storage("cannot decode \(what): \(error)")
        }
    }
}
