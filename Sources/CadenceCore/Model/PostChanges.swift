import Foundation

/// A set of edits to a post's fields; `nil` leaves a field as it is. Used by the command line
/// (`add`, `update`) and by CSV import, so that both check a post the same way.
public struct PostChanges: Sendable {
    public var channel: String?
    /// `.some(nil)` unschedules the post back into the ideas.
    public var at: Date??
    public var title: String?
    public var text: String?
    /// `.some(nil)` clears the category.
    public var category: String??
    public var status: PostStatus?
    /// `.some(nil)` clears the link.
    public var link: String??
    public var media: [String]?
    public var tags: [String]?
    public var notes: String?

    public init() {}

    public var isEmpty: Bool { fieldNames.isEmpty }

    /// The names the file gives the fields these changes set.
    public var fieldNames: [String] {
        var names: [String] = []
        if channel != nil { names.append("channel") }
        if at != nil { names.append("at") }
        if title != nil { names.append("title") }
        if text != nil { names.append("text") }
        if category != nil { names.append("category") }
        if status != nil { names.append("status") }
        if link != nil { names.append("link") }
        if media != nil { names.append("media") }
        if tags != nil { names.append("tags") }
        if notes != nil { names.append("notes") }
        return names
    }

    /// The post with these changes. Without a status of its own, the status follows a change
    /// of date: an idea that gets a date becomes a draft, and a post taken back to the ideas
    /// does not keep a status that needs a date (scheduled, published).
    public func applied(to post: Post) -> Post {
        let wasIdea = post.isIdea
        var post = post
        if let channel { post.channel = channel }
        if let at { post.at = at }
        if let title { post.title = title }
        if let text { post.text = text }
        if let category { post.category = category }
        if let status { post.status = status }
        if let link { post.link = link.flatMap { $0.isEmpty ? nil : $0 } }
        if let media { post.media = media }
        if let tags { post.tags = tags }
        if let notes { post.notes = notes }
        if status == nil {
            if wasIdea, !post.isIdea, post.status == .idea { post.status = .draft }
            if !wasIdea, post.isIdea, post.status >= .scheduled { post.status = .idea }
        }
        return post
    }
}

extension Post {
    /// The text as it goes out: a link kept in the link field is added at the end (as Buffer's
    /// upload and most networks' composers do) unless the text already holds it.
    public static func postedText(text: String, link: String?) -> String {
        guard let link = link?.trimmingCharacters(in: .whitespaces), !link.isEmpty, !text.contains(link) else { return text }
        return text.isEmpty ? link : text + "\n\n" + link
    }

    /// Tags as typed, each once: a repeat (in any case: `Sale`, `sale`) is dropped, the first
    /// spelling kept.
    /// Tags as typed in one cell or field: one a line, or separated by commas or semicolons
    /// (`sale, осень`, `#sale; #осень`), each without the `#` a hashtag habit puts first.
    public static func tagItems(_ text: String) -> [String] {
        uniqueTags(text.split(whereSeparator: { $0.isNewline || $0 == "," || $0 == ";" }).map { bareTag(String($0)) }.filter { !$0.isEmpty })
    }

    /// A tag without spaces around it or the `#`s before it (`#sale` is the tag `sale`).
    public static func bareTag(_ tag: String) -> String {
        String(tag.trimmingCharacters(in: .whitespaces).drop { $0 == "#" }).trimmingCharacters(in: .whitespaces)
    }

    public static func uniqueTags(_ tags: [String]) -> [String] {
        var seen = Set<String>()
        return tags.filter { seen.insert($0.lowercased()).inserted }
    }

    /// Windows' and old Macs' line breaks (`\r\n`, `\r`) as plain new lines.
    public static func normalisingLineBreaks(_ text: String) -> String {
        guard text.contains(where: { $0 == "\r\n" || $0 == "\r" }) else { return text }
        return String(text.map { $0 == "\r\n" || $0 == "\r" ? "\n" : $0 })
    }

