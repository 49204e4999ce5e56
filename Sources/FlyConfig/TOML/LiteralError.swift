/// A problem inside a bare literal (number, date, time), at a byte offset of the document.
/// The reader turns it into a `TOMLError` with a line and column.
struct LiteralError: Error {
    var message: String
    var offset: Int

    init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }
}
