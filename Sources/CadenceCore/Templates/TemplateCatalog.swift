import Foundation

/// A starting calendar: channels, categories and rules, without posts or a time zone. Templates
/// are data files (`templates/*.json`, in the calendar format plus a `description`); the ones in
/// the repository are built into the binary, and a user's own folder can add or replace them.
public struct Template: Sendable {
    public let name: String
    public let description: String
    /// Where it came from: "built in" or a file path.
    public let source: String
    let json: [UInt8]

    /// Reads a template's text; its `description` is required.
    public init(name: String, json: [UInt8], source: String) throws(CadenceError) {
        self.name = name
        self.json = json
        self.source = source
        let root: JSONNode
        do {
            root = try JSONParser.parse(json)
        } catch {
            let (line, column) = lineAndColumn(of: error.offset, in: json)
            throw .invalidTemplate(name: name, message: "\(source):\(line):\(column): \(error.message)")
        }
        guard case .object(let members) = root.kind else {
            throw .invalidTemplate(name: name, message: "it is not a JSON object")
        }
        description = members.first { $0.key == "description" }.flatMap { $0.value.value.stringValue } ?? ""
    }

    /// A new calendar from this template, in the given zone (and with the given name, if any).
    /// Problems are reported at their place in the template file.
    /// A calendar file used as a template gives its settings only: its posts (and any open
    /// merge conflicts) are left out, as `leftOut` counts.
    public func instantiate(name: String?, zone: ZoneClock) throws(CadenceError) -> ContentCalendar {
        try instantiateCounting(name: name, zone: zone).calendar
    }

    public func instantiateCounting(name: String?, zone: ZoneClock) throws(CadenceError) -> (calendar: ContentCalendar, leftOut: Int) {
        let full: ContentCalendar
        do {
            full = try CalendarCodec.decode(json, path: source == "built in" ? "\(self.name) template" : source, template: .init(zone: zone, name: name))
        } catch {
            throw .invalidTemplate(name: self.name, message: error.message)
        }
        var calendar = full.replacingPosts([])
        calendar.conflicts = []
        return (calendar, full.posts.count)
    }
}

public enum TemplateCatalog {
    /// The templates built into this binary from the repository's `templates/` folder.
    public static var builtIn: [Template] {
        EmbeddedTemplates.files.compactMap { try? Template(name: $0.name, json: Array($0.json.utf8), source: "built in") }
    }

    /// Built-in templates plus the `*.json` files in `folder` (which win on a name clash), and
    /// the files in `folder` that cannot be read as templates, with why.
    public static func all(userFolder: String?) -> (templates: [Template], broken: [CadenceError]) {
        var byName = Dictionary(builtIn.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var broken: [CadenceError] = []
        for file in userFiles(in: userFolder) {
            do {
                let template = try load(file)
                byName[template.name] = template
            } catch {
                broken.append(error)
            }
        }
        let templates = byName.values.sorted { ($0.name == "default" ? 0 : 1, $0.name) < ($1.name == "default" ? 0 : 1, $1.name) }
        return (templates, broken)
    }

    /// A template by name (the user's folder first), or a template file by path (anything with
    /// a `/` or ending `.json`).
    public static func find(_ nameOrPath: String, userFolder: String?) throws(CadenceError) -> Template {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".json") {
            guard FileManager.default.fileExists(atPath: nameOrPath) else { throw .inputNotFound(path: nameOrPath) }
            return try load(nameOrPath)
        }
        if let file = userFiles(in: userFolder).first(where: { templateName($0) == nameOrPath }) {
            return try load(file)
        }
        if let match = builtIn.first(where: { $0.name == nameOrPath }) { return match }
        throw .unknownTemplate(nameOrPath, known: all(userFolder: userFolder).templates.map(\.name))
    }

    private static func userFiles(in folder: String?) -> [String] {
        guard let folder, let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return files.filter { $0.hasSuffix(".json") }.sorted().map { (folder as NSString).appendingPathComponent($0) }
    }

    private static func templateName(_ path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    private static func load(_ path: String) throws(CadenceError) -> Template {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidTemplate(name: templateName(path), message: "\(path) cannot be read")
        }
        let template = try Template(name: templateName(path), json: [UInt8](data), source: path)
        // Read as a calendar now, so that a broken one is named in the list, not only when used.
        _ = try template.instantiate(name: nil, zone: ZoneClock(identifier: "UTC")!)
        return template
    }
}
