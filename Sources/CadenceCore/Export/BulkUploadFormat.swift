import Foundation

/// The CSV files the web planners' bulk uploads take, so a plan made in Cadence can be queued
/// in Buffer or Hootsuite without retyping it.
///
/// - **Buffer**: a header `Text,Image URL,Tags,Posting Time`, one file per channel, the time as
///   `YYYY-MM-DD HH:mm` in the channel's zone (the calendar's), and text or an image on each row.
/// - **Hootsuite** (Bulk Composer): no header; the date and time as `MM/DD/YYYY HH:mm` (24-hour),
///   the message and an optional link; at most 350 rows, times on 5-minute steps and at least
///   10 minutes ahead.
///
/// Both tools only queue posts still to come, so posts earlier than `earliestAhead` from now are
/// left out (and counted); ideas have no time and are left out too. A post the tool would refuse
/// stops the export with a message naming it (and every other such post, so that they can be
/// mended in one go), so that an upload never half fails: a text longer than the network
/// takes; in Buffer, a post without an image on the web where its channel needs a picture
/// (Instagram). Media the
/// sheet cannot carry (local files, a second picture; Hootsuite's sheet has no picture column
/// at all) is listed, to be attached in the tool.
public enum BulkUploadFormat: String, Sendable, CaseIterable {
    case buffer, hootsuite

    public var toolName: String { self == .buffer ? "Buffer" : "Hootsuite" }

    /// How far ahead a post must be for the tool to take it.
    public var earliestAhead: TimeInterval { self == .hootsuite ? 600 : 0 }

    public static let hootsuiteMaxRows = 350

    public struct Export: Sendable {
        public let csv: String
        public let rows: Int
        /// Posts left out because their time has passed.
        public let past: Int
        /// Posts left out because they are still to come but closer than the tool takes.
        public let tooSoon: Int
        public let ideas: Int
        /// Posts in the file whose media (some or all) the sheet cannot carry.
        public let mediaLeftOut: [Post]
        /// Posts in the file not yet approved (an idea's, a draft's or a review's status).
        public let unapproved: Int
        /// Posts in the file that are close to the earliest the tool takes (less than five
        /// minutes more than it): left out if the upload waits.
        public var closeToTheLimit = 0
    }

    public func export(_ posts: [Post], of calendar: ContentCalendar, now: Date) throws(CadenceError) -> Export {
        let scheduled = posts.filter { !$0.isIdea }
        let ideas = posts.count - scheduled.count
        let earliest = now.addingTimeInterval(earliestAhead)
        let coming = scheduled.filter { $0.at! >= earliest }
        // Both send every row of a file to the profiles chosen when uploading it.
        let channels = Set(coming.map(\.channel))
        if channels.count > 1 {
            throw .usage("\(toolName) takes one file per channel (every row goes to the profiles chosen at upload); this export has posts on \(channels.sorted().joined(separator: ", ")): give --channel")
        }
        if self == .hootsuite, coming.count > Self.hootsuiteMaxRows {
            throw .usage("Hootsuite takes at most \(Self.hootsuiteMaxRows) posts in one file; this export has \(coming.count): narrow it with --from and --to, or --week")
        }
        var rows: [[String]] = self == .buffer ? [["Text", "Image URL", "Tags", "Posting Time"]] : []
        let book = RuleBook(calendar)
        var mediaLeftOut: [Post] = []
        var refused: [String] = []
        let context = CheckContext(calendar: calendar, selection: DaySelection(ranges: [], includesIdeas: false), now: now, book: book)
        for post in coming {
            let needsMedia = book.byChannel[post.channel]?.has(MediaRequiredRule.id) ?? false
            do {
                try refuseTooLong(post, in: context)
                rows.append(try row(for: post, at: post.at!, in: calendar, needsMedia: needsMedia))
            } catch {
                refused.append(error.message)
                continue
            }
            if post.media.count > (self == .buffer && Self.image(of: post) != nil ? 1 : 0) { mediaLeftOut.append(post) }
        }
        if !refused.isEmpty { throw .refusedPosts(tool: toolName, reasons: refused) }
        let past = scheduled.count { $0.at! < now }
        var export = Export(
            csv: CSVFormat.write(rows), rows: coming.count, past: past, tooSoon: scheduled.count - coming.count - past, ideas: ideas,
            mediaLeftOut: mediaLeftOut, unapproved: coming.count { $0.status < .approved })
        if earliestAhead > 0 { export.closeToTheLimit = coming.count { $0.at! < earliest.addingTimeInterval(300) } }
        return export
    }

