/// Builds the tables of a document (or of one inline table) and enforces TOML's define-once rules.
///
/// Tables live in an arena and refer to each other by index while the document is read; `finish()`
/// turns the arena into the ordered `TOMLTable` tree. Every table remembers how it came to exist,
/// which decides what may still be done to it:
///
/// - `header`: opened by `[a]` or as an element of `[[a]]`. Cannot be opened again, and dotted keys
///   written elsewhere cannot add to it.
/// - `implicit`: created as the parent named by a header (`[a.b]` creates `a`). May be opened by its
///   own header once, later.
/// - `dotted(section:)`: created by a dotted key (`a.b = 1` creates `a`). Only dotted keys of the
///   same section (the lines after one header) may add to it; no header may open it, though a header
///   may open a new table inside it.
///
/// Values (including arrays and inline tables) are finished `TOMLNode`s: nothing can add to them.
/// A `[[a]]` array is kept open so that each `[[a]]` header appends an element.
struct TableBuilder {
    private enum Origin: Equatable {
        case root
        case header
        case implicit
        case dotted(section: Int)
    }

    private enum Child {
        case value(TOMLNode)
        case table(Int)
        case arrayOfTables([Int], position: SourcePosition)
    }

    private struct Entry {
        var key: String
        var keyPosition: SourcePosition
        var child: Child
    }

    private struct Table {
        var entries: [Entry] = []
        /// Key lookup, built once the table is large enough for hashing to beat a linear scan.
        var index: [String: Int] = [:]
        var origin: Origin
        var position: SourcePosition
        var depth: Int
    }

    private var tables: [Table]
    /// The table that key/value lines go into.
    private var current = 0
    /// Counts headers: the lines after a header form one section.
    private var section = 0

    /// A builder whose root table sits at nesting depth `rootDepth` (0 for a document).
    init(rootDepth: Int) {
        tables = [Table(origin: .root, position: SourcePosition(line: 1, column: 1), depth: rootDepth)]
    }

    /// The nesting depth of the table key/value lines currently go into.
    var currentDepth: Int { tables[current].depth }

    /// `[a.b.c]`: opens table `c`, creating `a` and `b` implicitly if needed.
    mutating func openTable(_ key: [KeySegment], headerPosition: SourcePosition) throws(TOMLError) {
        guard let last = key.last else { return }
        section += 1
        let parent = try descendForHeader(key)
        guard let i = find(last.name, in: parent) else {
            current = try addTable(to: parent, last, origin: .header, position: headerPosition)
            return
        }
        let entry = tables[parent].entries[i]
        let name = KeySegment.display(key)
        switch entry.child {
        case .table(let id):
            switch tables[id].origin {
            case .implicit:
                tables[id].origin = .header
                tables[id].position = headerPosition
                tables[parent].entries[i].keyPosition = last.position
                current = id
            case .header, .root:
                throw TOMLError("table \(name) is already defined (at \(tables[id].position))", at: last.position)
            case .dotted:
                throw TOMLError(
                    "table \(name) is already defined by dotted keys (at \(entry.keyPosition))", at: last.position)
            }
        case .arrayOfTables(_, let position):
            throw TOMLError("table \(name) is already defined as an array of tables (at \(position))", at: last.position)
        case .value(let node):
            throw Self.notATable(node, key: name, at: last.position)
        }
    }

    /// `[[a.b.c]]`: appends a new table to the array of tables `c`, creating it if needed.
    mutating func appendArrayElement(_ key: [KeySegment], headerPosition: SourcePosition) throws(TOMLError) {
        guard let last = key.last else { return }
        section += 1
        let parent = try descendForHeader(key)
        let element = try makeTable(under: parent, origin: .header, position: headerPosition, at: last.position)
        current = element
        guard let i = find(last.name, in: parent) else {
            appendEntry(to: parent, Entry(key: last.name, keyPosition: last.position,
                                          child: .arrayOfTables([element], position: headerPosition)))
            return
        }
        let entry = tables[parent].entries[i]
        let name = KeySegment.display(key)
        switch entry.child {
        case .arrayOfTables(var elements, let position):
            elements.append(element)
            tables[parent].entries[i].child = .arrayOfTables(elements, position: position)
        case .table:
            throw TOMLError("\(name) is already defined as a table (at \(entry.keyPosition)), not an array of tables",
                            at: last.position)
        case .value(let node):
            if case .array = node.value {
                throw TOMLError("cannot append to the static array \(name) (defined at \(node.position))", at: last.position)
            }
            throw Self.notATable(node, key: name, at: last.position)
        }
    }