    /// Media items as typed in one cell or option: one a line, or several on a line separated
    /// by a comma and a space or by a comma before a web address (`a.jpg, b.jpg`,
    /// `https://cdn.example/a.jpg,https://cdn.example/b.jpg`) when each piece is a file name
    /// or an address. A comma inside an address (`…/upload/w_400,h_300/a.jpg`) or a name
    /// (`photo, final.jpg`) stays in it.
    public static func mediaItems(_ text: String) -> [String] {
        func isItem(_ piece: Substring) -> Bool {
            isWebAddress(piece) || piece.wholeMatch(of: /.*\.[A-Za-z0-9]{2,5}/) != nil
        }
        return text.split(whereSeparator: \.isNewline)
            .flatMap { line -> [Substring] in
                // A comma left at the end (`a.jpg,`) separates nothing.
                var line = Substring(line.trimmingCharacters(in: .whitespaces))
                while line.last == "," || line.last == " " { line.removeLast() }
                // (Semicolons too, as sheets in languages with decimal commas list things.)
                guard line.contains(where: { $0 == "," || $0 == ";" }) else { return [line] }
                let pieces = line.split(separator: /\s*[,;]\s+|\s+[,;]\s*|[,;](?=(?i:https?):\/\/)/).map { Substring($0.trimmingCharacters(in: .whitespaces)) }
                return pieces.count > 1 && pieces.allSatisfy(isItem) ? pieces : [line]
            }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// Whether a media item is on the web (`https://…`, in any case), as the bulk-upload
    /// sheets take pictures.
    public static func isWebAddress(_ item: some StringProtocol) -> Bool {
        let start = item.prefix(8).lowercased()
        return start.hasPrefix("https://") || start.hasPrefix("http://")
    }

    /// A link as a full address for the tools that want one (`acme.example/menu` becomes
    /// `https://acme.example/menu`); one with a scheme stays as it is.
    public static func fullAddress(_ link: String) -> String {
        isWebAddress(link) || link.contains("://") ? link : "https://" + link
    }

    /// The post with its merge conflict settled on `fields` (as the file names them): the value
    /// it has now is the one wanted. Any field set keeps a post the other side deleted. Used by
    /// `cadence update` (the fields given) and the planner's form (the fields changed in it).
    public func settlingConflict(on fields: Set<String>) -> Post {
        guard var conflict, !fields.isEmpty else { return self }
        var post = self
        conflict.fields = conflict.fields.filter { !fields.contains(String($0.key.prefix { $0 != "." })) }
        conflict.deletedBy = nil
        post.conflict = conflict.isEmpty ? nil : conflict
        return post
    }

    /// Why the post's status does not fit its date: an idea is a post without one, and a post
    /// without one cannot be scheduled or published.
    public var statusDateProblem: String? {
        if isIdea, status >= .scheduled { return "a post without a date cannot be \(status.rawValue)" }
        if !isIdea, status == .idea { return "an idea is a post without a date" }
        return nil
    }

    /// `postedText` of this post.
    public var textAsPosted: String { Post.postedText(text: text, link: link) }

    /// What makes a post unusable on its own (references are checked by the calendar).
    public var contentProblem: (field: String, message: String)? {
        if TextMetrics.isBlank(title) { return ("title", "a post needs a title") }
        if let tag = tags.first(where: { $0.isEmpty || $0.contains(",") || $0.contains("\n") }) {
            return ("tags", "tag '\(tag)' is empty or holds a comma or line break")
        }
        if let item = media.first(where: { $0.isEmpty || $0.contains("\n") }) {
            return ("media", "media item '\(item)' is empty or holds a line break")
        }
        return nil
    }

    /// What input (a command, a sheet) may not bring into a post, besides `contentProblem`:
    /// control characters, which no one types on purpose and a terminal would run (tabs, and
    /// line breaks in the text and notes, are fine; a title is one line, as in the planner).
    /// Only fields that differ from `old` (the post as it was) are looked at, so a post read
    /// from a file can still be changed elsewhere.
    public func inputProblem(comparedTo old: Post?) -> (field: String, message: String)? {
        if let problem = contentProblem { return problem }
        let fields: [(String, [String], Bool)] = [
            ("title", [title], false), ("text", [text], true), ("notes", [notes], true), ("link", [link ?? ""], false),
            ("tags", tags, false), ("media", media, false),
        ]
        let before: [String: [String]] = old.map { o in
            ["title": [o.title], "text": [o.text], "notes": [o.notes], "link": [o.link ?? ""], "tags": o.tags, "media": o.media]
        } ?? [:]
        for (field, values, lines) in fields where before[field] != values {
            for value in values {
                // Unicode's line and paragraph separators break a one-line field too.
                let breaksLine = { (scalar: Unicode.Scalar) in !lines && (scalar == "\u{2028}" || scalar == "\u{2029}") }
                guard let bad = value.unicodeScalars.first(where: { Post.isControl($0, allowingLines: lines) || breaksLine($0) }) else { continue }
                if field == "title", bad == "\n" || bad == "\r" || breaksLine(bad) {
                    return (field, "holds a line break; a title is one line (the text takes many)")
                }
                let code = String(bad.value, radix: 16, uppercase: true)
                return (field, "holds a control character (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)); take it out")
            }
        }
        if let link, link != old?.link, let problem = Post.linkProblem(link) { return ("link", problem) }
        // A semicolon separates tags in a sheet, as a comma does: a tag holding one would come
        // back from an export as two.
        if tags != old?.tags, let tag = tags.first(where: { $0.contains(";") && !(old?.tags.contains($0) ?? false) }) {
            return ("tags", "tag '\(tag)' holds a semicolon, which separates tags (as a comma does); give each tag on its own")
        }
        return nil
    }

    /// Why a link is not a web address a network can post: words with spaces ("see our site"),
    /// an invisible character, another scheme than http and https (`ftp://`, `mailto:`), or no
    /// site (`https://`, `3.14`, `x..y`, a port that is not one). Addresses without a scheme
    /// (`acme.example/menu`) are fine, as people write them.
    private static let mediaExtensions: Set<String> = ["jpg", "jpeg", "png", "gif", "webp", "heic", "mp4", "m4v", "mov", "avi", "mkv"]

    public static func linkProblem(_ link: String) -> String? {
        let expected = "expected a web address, such as https://acme.example/menu"
        if link.contains(where: \.isWhitespace) { return "'\(link)' holds a space; \(expected)" }
        if let hidden = link.unicodeScalars.first(where: { $0.properties.generalCategory == .format || $0.properties.generalCategory == .control }) {
            let code = String(hidden.value, radix: 16, uppercase: true)
            return "'\(link)' holds an invisible character (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)); \(expected)"
        }
        var rest = Substring(link)
        // A scheme only at the start: `acme.example/share?u=https://…` has none.
        let scheme = link.firstMatch(of: /^[A-Za-z][A-Za-z0-9+.\-]*:\/\//)?.range
        let hasScheme = scheme != nil
        let lowered = link.lowercased()
        if let scheme = scheme.map({ link.index($0.upperBound, offsetBy: -3)..<$0.upperBound }) {
            let name = link[..<scheme.lowerBound]
            guard ["http", "https"].contains(name.lowercased()) else {
                return "'\(link)' is not a web address (http:// or https://); \(expected)"
            }
            rest = link[scheme.upperBound...]
        } else if let other = link.range(of: "://"), !link[..<other.lowerBound].contains(where: { "/?#".contains($0) }) {
            // "://" before any path, yet no scheme that reads as one (`://acme.example`, `h ttp://`).
            return "'\(link)' is not a web address (http:// or https://); \(expected)"
        } else if lowered.hasPrefix("http:") || lowered.hasPrefix("https:") {
            return "'\(link)' lacks the // after its scheme; \(expected)"
        } else if lowered.hasPrefix("mailto:") || lowered.hasPrefix("tel:") || link.prefix(while: { !"/?#".contains($0) }).contains("@") {
            // An @ before the first slash is an e-mail address; after it, a path (tiktok.com/@acme).
            return "'\(link)' is an e-mail address or a phone number, not a web address; \(expected)"
        } else if let colon = link.firstIndex(of: ":"), link[..<colon].wholeMatch(of: /[A-Za-z][A-Za-z0-9+.\-]*/) != nil,
            !(link[link.index(after: colon)...].first?.isNumber ?? false)
        {
            // Another scheme without // (`javascript:…`, `data:…`); a colon before digits is a port.
            return "'\(link)' is not a web address (http:// or https://); \(expected)"
        }
        let noSite = "'\(link)' names no site (a host like acme.example); \(expected)"
        var authority = rest.prefix { !"/?#".contains($0) }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }  // user@host
        var host = authority
        if authority.hasPrefix("[") {
            // An IPv6 address: [2001:db8::1], perhaps with a port after it.
            guard let close = authority.firstIndex(of: "]"), authority[authority.index(after: authority.startIndex)..<close].allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }),
                authority[authority.index(after: authority.startIndex)..<close].contains(":")
            else { return noSite }
            host = authority[...close]
            let port = authority[authority.index(after: close)...]
            guard port.isEmpty || (port.first == ":" && isPort(port.dropFirst())) else { return "'\(link)' has a port that is not one (1 to 65535); \(expected)" }
            return nil
        }
        if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            guard isPort(authority[authority.index(after: colon)...]) else { return "'\(link)' has a port that is not one (1 to 65535); \(expected)" }
        }
        if host.lowercased() == "localhost" { return nil }
        // A name's final dot (`acme.example.`) is allowed; empty labels are not.
        let name = host.hasSuffix(".") ? host.dropLast() : host
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        // `winter.jpg` typed where the link goes (the media field is next to it) reads as a site.
        if !hasScheme, rest.count == authority.count, let last = labels.last, mediaExtensions.contains(last.lowercased()) {
            return "'\(link)' is a picture's or video's file name, not a web address (it goes in media); \(expected)"
        }
        guard labels.count >= 2, labels.allSatisfy({ label in
            !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-") && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        }) else { return noSite }
        // Without a scheme, digits alone (`3.14`) are a number, not a site; four are an address.
        if !hasScheme, !name.contains(where: \.isLetter), labels.count != 4 { return noSite }
        return nil
    }

    private static func isPort(_ text: Substring) -> Bool {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy(\.isASCII), let port = Int(text) else { return false }
        return (1...65535).contains(port)
    }

    public static func isControl(_ scalar: Unicode.Scalar, allowingLines: Bool) -> Bool {
        switch scalar.value {
        case 0x09: false
        case 0x0A, 0x0D: !allowingLines
        case 0x00..<0x20, 0x7F..<0xA0: true
        default: false
        }
    }
}
