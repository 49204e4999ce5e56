/// Dates and times: `1979-05-27`, `07:32:00.999`, `1979-05-27T07:32:00`, `1979-05-27 07:32:00Z`,
/// `1979-05-27T00:32:00-07:00`. Ranges are checked (months, days with leap years, hours, minutes,
/// seconds, offsets). Fractions of a second beyond nanoseconds are truncated.
enum DateTimeLiteral {
    /// Whether the literal starts like a date: four digits and a dash.
    static func looksLikeDate(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        end - start >= 5 && (start..<start + 4).allSatisfy { ByteClass.isDigit(bytes[$0]) }
            && bytes[start + 4] == ByteClass.minus
    }

    /// Whether the literal starts like a time: two digits and a colon.
    static func looksLikeTime(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        end - start >= 3 && ByteClass.isDigit(bytes[start]) && ByteClass.isDigit(bytes[start + 1])
            && bytes[start + 2] == ByteClass.colon
    }

    /// Parses `bytes[start..<end]`, which starts like a date or a time and holds the whole literal.
    static func parse(_ bytes: [UInt8], _ start: Int, _ end: Int) throws(LiteralError) -> TOMLValue {
        if looksLikeTime(bytes, start, end) {
            let (time, next) = try parseTime(bytes, start, end)
            try expectEnd(bytes, next, end)
            return .localTime(time)
        }
        let date = try parseDate(bytes, start, end)
        var i = start + 10
        if i == end { return .localDate(date) }
        let separator = bytes[i]
        guard separator == 0x54 || separator == 0x74 || separator == ByteClass.space else {  // T t space
            throw LiteralError("expected 'T' between date and time, found \(ByteClass.describe(bytes, at: i))", at: i)
        }
        let (time, next) = try parseTime(bytes, i + 1, end)
        i = next
        if i == end { return .localDateTime(date, time) }
        let offset: Int
        switch bytes[i] {
        case 0x5A, 0x7A:  // Z z
            offset = 0
            i += 1
        case ByteClass.plus, ByteClass.minus:
            let sign = bytes[i] == ByteClass.minus ? -1 : 1
            let hours = try twoDigits(bytes, i + 1, end, "offset hours")
            guard hours <= 23 else { throw LiteralError("offset hours must be between 00 and 23", at: i + 1) }
            try expect(bytes, i + 3, end, ByteClass.colon, "':' in the offset")
            let minutes = try twoDigits(bytes, i + 4, end, "offset minutes")
            guard minutes <= 59 else { throw LiteralError("offset minutes must be between 00 and 59", at: i + 4) }
            offset = sign * (hours * 60 + minutes)
            i += 6
        default:
            throw LiteralError("unexpected \(ByteClass.describe(bytes, at: i)) after time", at: i)
        }
        try expectEnd(bytes, i, end)
        return .offsetDateTime(date, time, offsetMinutes: offset)
    }

    private static func parseDate(_ bytes: [UInt8], _ start: Int, _ end: Int) throws(LiteralError) -> TOMLDate {
        let year = try twoDigits(bytes, start, end, "year") * 100 + twoDigits(bytes, start + 2, end, "year")
        try expect(bytes, start + 4, end, ByteClass.minus, "'-' in the date")
        let month = try twoDigits(bytes, start + 5, end, "month")
        try expect(bytes, start + 7, end, ByteClass.minus, "'-' in the date")
        let day = try twoDigits(bytes, start + 8, end, "day")
        guard (1...12).contains(month) else { throw LiteralError("month must be between 01 and 12", at: start + 5) }
        guard day >= 1, day <= daysIn(month: month, year: year) else {
            throw LiteralError("day \(day) does not exist in \(year)-\(month < 10 ? "0" : "")\(month)", at: start + 8)
        }
        return TOMLDate(year: year, month: month, day: day)
    }

    /// `HH:MM:SS` with an optional fraction; returns the time and the offset after it.
    private static func parseTime(_ bytes: [UInt8], _ start: Int, _ end: Int) throws(LiteralError) -> (TOMLTime, Int) {
        let hour = try twoDigits(bytes, start, end, "hour")
        try expect(bytes, start + 2, end, ByteClass.colon, "':' in the time")
        let minute = try twoDigits(bytes, start + 3, end, "minute")
        try expect(bytes, start + 5, end, ByteClass.colon, "':' and seconds in the time")
        let second = try twoDigits(bytes, start + 6, end, "second")
        guard hour <= 23 else { throw LiteralError("hour must be between 00 and 23", at: start) }
        guard minute <= 59 else { throw LiteralError("minute must be between 00 and 59", at: start + 3) }
        guard second <= 59 else { throw LiteralError("second must be between 00 and 59", at: start + 6) }
        var i = start + 8
        var nanosecond = 0
        if i < end, bytes[i] == ByteClass.dot {
            i += 1
            let fractionStart = i
            while i < end, ByteClass.isDigit(bytes[i]) {
                if i - fractionStart < 9 { nanosecond = nanosecond * 10 + Int(bytes[i] - 0x30) }
                i += 1
            }
            guard i > fractionStart else {
                throw LiteralError("expected digits after the decimal point in the time", at: fractionStart)
            }
            for _ in min(9, i - fractionStart)..<9 { nanosecond *= 10 }
        }
        return (TOMLTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond), i)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func twoDigits(_ bytes: [UInt8], _ i: Int, _ end: Int, _ what: String) throws(LiteralError) -> Int {
        guard i + 1 < end, ByteClass.isDigit(bytes[i]), ByteClass.isDigit(bytes[i + 1]) else {
            throw LiteralError("expected two digits for the \(what)", at: min(i, end))
        }
        return Int(bytes[i] - 0x30) * 10 + Int(bytes[i + 1] - 0x30)
    }

    private static func expect(_ bytes: [UInt8], _ i: Int, _ end: Int, _ byte: UInt8,
                               _ what: String) throws(LiteralError) {
        guard i < end, bytes[i] == byte else {
            throw LiteralError("expected \(what), found \(ByteClass.describe(bytes, at: i))", at: min(i, end))
        }
    }

    private static func expectEnd(_ bytes: [UInt8], _ i: Int, _ end: Int) throws(LiteralError) {
        guard i == end else {
            throw LiteralError("unexpected \(ByteClass.describe(bytes, at: i)) in date or time", at: i)
        }
    }
}