    /// `a.b.c = value` in the current table: `a` and `b` are found or created as tables, `c` must be new.
    mutating func insert(_ key: [KeySegment], _ value: TOMLNode) throws(TOMLError) {
        guard let last = key.last else { return }
        var table = current
        for (n, segment) in key.dropLast().enumerated() {
            guard let i = find(segment.name, in: table) else {
                table = try addTable(to: table, segment, origin: .dotted(section: section), position: segment.position)
                continue
            }
            let entry = tables[table].entries[i]
            let name = KeySegment.display(key[...n])
            switch entry.child {
            case .table(let id):
                switch tables[id].origin {
                case .implicit:
                    tables[id].origin = .dotted(section: section)
                case .dotted(let s) where s == section:
                    break
                case .dotted:
                    throw TOMLError("cannot add to table \(name) (defined at \(entry.keyPosition)) with dotted keys here",
                                    at: segment.position)
                case .header, .root:
                    throw TOMLError(
                        "cannot add to table \(name) with dotted keys: it is defined by a header (at \(tables[id].position))",
                        at: segment.position)
                }
                table = id
            case .arrayOfTables(_, let position):
                throw TOMLError("cannot add to array of tables \(name) (defined at \(position)) with dotted keys",
                                at: segment.position)
            case .value(let node):
                throw Self.notATable(node, key: name, at: segment.position)
            }
        }
        if let i = find(last.name, in: table) {
            let first = tables[table].entries[i].keyPosition
            throw TOMLError("duplicate key \(KeySegment.display([last])) (first defined at \(first))", at: last.position)
        }
        appendEntry(to: table, Entry(key: last.name, keyPosition: last.position, child: .value(value)))
    }

    /// The ordered table tree.
    func finish() -> TOMLTable {
        build()
    }

    // MARK: - Internals

    /// Walks the parents named by a header key (all but the last segment), creating missing ones
    /// as implicit tables and entering the last element of arrays of tables.
    private mutating func descendForHeader(_ key: [KeySegment]) throws(TOMLError) -> Int {
        var table = 0
        for (n, segment) in key.dropLast().enumerated() {
            guard let i = find(segment.name, in: table) else {
                table = try addTable(to: table, segment, origin: .implicit, position: segment.position)
                continue
            }
            switch tables[table].entries[i].child {
            case .table(let id):
                table = id
            case .arrayOfTables(let elements, _):
                guard let lastElement = elements.last else { return table }
                table = lastElement
            case .value(let node):
                throw Self.notATable(node, key: KeySegment.display(key[...n]), at: segment.position)
            }
        }
        return table
    }

    private static func notATable(_ node: TOMLNode, key: String, at position: SourcePosition) -> TOMLError {
        if case .table = node.value {
            return TOMLError("cannot add to inline table \(key) (defined at \(node.position)): inline tables are complete as written",
                             at: position)
        }
        return TOMLError("key \(key) already holds \(article(node.value.typeName)) \(node.value.typeName) (defined at \(node.position)), not a table",
                         at: position)
    }

    private static func article(_ word: String) -> String {
        word.first.map { "aeiou".contains($0) } == true ? "an" : "a"
    }

    private mutating func makeTable(under parent: Int, origin: Origin, position: SourcePosition,
                                    at keyPosition: SourcePosition) throws(TOMLError) -> Int {
        let depth = tables[parent].depth + 1
        guard depth <= TOMLParser.maxNestingDepth else {
            throw TOMLError("tables nested deeper than \(TOMLParser.maxNestingDepth) levels", at: keyPosition)
        }
        tables.append(Table(origin: origin, position: position, depth: depth))
        return tables.count - 1
    }

    private mutating func addTable(to parent: Int, _ segment: KeySegment, origin: Origin,
                                   position: SourcePosition) throws(TOMLError) -> Int {
        let id = try makeTable(under: parent, origin: origin, position: position, at: segment.position)
        appendEntry(to: parent, Entry(key: segment.name, keyPosition: segment.position, child: .table(id)))
        return id
    }

    private static let linearLookupLimit = 12

    /// The position of `key` among the entries of `table`.
    private func find(_ key: String, in table: Int) -> Int? {
        if tables[table].entries.count <= Self.linearLookupLimit {
            return tables[table].entries.firstIndex { $0.key == key }
        }
        return tables[table].index[key]
    }

    private mutating func appendEntry(to table: Int, _ entry: Entry) {
        tables[table].entries.append(entry)
        let count = tables[table].entries.count
        if count == Self.linearLookupLimit + 1 {
            for (i, entry) in tables[table].entries.enumerated() { tables[table].index[entry.key] = i }
        } else if count > Self.linearLookupLimit + 1 {
            tables[table].index[entry.key] = count - 1
        }
    }

    /// Builds every table bottom-up without recursion: a table is always created after its parent,
    /// so going through the arena backwards finds children finished before their parents.
    private func build() -> TOMLTable {
        var built = [TOMLTable](repeating: TOMLTable(), count: tables.count)
        func take(_ id: Int) -> TOMLNode {
            let node = TOMLNode(.table(built[id]), at: tables[id].position)
            built[id] = TOMLTable()
            return node
        }
        for id in tables.indices.reversed() {
            var entries: [TOMLTable.Entry] = []
            entries.reserveCapacity(tables[id].entries.count)
            for entry in tables[id].entries {
                let node: TOMLNode = switch entry.child {
                case .value(let node): node
                case .table(let child): take(child)
                case .arrayOfTables(let elements, let position): TOMLNode(.array(elements.map(take)), at: position)
                }
                entries.append(TOMLTable.Entry(key: entry.key, keyPosition: entry.keyPosition, node: node))
            }
            built[id] = TOMLTable(entries)
        }
        return built.first ?? TOMLTable()
    }
}
