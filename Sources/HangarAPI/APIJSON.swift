import Foundation

/// The JSON coders of the API: sorted keys, no escaped slashes. Field names are those of the
/// `RuntimeControl` value types (`memoryMB`, `updatedAt`, ...).
public enum APIJSON {
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static var decoder: JSONDecoder { JSONDecoder() }

    /// Decodes a request or response body, with a message that says what was wrong.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], what: String) -> Result<T, APIError> {
        if bytes.isEmpty { return .failure(.badRequest("\(what): the body is empty; send a JSON object")) }
        do {
            return .success(try decoder.decode(T.self, from: Data(bytes)))
        } catch let DecodingError.typeMismatch(_, context) {
            return .failure(.badRequest("\(what): wrong type at \(path(context)): \(context.debugDescription)"))
        } catch let DecodingError.valueNotFound(_, context) {
            return .failure(.badRequest("\(what): missing value at \(path(context))"))
        } catch let DecodingError.keyNotFound(key, context) {
            let at = context.codingPath.isEmpty ? "" : " in \(path(context))"
            return .failure(.badRequest("\(what): missing field \"\(key.stringValue)\"\(at)"))
        } catch let DecodingError.dataCorrupted(context) {
            if context.codingPath.isEmpty {
                let detail = context.debugDescription.contains("not valid JSON") ? "the body is not valid JSON" : context.debugDescription
                return .failure(.badRequest("\(what): \(detail)"))
            }
            return .failure(.badRequest("\(what): invalid value at \(path(context)): \(context.debugDescription)"))
        } catch {
            return .failure(.badRequest("\(what): the body is not valid JSON"))
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
        return path.isEmpty ? "the top level" : path.joined(separator: ".")
    }
}
