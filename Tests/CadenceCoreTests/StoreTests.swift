import CadenceCore
import Foundation
import Testing

@Suite("JSON parsing and writing")
struct JSONTests {
    func parseError(_ text: String) -> (line: Int, column: Int, message: String)? {
        let bytes = Array(text.utf8)
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            let (line, column) = lineAndColumn(of: error.offset, in: bytes)
            return (line, column, error.message)
        }
    }

    @Test func syntaxErrorsNameLineAndColumn() {
        #expect(parseError("{\n  \"a\": 1,\n  \"b\": 2,\n}")?.line == 4)
        let missingComma = parseError("{\n  \"a\": 1\n  \"b\": 2\n}")
        #expect(missingComma?.line == 3 && missingComma?.column == 3)
        #expect(missingComma?.message == "expected ',' or '}' after a field, found '\"'")
        #expect(parseError("{\"a\": \"ქართ\nული\"}")?.message == "a line break inside a string (write \\n)")
        #expect(parseError("{\"ქართული\": tru}")?.column == 13, "columns count characters, not bytes")
        #expect(parseError("{\"a\": 1, \"a\": 2}")?.message == "the field \"a\" appears twice in one object")
        #expect(parseError("[1, 2,]")?.message.contains("trailing commas") == true)
        #expect(parseError("{\"a\": 01}")?.message == "numbers must not start with 0")
        #expect(parseError("{\"a\": \"\\ud800\"}") != nil)
        #expect(parseError("") != nil)
        #expect(parseError("{} {}") != nil)
    }

    @Test func invalidUTF8IsRefused() {
        var bytes = Array("{\"a\": \"ok".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\"}".utf8)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(bytes) }
    }

    @Test func writerKeepsUnicodeAndEscapesOnlyWhatJSONNeeds() throws {
        let value = JSONValue.object(["title": .string("ქართული “Привет” 日本 👍 / \"q\" \\ \n\t\u{1B}[31m"), "n": .number("1.50")])
        let text = String(decoding: JSONWriter.canonicalBytes(value), as: UTF8.self)
        #expect(text == "{\n  \"title\": \"ქართული “Привет” 日本 👍 / \\\"q\\\" \\\\ \\n\\t\\u001b[31m\",\n  \"n\": 1.50\n}\n")
        #expect(try JSONParser.parse(Array(text.utf8)).value == value)
    }
}

@Suite("Calendar file")
struct StoreTests {
    func sampleCalendar() -> ContentCalendar {
        var f = Fixture()
        f.add("facebook", "2026-11-24 09:00", title: "Запуск", text: "Новая коллекция\nуже здесь", category: "news", link: "https://example.com", media: ["img/a.jpg", "https://cdn.example/b.mp4"])
        f.add("twitter", "2026-11-24 09:00", title: "ქართული ტვიტი", text: "გამარჯობა 👋")
        f.add("instagram", "2026-10-25 02:30", title: "Repeated hour", media: ["c.jpg"])
        f.add("facebook", nil, title: "An idea", status: .idea)
        var calendar = f.calendar
        var post = calendar.posts[PostID("p0001")!]!
        post.tags = ["launch", "autumn"]
        post.notes = "Ask legal"
        post.extra = ["campaign": .string("autumn"), "budget": .object(["eur": .number("120.5")])]
        try! calendar.put(post)
        calendar.extra = ["owner": .string("Nino")]
        return calendar
    }

    @Test func savingTheSameCalendarGivesTheSameBytes() throws {
        let calendar = sampleCalendar()
        let bytes = CalendarCodec.encode(calendar)
        let loaded = try CalendarCodec.decode(bytes, path: "x.json")
        #expect(loaded == calendar)
        #expect(CalendarCodec.encode(loaded) == bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"title\": \"ქართული ტვიტი\""), "UTF-8 is written as is, not \\u-escaped")
        #expect(text.contains("\"at\": \"2026-10-25T02:30:00+02:00\""), "times carry their UTC offset")
        #expect(!text.contains("\\u"))
    }

    @Test func postsAreWrittenByTimeThenChannelThenIdIdeasLast() throws {
        let text = String(decoding: CalendarCodec.encode(sampleCalendar()), as: UTF8.self)
        let ids = text.split(separator: "\n").filter { $0.hasPrefix("      \"id\": \"p") }.map { $0.split(separator: "\"")[3] }
        #expect(ids == ["p0003", "p0001", "p0002", "p0004"])
    }

