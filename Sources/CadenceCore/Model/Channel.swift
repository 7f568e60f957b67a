/// A social channel the team posts to: a Facebook page, an X account, a VK community.
public struct Channel: Equatable, Sendable {
    /// Lower-case network name or handle: `facebook`, `twitter`, `vk`, `instagram-shop`.
    public var id: String
    public var name: String
    /// Which network it is on; picks the network's own limits (text length, media, hashtags).
    public var network: String?
    /// The channel's posting schedule: the times of day its posts go out, in order. A new post
    /// takes the first of them that is free (see `ContentCalendar.nextFreeTime`).
    public var postingTimes: [LocalTime] {
        didSet { postingTimes = Channel.inOrder(postingTimes) }
    }
    /// This channel's rule settings, laid over the calendar's and the network's.
    public var rules: RuleSettings
    public var extra: JSONObject

    public init(
        id: String, name: String, network: String? = nil, postingTimes: [LocalTime] = [], rules: RuleSettings = RuleSettings(),
        extra: JSONObject = JSONObject()
    ) {
        self.id = id
        self.name = name
        self.network = network
        self.postingTimes = Channel.inOrder(postingTimes)
        self.rules = rules
        self.extra = extra
    }

    public var profile: NetworkProfile? { network.flatMap(NetworkProfile.named) }

    /// Posting times as kept: in order, each once.
    private static func inOrder(_ times: [LocalTime]) -> [LocalTime] { Array(Set(times)).sorted() }

    /// Channel and category ids: lower-case letters, digits, `-` and `_`, as in `new-models`.
    public static func isValidID(_ text: String) -> Bool { PostID.isValid(text) }
}

/// A content category ("content vector" in the seeds): humour, product, how-to…
public struct Category: Equatable, Sendable {
    public var id: String
    public var name: String
    public var extra: JSONObject

    public init(id: String, name: String, extra: JSONObject = JSONObject()) {
        self.id = id
        self.name = name
        self.extra = extra
    }
}

/// Rule settings by rule id, e.g. `"posts-per-day": {"min": 1, "max": 5}`. Each rule's
/// parameters and an optional `"severity"` (`error`, `warning` or `off`).
public struct RuleSettings: Equatable, Sendable {
    public var byRule: [String: JSONObject]

    public init(_ byRule: [String: JSONObject] = [:]) {
        self.byRule = byRule
    }

    public subscript(ruleID: String) -> JSONObject? {
        get { byRule[ruleID] }
        set { byRule[ruleID] = newValue }
    }

    public var isEmpty: Bool { byRule.isEmpty }

    /// `other` laid over these settings, parameter by parameter.
    public func overlaid(with other: RuleSettings) -> RuleSettings {
        var result = self
        for (id, params) in other.byRule {
            result.byRule[id] = (result.byRule[id] ?? JSONObject()).merging(params)
        }
        return result
    }
}

extension RuleSettings: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONObject)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { $0.merging($1) }))
    }
}

/// What a network itself allows or needs; these are facts about the network, not the team's
/// choices, so they apply to every channel on it unless the calendar says otherwise.
/// Figures from `../shared/ANCHORS.md` §4 (network limits).
public struct NetworkProfile: Sendable {
    public let id: String
    public let displayName: String
    public let textLimit: Int?
    /// X counts every link as 23 characters, whatever its length.
    public let linkLength: Int?
    /// X counts an emoji or a Chinese, Japanese or Korean character as 2.
    public var wideCount: Int? { id == "twitter" ? 2 : nil }
    public let needsMedia: Bool
    public let hashtagLimit: Int?
    /// Cadence's own choice of minimum gap between two posts; the seeds warn against bursts
    /// (DIGEST §1b item 9) but give no number.
    public let spacingMinutes: Int?

    public static let all: [NetworkProfile] = [
        NetworkProfile(id: "facebook", displayName: "Facebook", textLimit: 63_206, linkLength: nil, needsMedia: false, hashtagLimit: nil, spacingMinutes: 60),
        NetworkProfile(id: "twitter", displayName: "X (Twitter)", textLimit: 280, linkLength: 23, needsMedia: false, hashtagLimit: nil, spacingMinutes: 15),
        NetworkProfile(id: "instagram", displayName: "Instagram", textLimit: 2_200, linkLength: nil, needsMedia: true, hashtagLimit: 5, spacingMinutes: 120),
        NetworkProfile(id: "linkedin", displayName: "LinkedIn", textLimit: 3_000, linkLength: nil, needsMedia: false, hashtagLimit: nil, spacingMinutes: 120),
        NetworkProfile(id: "threads", displayName: "Threads", textLimit: 500, linkLength: nil, needsMedia: false, hashtagLimit: nil, spacingMinutes: 30),
        NetworkProfile(id: "bluesky", displayName: "Bluesky", textLimit: 300, linkLength: nil, needsMedia: false, hashtagLimit: nil, spacingMinutes: 15),
        NetworkProfile(id: "mastodon", displayName: "Mastodon", textLimit: 500, linkLength: nil, needsMedia: false, hashtagLimit: nil, spacingMinutes: 15),
        NetworkProfile(id: "telegram", displayName: "Telegram", textLimit: 4_096, linkLength: nil, needsMedia: false, hashtagLimit: nil, spacingMinutes: 30),
        NetworkProfile(id: "tiktok", displayName: "TikTok", textLimit: 2_200, linkLength: nil, needsMedia: true, hashtagLimit: nil, spacingMinutes: 120),
        NetworkProfile(id: "youtube", displayName: "YouTube", textLimit: 5_000, linkLength: nil, needsMedia: true, hashtagLimit: nil, spacingMinutes: 240),
        NetworkProfile(id: "vk", displayName: "VK", textLimit: nil, linkLength: nil, needsMedia: false, hashtagLimit: nil, spacingMinutes: 60),
        NetworkProfile(id: "pinterest", displayName: "Pinterest", textLimit: 500, linkLength: nil, needsMedia: true, hashtagLimit: nil, spacingMinutes: 30),
    ]

    static let aliases = ["x": "twitter", "vkontakte": "vk", "ig": "instagram", "fb": "facebook", "bsky": "bluesky"]

    public static func named(_ name: String) -> NetworkProfile? {
        let key = name.lowercased()
        let id = aliases[key] ?? key
        return all.first { $0.id == id }
    }

    /// The known network (or alias) a mistyped name is closest to: at most two letters off.
    public static func nearest(to name: String) -> String? {
        TextMetrics.nearest(to: name.lowercased(), among: all.map(\.id) + aliases.keys.sorted())
    }

    /// The rule settings a channel on this network starts from.
    public var ruleDefaults: RuleSettings {
        var settings = RuleSettings()
        if let textLimit {
            var params = JSONObject(["max": .int(textLimit)])
            if let linkLength { params["linkLength"] = .int(linkLength) }
            if let wideCount { params["wideCount"] = .int(wideCount) }
            settings[TextLengthRule.id] = params
        }
        if needsMedia { settings[MediaRequiredRule.id] = JSONObject() }
        if let hashtagLimit { settings[HashtagsRule.id] = JSONObject(["max": .int(hashtagLimit)]) }
        if let spacingMinutes { settings[SpacingRule.id] = JSONObject(["minutes": .int(spacingMinutes)]) }
        return settings
    }
}
