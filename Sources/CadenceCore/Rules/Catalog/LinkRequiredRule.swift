/// Posts in some categories must carry a link (the kids' store: new-model announcements link to
/// the page where the clothes can be bought).
public struct LinkRequiredRule: PostRule {
    public static let id = "link-required"
    public static let title = "a post in a linked category without a link"
    public static let rationale =
        "Model announcements must be links to the pages where the clothes can be bought (DIGEST §2B, S3 L232); social is part of the continent, not an island (S3 L50–54)."
    public static let parameters: [(name: String, kind: ParameterKind)] = [("categories", .names)]
    public static let appliesToIdeas = false

    public let categories: [String]
    public let severity: Severity?

    public init(categories: [String], severity: Severity? = nil) {
        self.categories = categories
        self.severity = severity
    }

    public init(parameters: RuleParameters) throws(RuleConfigError) {
        guard let categories = try parameters.strings("categories"), !categories.isEmpty else {
            throw RuleConfigError(key: "categories", "give 'categories', the categories whose posts need a link")
        }
        self.init(categories: categories, severity: parameters.severity)
    }

    public var referencedCategories: [String] { categories }

    public var summary: String { "link required in \(categories.joined(separator: ", "))" }

    public func check(post: Post, channel: Channel, in context: CheckContext) -> [Violation] {
        guard let category = post.category, categories.contains(category), (post.link ?? "").isEmpty else { return [] }
        let name = context.calendar.category(category)?.name ?? category
        return flag(post, "\(name) posts need a link, and the link is empty", severity: severity ?? .error, in: context)
    }
}
