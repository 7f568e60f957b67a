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
    public func instantiate(name: String?, timeZone: TimeZone) throws(CadenceError) -> ContentCalendar {
        guard case .object(var object)? = try? JSONParser.parse(json).value else {
            throw .invalidTemplate(name: self.name, message: "it is not a JSON object")
        }
        object["description"] = nil
        object["timeZone"] = .string(timeZone.identifier)
        if let name { object["name"] = .string(name) }
        if object["posts"] == nil { object["posts"] = .array([]) }
        do {
            return try CalendarCodec.decode(JSONWriter.canonicalBytes(.object(object)), path: "\(self.name) template")
        } catch {
            throw .invalidTemplate(name: self.name, message: error.errorDescription ?? "\(error)")
        }
    }
}

public enum TemplateCatalog {
    /// The templates built into this binary from the repository's `templates/` folder.
    public static var builtIn: [Template] {
        EmbeddedTemplates.files.compactMap { try? Template(name: $0.name, json: Array($0.json.utf8), source: "built in") }
    }

    /// Built-in templates plus the `*.json` files in `folder` (which win on a name clash).
    public static func all(userFolder: String?) -> [Template] {
        var byName = Dictionary(builtIn.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        if let folder = userFolder, let files = try? FileManager.default.contentsOfDirectory(atPath: folder) {
            for file in files where file.hasSuffix(".json") {
                let path = (folder as NSString).appendingPathComponent(file)
                if let data = FileManager.default.contents(atPath: path),
                    let template = try? Template(name: String(file.dropLast(5)), json: [UInt8](data), source: path)
                {
                    byName[template.name] = template
                }
            }
        }
        return byName.values.sorted { ($0.name == "default" ? 0 : 1, $0.name) < ($1.name == "default" ? 0 : 1, $1.name) }
    }

    /// A template by name, or a template file by path (anything with a `/` or ending `.json`).
    public static func find(_ nameOrPath: String, userFolder: String?) throws(CadenceError) -> Template {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: nameOrPath) else {
                throw .fileNotFound(path: nameOrPath)
            }
            let name = ((nameOrPath as NSString).lastPathComponent as NSString).deletingPathExtension
            return try Template(name: name, json: [UInt8](data), source: nameOrPath)
        }
        let templates = all(userFolder: userFolder)
        guard let match = templates.first(where: { $0.name == nameOrPath }) else {
            throw .unknownTemplate(nameOrPath, known: templates.map(\.name))
        }
        return match
    }
}
