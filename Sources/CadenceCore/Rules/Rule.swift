import Foundation

public enum Severity: String, Sendable, Comparable, CaseIterable {
    case warning, error

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
}

/// A cadence rule: an id, the SMM advice behind it, its parameters and its severity. Each rule
/// is built from the settings that apply to one channel (network defaults, then the calendar's,
/// then the channel's own) and checks one kind of place: a day, a week or a post.
public protocol CadenceRule: Sendable {
    /// Kebab-case id used in the calendar file and in reports: `posts-per-day`.
    static var id: String { get }
    /// What it flags, in a few words: "posts a day outside [min, max]".
    static var title: String { get }
    /// Why, citing the seeds' digest (`../shared/seeds/DIGEST.md`).
    static var rationale: String { get }
    /// The parameters the rule reads besides `severity`, and what each must be.
    static var parameters: [(name: String, kind: ParameterKind)] { get }

    init(parameters: RuleParameters) throws(RuleConfigError)

    /// The settings in a few words for `cadence channels`: "1–5 a day".
    var summary: String { get }
    /// Category ids the parameters name; the calendar must define them.
    var referencedCategories: [String] { get }
    /// For a rule whose verdict depends on the current time: how many hours either side of now
    /// it can flag a post. `nil` for rules that read the plan alone.
    var clockHorizonHours: Int? { get }
}

extension CadenceRule {
    public var referencedCategories: [String] { [] }
    public var clockHorizonHours: Int? { nil }
}

/// What a rule parameter must hold, checked when a file is read.
public enum ParameterKind: Sendable {
    /// A whole number of at least this much.
    case count(atLeast: Int)
    /// A list of category ids.
    case names
    /// Category ids and a whole number each: `{"humour": 1}`.
    case limits
}

/// A rule whose only setting is its severity (same-text, bare-url, media-required…).
public protocol SeverityOnlyRule: CadenceRule {
    init(severity: Severity?)
}

extension SeverityOnlyRule {
    public static var parameters: [(name: String, kind: ParameterKind)] { [] }

    public init(parameters: RuleParameters) throws(RuleConfigError) { self.init(severity: parameters.severity) }
}

/// Checks a channel's posts on one calendar day.
public protocol DayRule: CadenceRule {
    func check(day: CivilDate, posts: [Post], channel: Channel, in context: CheckContext) -> [Violation]
}

/// Checks a channel's posts in one week (seven days from the calendar's week start).
public protocol WeekRule: CadenceRule {
    func check(weekStart: CivilDate, posts: [Post], channel: Channel, in context: CheckContext) -> [Violation]
}

/// Checks one post on its own.
public protocol PostRule: CadenceRule {
    /// Whether undated ideas are checked too (a text too long is already wrong in an idea).
    static var appliesToIdeas: Bool { get }
    func check(post: Post, channel: Channel, in context: CheckContext) -> [Violation]
}

extension PostRule {
    /// A violation about one post, worded "<post>: <detail>", e.g. "Tue 24 Nov 2026 09:00 ·
    /// Twitter · “Launch”: 312 characters, at most 280".
    public func flag(
        _ post: Post, _ detail: String, severity: Severity, in context: CheckContext, involving others: [PostID]? = nil
    ) -> [Violation] {
        [
            Violation(
                rule: Self.id, severity: severity, channel: post.channel, subject: .post(post.id),
                day: context.calendar.local(of: post.id)?.date, posts: others ?? [post.id],
                message: "\(Describe.post(post, in: context.calendar)): \(detail)")
        ]
    }
}

/// A rule's settings that cannot be used, with the parameter at fault.
public struct RuleConfigError: Error, Equatable, Sendable {
    public let key: String?
    public let message: String

    public init(key: String?, _ message: String) {
        self.key = key
        self.message = message
    }
}

/// A rule's parameter object, read strictly: unknown keys and wrong types are errors, so that a
/// typo in the file does not silently switch a rule off.
public struct RuleParameters: Sendable {
    public let object: JSONObject
    /// The calendar's `severity` for this rule: a level, or `nil` to keep the rule's defaults.
    public let severity: Severity?