    /// The picture Buffer's sheet takes: the post's first media item on the web that is not a
    /// video (by its name's ending; the column is for an image, a video is attached in Buffer).
    static func image(of post: Post) -> String? {
        post.media.first { Post.isWebAddress($0) && !isVideo($0) }
    }

    static let videoEndings: Set<String> = ["mp4", "mov", "m4v", "webm", "avi", "mkv", "mpg", "mpeg", "3gp"]

    /// Whether the address names a video file (`…/reel.mp4`, `…/reel.MOV?v=2`).
    static func isVideo(_ address: String) -> Bool {
        let path = address.split(whereSeparator: { $0 == "?" || $0 == "#" }).first ?? ""
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return videoEndings.contains(path[path.index(after: dot)...].lowercased())
    }

    /// "post 3dp6c71y6d (“Friday meme”, 2026-11-27 12:00)"
    private func name(of post: Post, in calendar: ContentCalendar) -> String {
        let at = post.at!
        return "post \(post.id) (“\(Reports.safe(post.title))”, \(calendar.clock.local(at).dateTime.date) \(calendar.clock.timeText(at)))"
    }

    /// A text longer than the channel's network takes (its `text-length` rule, whatever
    /// severity the calendar gives it): the tool refuses the post at upload, or cuts it.
    private func refuseTooLong(_ post: Post, in context: CheckContext) throws(CadenceError) {
        guard let rule = context.book.rules(for: post.channel).first(TextLengthRule.self),
            let channel = context.calendar.channel(post.channel),
            let found = rule.check(post: post, channel: channel, in: context).first
        else { return }
        let prefix = Describe.post(post, in: context.calendar) + ": "
        let detail = found.message.hasPrefix(prefix) ? String(found.message.dropFirst(prefix.count)) : found.message
        throw .invalidPost(message: "\(name(of: post, in: context.calendar)) has a text of \(detail) on \(channel.name); \(toolName) would refuse it: shorten the text")
    }

    private func row(for post: Post, at: Date, in calendar: ContentCalendar, needsMedia: Bool) throws(CadenceError) -> [String] {
        let local = calendar.clock.local(at).dateTime
        let name = name(of: post, in: calendar)
        // Hootsuite's link column wants a full address; people write `acme.example/menu`.
        let link = post.link.flatMap { $0.isEmpty ? nil : Post.fullAddress($0) }
        // The sheet's times carry no UTC offset: a tool reads the hour the clocks go back as
        // its first occurrence, so a post in the second would go out an hour early.
        if case .repeated(let first, _) = calendar.clock.resolve(local), at != first {
            throw .invalidPost(message: "\(name) is in the second \(local.time) of a night the clocks go back; \(toolName)'s sheet has no UTC offset to tell it from the first: move the post out of that hour")
        }
        switch self {
        case .buffer:
            // Buffer posts the text as it is: a link kept in the link field goes at its end.
            let text = post.textAsPosted
            let image = Self.image(of: post) ?? ""
            if text.isEmpty && image.isEmpty {
                throw .invalidPost(message: "\(name) has no text and no image URL; Buffer needs one of them")
            }
            if needsMedia, image.isEmpty {
                let channel = calendar.channel(post.channel)?.name ?? post.channel
                let video = post.media.first { Post.isWebAddress($0) && Self.isVideo($0) }
                let has = post.media.isEmpty ? "has no picture"
                    : video.map { "has a video (\(Reports.safe($0))), which the sheet's picture column cannot take" } ?? "has no picture on the web (\(Reports.safe(post.media[0])))"
                throw .invalidPost(message: "\(name) \(has), and \(channel) posts need one; Buffer's sheet takes a picture by its address: give the post an https:// image in its media")
            }
            return [CSVFormat.visible(text, lines: true), CSVFormat.visible(image), CSVFormat.visible(post.tags.joined(separator: ",")), "\(local.date) \(local.time)"]
        case .hootsuite:
            if post.text.isEmpty { throw .invalidPost(message: "\(name) has no text; Hootsuite needs a message") }
            if local.time.minuteOfDay % 5 != 0 {
                throw .invalidPost(message: "\(name) is not on a 5-minute step; Hootsuite takes times such as 09:05 or 09:10")
            }
            let date = "\(pad(local.date.month, 2))/\(pad(local.date.day, 2))/\(local.date.year)"
            return ["\(date) \(local.time)", CSVFormat.visible(post.text, lines: true), CSVFormat.visible(link ?? "")]
        }
    }
}
