import Foundation

/// Posts as RFC 4180 CSV (UTF-8, CRLF, a header row, one post per row), for spreadsheets and
/// bulk tools. Columns are found by name on import, in any order. Lists (media, tags) hold one
/// item per line inside their cell; tags may also be given separated by commas.
///
/// A time in the hour that happens twice when clocks go back carries its UTC offset
/// (`02:30+01:00`, the second 02:30 in Berlin), so the post comes back at the same instant.
/// The `zone` column names the calendar's time zone, so that a sheet imported into a calendar
/// in another zone keeps every post at the moment it was planned for.
///
/// Cells a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
/// return) get a leading `'` on export, and lose it again on import, so export then import gives
/// back the same posts.
public enum CSVFormat {
    public static let columns = ["id", "date", "time", "zone", "channel", "category", "status", "title", "text", "link", "media", "tags", "notes"]

    // MARK: Export

    public static func export(_ posts: [Post], of calendar: ContentCalendar) -> String {
        write([columns] + posts.map { post in
            let local = calendar.local(of: post.id)
            let cells = [
                post.id.rawValue, local.map { $0.date.description } ?? "", post.at.map { timeCell($0, clock: calendar.clock) } ?? "",
                post.at == nil ? "" : calendar.clock.identifier,
                post.channel, post.category ?? "", post.status.rawValue, visible(post.title), visible(post.text, lines: true),
                visible(post.link ?? ""), post.media.map { visible($0) }.joined(separator: "\n"),
                post.tags.map { visible($0) }.joined(separator: "\n"), visible(post.notes, lines: true),
            ]
            return cells.map(neutralise)
        })
    }

    /// The text with a control character (from a hand-edited file: no input lets one in) shown
    /// as `�`: a terminal would run it, and `import` refuses it. Tabs stay, and line breaks
    /// where the field takes several lines.
    static func visible(_ text: String, lines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { Post.isControl($0, allowingLines: lines) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(Post.isControl(scalar, allowingLines: lines) ? "\u{FFFD}" : scalar) }
        return String(out)
    }

    /// Rows as RFC 4180 text, each ending in CRLF; nothing for no rows. A cell holding a quote,
    /// a comma or a line break goes in quotes (a quote doubled), as CSV.swift's writer does it;
    /// written byte by byte here, since a plan of years is written in one go.
    static func write(_ rows: [[String]]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.count * 128)
        let (quote, comma, cr, lf) = (UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: "\r"), UInt8(ascii: "\n"))
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i > 0 { bytes.append(comma) }
                let utf8 = cell.utf8
                guard utf8.contains(where: { $0 == quote || $0 == comma || $0 == cr || $0 == lf }) else {
                    bytes.append(contentsOf: utf8)
                    continue
                }
                bytes.append(quote)
                for b in utf8 {
                    if b == quote { bytes.append(quote) }
                    bytes.append(b)
                }
                bytes.append(quote)
            }
            bytes.append(contentsOf: [cr, lf])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `HH:MM`, with the offset when the wall-clock time is one that happens twice.
    static func timeCell(_ date: Date, clock: ZoneClock) -> String {
        let (local, offset) = clock.local(date)
        if case .repeated = clock.resolve(local) { return "\(local.time)\(ZoneClock.offsetText(offset))" }
        return local.time.description
    }

    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// Whether the cell, past any leading `'`, starts like a formula.
    static func looksLikeFormula(afterQuotes cell: String) -> Bool {
        guard let first = cell.drop(while: { $0 == "'" }).unicodeScalars.first else { return false }
        return formulaStarts.contains(Character(first))
    }

    /// Adds one `'` before a cell that starts (past any `'`) like a formula.
    public static func neutralise(_ cell: String) -> String {
        looksLikeFormula(afterQuotes: cell) ? "'" + cell : cell
    }

    /// Removes the `'` that `neutralise` added.
    public static func restore(_ cell: String) -> String {
        cell.hasPrefix("'") && looksLikeFormula(afterQuotes: cell) ? String(cell.dropFirst()) : cell
    }
}

extension Post {
    /// Whether a field holds a control character a sheet shows as `�` (tabs, and line breaks
    /// in the text and notes, are fine): only a hand edit of the file brings one in.
    public var holdsControlCharacters: Bool {
        let lines = [text, notes]
        let single = [title, link ?? ""] + media + tags
        return lines.contains { $0.unicodeScalars.contains { Post.isControl($0, allowingLines: true) } }
            || single.contains { $0.unicodeScalars.contains { Post.isControl($0, allowingLines: false) } }
    }
}