    public init(_ object: JSONObject, accepting parameters: [(name: String, kind: ParameterKind)]) throws(RuleConfigError) {
        self.object = object
        for key in object.keys where key != "severity" && !parameters.contains(where: { $0.name == key }) {
            let known = (parameters.map(\.name) + ["severity"]).joined(separator: ", ")
            throw RuleConfigError(key: key, "unknown setting '\(key)' (this rule takes \(known))")
        }
        switch object["severity"] {
        case nil: severity = nil
        case .string("error"): severity = .error
        case .string("warning"): severity = .warning
        case .string("off"): severity = nil  // handled before the rule is built
        default: throw RuleConfigError(key: "severity", "severity must be \"error\", \"warning\" or \"off\"")
        }
        // Every parameter written must be of its kind, whether or not the rule ends up in force.
        for (name, kind) in parameters where object[name] != nil {
            switch kind {
            case .count(let minimum): _ = try int(name, atLeast: minimum)
            case .names: _ = try strings(name)
            case .limits: _ = try intMap(name)
            }
        }
    }

    public var isOff: Bool { object["severity"] == .string("off") }

    public func int(_ key: String, atLeast minimum: Int = 0) throws(RuleConfigError) -> Int? {
        guard let value = object[key] else { return nil }
        guard let n = value.intValue, n >= minimum else {
            throw RuleConfigError(key: key, "'\(key)' must be a whole number of at least \(minimum)")
        }
        return n
    }

    public func strings(_ key: String) throws(RuleConfigError) -> [String]? {
        guard let value = object[key] else { return nil }
        guard case .array(let items) = value else {
            throw RuleConfigError(key: key, "'\(key)' must be a list of names")
        }
        var result: [String] = []
        for item in items {
            guard let s = item.stringValue else { throw RuleConfigError(key: key, "'\(key)' must be a list of names") }
            result.append(s)
        }
        return result
    }

    /// An object of whole numbers keyed by name: `{"humour": 1}`.
    public func intMap(_ key: String) throws(RuleConfigError) -> [(String, Int)]? {
        guard let value = object[key] else { return nil }
        guard case .object(let map) = value else {
            throw RuleConfigError(key: key, "'\(key)' must be an object such as {\"humour\": 1}")
        }
        var result: [(String, Int)] = []
        for member in map.members {
            guard let n = member.value.intValue, n >= 0 else {
                throw RuleConfigError(key: key, "'\(key)' must map names to whole numbers; '\(member.key)' does not")
            }
            result.append((member.key, n))
        }
        return result
    }
}

/// Every rule Cadence knows, in the order reports and help list them.
public enum RuleCatalog {
    public static let all: [any CadenceRule.Type] = [
        PostsPerDayRule.self, PostsPerWeekRule.self, CategoryPerWeekRule.self, SpacingRule.self, TextLengthRule.self,
        MediaRequiredRule.self, HashtagsRule.self, LinkRequiredRule.self, SameTextRule.self, NotAdaptedRule.self,
        BareURLRule.self, UnapprovedSoonRule.self,
    ]

    public static func type(for id: String) -> (any CadenceRule.Type)? {
        all.first { $0.id == id }
    }

    public static var ids: [String] { all.map { $0.id } }

    /// Settings every calendar starts from, before the network's and its own.
    public static let baseDefaults = RuleSettings([
        SameTextRule.id: JSONObject(),
        NotAdaptedRule.id: JSONObject(),
        BareURLRule.id: JSONObject(),
        UnapprovedSoonRule.id: JSONObject(["hours": .int(24)]),
    ])

    /// Builds a rule from its settings; `nil` when the settings switch it off.
    public static func build(_ id: String, settings: JSONObject) throws(RuleConfigError) -> (any CadenceRule)? {
        guard let type = type(for: id) else {
            throw RuleConfigError(key: nil, "unknown rule '\(id)'; rules are \(ids.joined(separator: ", "))")
        }
        let parameters = try RuleParameters(settings, accepting: type.parameters)
        if parameters.isOff { return nil }
        return try type.init(parameters: parameters)
    }

    /// Checks a settings block as written in the file, before any merging: rule ids, parameter
    /// names and types. Returns the problem and the rule (and parameter) it concerns.
    public static func validate(_ settings: RuleSettings) -> (rule: String, error: RuleConfigError)? {
        for id in settings.byRule.keys.sorted() {
            guard let type = type(for: id) else {
                return (id, RuleConfigError(key: nil, "unknown rule '\(id)'; rules are \(ids.joined(separator: ", "))"))
            }
            do {
                _ = try RuleParameters(settings.byRule[id]!, accepting: type.parameters)
            } catch {
                return (id, error)
            }
        }
        return nil
    }
}
