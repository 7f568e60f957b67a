import ArgumentParser
import CadenceCore
import Foundation

extension Cadence {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a calendar from a template (never overwrites a file).")

        @OptionGroup var file: FileOptions

        @Option(help: ArgumentHelp("A template name (see 'cadence templates') or a template file.", valueName: "name"))
        var template: String = "default"

        @Option(
            name: [.customLong("timezone"), .customLong("zone")],
            help: ArgumentHelp("IANA time zone, such as Europe/Berlin (default: the system's).", valueName: "zone"))
        var timezone: String?

        @Option(help: ArgumentHelp("The calendar's name (default: the template's).", valueName: "text"))
        var name: String?

        func run() throws {
            let environment = try CommandEnvironment.current()
            if FileManager.default.fileExists(atPath: file.path) { throw CadenceError.fileExists(path: file.path) }
            let zone: ZoneClock
            if let timezone {
                zone = try ZoneClock.named(timezone, field: "--timezone")
            } else {
                zone = try environment.systemTimeZone()
            }
            let template = try TemplateCatalog.find(self.template, userFolder: environment.templateFolder)
            if let name, TextMetrics.isBlank(name) {
                throw CadenceError.usage("--name: a calendar needs a name (leave --name out for the template's)")
            }
            let (calendar, leftOut) = try template.instantiateCounting(name: name, zone: zone)
            try CalendarFile.create(calendar, at: file.path)
            print("Created \(file.path) from the '\(template.name)' template: \(calendar.name)")
            if leftOut > 0 { print("  without the template's \(Describe.count(leftOut, "post")): a new calendar starts empty") }
            print("  time zone \(zone.identifier), weeks start on \(calendar.weekStart.rawValue.capitalized)")
            print("  channels: \(calendar.channels.map(\.id).joined(separator: ", "))")
            print("  categories: \(calendar.categories.isEmpty ? "none (add them to the file, under \"categories\")" : calendar.categories.map(\.id).joined(separator: ", "))")
        }
    }

    struct Templates: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the templates 'init' can start from.")

        func run() throws {
            let environment = try CommandEnvironment.current()
            let (templates, broken) = TemplateCatalog.all(userFolder: environment.templateFolder)
            let width = templates.map { DisplayWidth.of($0.name) }.max() ?? 0
            for template in templates {
                let origin = template.source == "built in" ? "" : "  (\(template.source))"
                print("\(DisplayWidth.pad(template.name, to: width))  \(template.description)\(origin)")
            }
            for problem in broken { printError(problem.message) }
        }
    }

    struct Channels: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the channels and the rules in force on each, with where each rule comes from.")

        @OptionGroup var file: FileOptions

        func run() throws {
            let environment = try CommandEnvironment.current()
            let calendar = try file.load()
            print(Reports.channelsText(calendar, palette: environment.palette), terminator: "")
        }
    }
}
