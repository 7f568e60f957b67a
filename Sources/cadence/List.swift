import ArgumentParser
import CadenceCore
import Foundation

extension Cadence {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the agenda: posts grouped by day and channel, ideas last.",
            discussion: "Without --from, --to or --week every post is listed, ideas included.")

        @OptionGroup var file: FileOptions
        @OptionGroup var range: RangeOptions

        @OptionGroup var only: PostFilterOptions

        @Option(help: "text or json.")
        var format: OutputFormat = .text

        func run() throws {
            let environment = try CommandEnvironment.current()
            let calendar = try file.load()
            let posts = try PostFilter(
                calendar: calendar, range: range, channel: only.channel, category: only.category, status: only.status,
                today: environment.today(in: calendar)
            ).posts()
            switch format {
            case .text: print(Reports.agendaText(posts, of: calendar, palette: environment.palette), terminator: "")
            case .json: print(Reports.postsJSON(posts, of: calendar), terminator: "")
            }
        }
    }
}

/// `--channel`, `--category` and `--status`, for `list` and `export`.
struct PostFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only this channel (id or name).", valueName: "id"))
    var channel: String?

    @Option(help: ArgumentHelp("Only this category (id or name).", valueName: "name"))
    var category: String?

    @Option(help: ArgumentHelp("Only posts with this status, or any of several separated by commas (approved,scheduled).", valueName: "status"))
    var status: String?
}

/// Picks posts by days, channel, category and status, for `list` and `export`.
struct PostFilter {
    let calendar: ContentCalendar
    let range: RangeOptions
    var channel: String?
    var category: String?
    var status: String?
    let today: CivilDate

    func posts() throws(CadenceError) -> [Post] {
        let channelID = try channel.map { (c: String) throws(CadenceError) in try calendar.findChannel(c).id }
        let categoryID = try category.map { (c: String) throws(CadenceError) in try calendar.findCategory(c).id }
        let statuses = try status.map { (text: String) throws(CadenceError) -> Set<PostStatus> in
            var statuses = Set<PostStatus>()
            for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
                guard let parsed = PostStatus(rawValue: name) else {
                    throw .invalidValue(field: "--status", value: name, expected: "one of \(PostStatus.names), or several separated by commas")
                }
                statuses.insert(parsed)
            }
            guard !statuses.isEmpty else { throw .invalidValue(field: "--status", value: text, expected: "one of \(PostStatus.names)") }
            return statuses
        }
        var posts: [Post]
        if let selection = try range.selection(in: calendar, today: today) {
            posts = selection.ranges.flatMap { $0.flatMap { calendar.posts(on: CivilDate(dayNumber: $0)) } }
        } else {
            posts = calendar.sortedPosts
        }
        if let channelID { posts = posts.filter { $0.channel == channelID } }
        if let categoryID { posts = posts.filter { $0.category == categoryID } }
        if let statuses { posts = posts.filter { statuses.contains($0.status) } }
        return calendar.inPlannerOrder(posts)
    }
}
