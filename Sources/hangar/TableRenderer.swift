/// Plain text tables like flyctl's: upper-case headers, columns padded to their widest cell and
/// separated by two spaces. Cells are made safe for a terminal (control characters escaped).
struct TableRenderer {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: [String]) {
        self.headers = headers
    }

    mutating func add(_ row: [String]) {
        rows.append(row.map(Self.safe))
    }

    func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (index, cell) in cells.enumerated() where index < widths.count {
                let last = index == cells.count - 1 || index == widths.count - 1
                text += last ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
            }
            return text
        }
        return ([line(headers.map { $0.uppercased() })] + rows.map(line)).joined(separator: "\n")
    }

    /// Escapes control characters so a value from the daemon cannot move the cursor or recolour.
    static func safe(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                out += scalar.escaped(asASCII: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