    @Test func aFileInAnyOrderLoadsAndSavesCanonically() throws {
        let canonical = CalendarCodec.encode(sampleCalendar())
        // Reverse the posts and shuffle keys by hand: the file still loads to the same calendar.
        guard case .object(var root) = try JSONParser.parse(canonical).value, case .array(let posts)? = root["posts"] else {
            Issue.record("no posts")
            return
        }
        root["posts"] = .array(posts.reversed().map { post in
            guard case .object(let object) = post else { return post }
            return .object(JSONObject(object.members.reversed()))
        })
        let shuffled = JSONWriter.canonicalBytes(.object(JSONObject(root.members.reversed())))
        #expect(shuffled != canonical)
        #expect(CalendarCodec.encode(try CalendarCodec.decode(shuffled, path: "x.json")) == canonical)
    }

    @Test func changingOnePostChangesOnlyItsLines() throws {
        var calendar = sampleCalendar()
        let before = String(decoding: CalendarCodec.encode(calendar), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var post = calendar.posts[PostID("p0002")!]!
        post.title = "Changed"
        try calendar.put(post)
        let after = String(decoding: CalendarCodec.encode(calendar), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(before.count == after.count)
        #expect(zip(before, after).filter { $0 != $1 }.map { String($1) } == ["      \"title\": \"Changed\","])
    }

    @Test func aFileInAnotherEncodingIsNamedForWhatItIs() {
        func error(_ bytes: [UInt8]) -> String {
            do {
                _ = try CalendarCodec.decode(bytes, path: "plan.json")
                return "loaded"
            } catch {
                return error.errorDescription ?? "\(error)"
            }
        }
        let json = "{\"schemaVersion\": 1}"
        let utf16: [UInt8] = [0xFF, 0xFE] + json.utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let saying = "plan.json:1:1: the file is UTF-16 (or UTF-32) text, as Notepad's \"Unicode\"; Cadence reads UTF-8: save it as UTF-8"
        #expect(error(utf16) == saying)
        #expect(error(Array(utf16.dropFirst(2))) == saying, "without its byte-order mark too")
        let utf32LE: [UInt8] = json.unicodeScalars.flatMap { scalar -> [UInt8] in [UInt8(scalar.value & 0xFF), 0, 0, 0] }
        #expect(error(utf32LE) == saying && error(utf32LE.reversed()) == saying, "UTF-32 either way round")
        #expect(error([0, 0, 0xFE, 0xFF] + Array(utf32LE.reversed())) == saying)
        #expect(error(Array("{\"schemaVersion\": 1}\n".utf8) + [0, 0, 0]).hasSuffix(":2:1: NUL bytes after the end of the calendar, as a crash while the file was written leaves: restore it (git checkout, a backup), or cut them off"))
        #expect(error([UInt8](repeating: 0, count: 64)) == "plan.json:1:1: the file starts with NUL bytes, as a file cut short by a crash does: restore it (git checkout, a backup)")
        #expect(error(Array("{\"a\": é}".utf8)).hasSuffix("expected a value, found 'é'"))
    }

    @Test func unknownFieldsAreKept() throws {
        let text = String(decoding: CalendarCodec.encode(sampleCalendar()), as: UTF8.self)
        #expect(text.contains("\"budget\": {\n        \"eur\": 120.5\n      },\n      \"campaign\": \"autumn\""))
        #expect(text.contains("\"owner\": \"Nino\"\n}"))
    }

    func decodeError(_ text: String) -> String {
        do {
            _ = try CalendarCodec.decode(Array(text.utf8), path: "plan.json")
            return "loaded"
        } catch {
            return error.errorDescription ?? "\(error)"
        }
    }

    let header = "{\n  \"schemaVersion\": 1,\n  \"timeZone\": \"Europe/Berlin\",\n  \"channels\": [{\"id\": \"facebook\", \"name\": \"Facebook\"}],\n"

    @Test func contentErrorsNameThePostTheFieldAndTheLine() {
        #expect(decodeError(header + "  \"posts\": [\n    {\"id\": \"a1\", \"channel\": \"facebook\", \"title\": \"x\", \"at\": \"2026-11-24 09:00\"}\n  ]\n}")
            == "plan.json:6:61: post \"a1\": field \"at\": \"2026-11-24 09:00\" is not a date and time with its UTC offset, like \"2026-11-24T09:30:00+01:00\"")
        #expect(decodeError(header + "  \"posts\": [\n    {\"id\": \"a1\", \"channel\": \"facebook\", \"title\": \"x\", \"at\": \"2026-11-24T09:00:30+01:00\"}\n  ]\n}")
            == "plan.json:6:61: post \"a1\": field \"at\": \"2026-11-24T09:00:30+01:00\" is 30 s past the minute; posts go out on whole minutes (:00 seconds)")
        #expect(decodeError(header + "  \"posts\": [\n    {\"id\": \"a1\", \"channel\": \"facebook\", \"title\": \"x\", \"at\": \"2026-11-24T09:00:00.250+01:00\"}\n  ]\n}")
            == "loaded", "a fraction of a second is dropped, as it always was")
        #expect(decodeError(header + "  \"posts\": [\n    {\"id\": \"a1\", \"channel\": \"facebook\", \"title\": \"x\", \"at\": \"9999-12-31T23:00:00+01:00\"}\n  ]\n}")
            == "plan.json:6:61: post \"a1\": field \"at\": \"9999-12-31T23:00:00+01:00\" is outside the years Cadence plans (from 1900 to 2199)")
        #expect(decodeError(header + "  \"posts\": [\n    {\"id\": \"a1\", \"channel\": \"tiktok\", \"title\": \"x\"}\n  ]\n}")
            == "plan.json:6:29: post \"a1\": field \"channel\": no channel \"tiktok\" in \"channels\"")
        #expect(decodeError(header + "  \"posts\": [\n    {\"id\": \"a1\", \"channel\": \"facebook\", \"title\": \"x\", \"status\": \"done\"}\n  ]\n}")
            .hasPrefix("plan.json:6:65: post \"a1\": field \"status\": \"done\" is not one of idea, draft"))
        #expect(decodeError(header + "  \"posts\": [\n    {\"id\": \"a1\", \"channel\": \"facebook\"}\n  ]\n}")
            == "plan.json:6:5: post \"a1\": missing field \"title\"")
        #expect(decodeError(header + "  \"posts\": [\n    {\"id\": \"a1\", \"channel\": \"facebook\", \"title\": \"x\"},\n    {\"id\": \"a1\", \"channel\": \"facebook\", \"title\": \"y\"}\n  ]\n}")
            == "plan.json:7:5: post \"a1\": the id is used by another post too")
    }

    @Test func ruleSettingsAreCheckedWhereTheyAreWritten() {
        let typo = "{\n  \"schemaVersion\": 1,\n  \"timeZone\": \"UTC\",\n  \"channels\": [\n    {\"id\": \"facebook\", \"rules\": {\"posts-per-day\": {\"min\": 1, \"mx\": 5}}}\n  ]\n}"
        #expect(decodeError(typo) == "plan.json:5:62: channel \"facebook\": rule posts-per-day: unknown setting 'mx' (this rule takes min, max, severity)")
        let unknownRule = "{\"schemaVersion\": 1, \"timeZone\": \"UTC\", \"rules\": {\"posts-per-month\": {}}}"
        #expect(decodeError(unknownRule).hasPrefix("plan.json:1:51: calendar: rule posts-per-month: unknown rule 'posts-per-month'"))
        let badCategory = "{\"schemaVersion\": 1, \"timeZone\": \"UTC\", \"rules\": {\"category-per-week\": {\"max\": {\"humor\": 1}}}}"
        #expect(decodeError(badCategory).contains("names the category \"humor\", which \"categories\" does not define"))
    }

    @Test func aMistypedNetworkIsAnErrorNotTheLossOfItsLimits() {
        func channel(_ network: String) -> String {
            "{\n  \"schemaVersion\": 1,\n  \"timeZone\": \"UTC\",\n  \"channels\": [\n    {\"id\": \"insta\", \"network\": \"\(network)\"}\n  ]\n}"
        }
        #expect(decodeError(channel("instagramm")).hasPrefix("plan.json:5:32: channel \"insta\": network \"instagramm\" is not one Cadence knows (did you mean \"instagram\"?); networks are facebook, twitter, instagram,"))
        #expect(decodeError(channel("instagramm")).hasSuffix(". For another network leave \"network\" out and set the channel's rules"))
        #expect(decodeError(channel("myspace")).contains("network \"myspace\" is not one Cadence knows; networks are"))
        #expect(decodeError(channel("Instagram")) == "loaded", "names are not case-sensitive")
        #expect(decodeError(channel("x")) == "loaded", "nor are the usual short names refused")
    }

    @Test func ruleValuesAndMergedSettingsAreCheckedOnLoad() {
        let wrongType = "{\n  \"schemaVersion\": 1,\n  \"timeZone\": \"UTC\",\n  \"channels\": [\n    {\"id\": \"twitter\", \"rules\": {\"posts-per-day\": {\"max\": \"10\"}}}\n  ]\n}"
        #expect(decodeError(wrongType) == "plan.json:5:51: channel \"twitter\": rule posts-per-day: 'max' must be a whole number of at least 0")
        let minAboveMax = "{\n  \"schemaVersion\": 1,\n  \"timeZone\": \"UTC\",\n  \"channels\": [\n    {\"id\": \"fb\", \"rules\": {\"posts-per-day\": {\"min\": 5, \"max\": 2}}}\n  ]\n}"
        #expect(decodeError(minAboveMax) == "plan.json:5:28: channel \"fb\": rule posts-per-day: max (2) is below min (5)")
        let tags = header + "  \"posts\": [\n    {\"id\": \"a1\", \"channel\": \"facebook\", \"title\": \"x\", \"tags\": [\"a,b\"]}\n  ]\n}"
        #expect(decodeError(tags) == "plan.json:6:63: post \"a1\": field \"tags\": tag 'a,b' is empty or holds a comma or line break")
        let blankTitle = header + "  \"posts\": [\n    {\"id\": \"a1\", \"channel\": \"facebook\", \"title\": \" \"}\n  ]\n}"
        #expect(decodeError(blankTitle) == "plan.json:6:50: post \"a1\": field \"title\": a post needs a title")
    }

    @Test func aSymlinkedCalendarIsSavedWhereItLives() throws {
        let folder = temporaryFolder()
        let real = folder.appendingPathComponent("shared/calendar.json").path
        try FileManager.default.createDirectory(atPath: folder.appendingPathComponent("shared").path, withIntermediateDirectories: true)
        try CalendarFile.create(sampleCalendar(), at: real)
        let link = folder.appendingPathComponent("link.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        var changed = try CalendarFile.load(link)
        changed.name = "Via the link"
        try CalendarFile.save(changed, to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try CalendarFile.load(real).name == "Via the link")
    }

    @Test func newerSchemaIsRefusedAndSaysSo() {
        #expect(decodeError("{\"schemaVersion\": 2, \"timeZone\": \"UTC\", \"futureThing\": []}")
            == "plan.json has schemaVersion 2, written by a newer Cadence; this one reads up to 1. Update Cadence to open it; the file was not changed.")
        #expect(decodeError("{\"timeZone\": \"UTC\"}") == "plan.json:1:1: missing \"schemaVersion\" (is this a Cadence calendar?)")
        #expect(decodeError("{\"schemaVersion\": 1, \"timeZone\": \"Mars/Base\"}") == "plan.json:1:34: \"timeZone\" must be an IANA time zone such as \"Europe/Berlin\", not \"Mars/Base\"")
    }

    @Test func saveIsAtomicAndKeepsPermissions() throws {
        let folder = temporaryFolder()
        let path = folder.appendingPathComponent("calendar.json").path
        let calendar = sampleCalendar()
        try CalendarFile.create(calendar, at: path)
        #expect(throws: CadenceError.fileExists(path: path)) { try CalendarFile.create(calendar, at: path) }
        chmod(path, 0o640)
        var before = stat()
        stat(path, &before)
        var changed = calendar
        changed.name = "Changed"
        try CalendarFile.save(changed, to: path)
        var after = stat()
        stat(path, &after)
        #expect(after.st_mode & 0o777 == 0o640)
        #expect(after.st_ino != before.st_ino, "a new file was renamed into place; the old one was not truncated")
        #expect(try CalendarFile.load(path) == changed)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["calendar.json"], "no temporary file is left behind")
    }

    @Test(.disabled(if: getuid() == 0, "root may write to any folder; the rename path is tested above"))
    func aFailedSaveLeavesTheFileAsItWas() throws {
        let folder = temporaryFolder()
        let path = folder.appendingPathComponent("calendar.json").path
        try CalendarFile.create(sampleCalendar(), at: path)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        chmod(folder.path, 0o500)  // no new files in the folder
        defer { chmod(folder.path, 0o700) }
        #expect(throws: CadenceError.self) { try CalendarFile.save(Fixture().calendar, to: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
    }
}
