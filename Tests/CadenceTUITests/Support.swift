import CadenceCore
import CadenceTUI
import Foundation
import Testing

/// A planner state on a calendar from the default template, in Berlin, on Tue 24 Nov 2026 at
/// 10:00, drawn on a 100×30 screen.
func plannerState(size: Size = Size(width: 100, height: 30), path: String = "plan.json", posts: (inout ContentCalendar) -> Void = { _ in }) -> AppState {
    var calendar = try! TemplateCatalog.find("default", userFolder: nil).instantiate(name: "Acme", zone: ZoneClock(identifier: "Europe/Berlin")!)
    posts(&calendar)
    return AppState(calendar: calendar, filePath: path, now: ZoneClock.parseTimestamp("2026-11-24T10:00:00+01:00")!, size: size)
}

func at(_ text: String, _ calendar: ContentCalendar) -> Date {
    calendar.clock.date(for: LocalDateTime(text)!)!
}

extension ContentCalendar {
    mutating func add(_ id: String, _ channel: String, _ when: String?, _ title: String, text: String = "", category: String? = nil, status: PostStatus? = nil) {
        let date = when.map { at($0, self) }
        try! put(Post(id: PostID(id)!, channel: channel, at: date, title: title, text: text, category: category, status: status))
    }
}

/// Sends keys through the key map and the reducer, as the backend does, and returns the
/// effects the last key asked for.
@discardableResult
func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
    var effects: [Effect] = []
    for key in keys {
        guard let action = KeyMap.action(for: key, in: Reducer.inputMode(state)) else { continue }
        effects = Reducer.reduce(&state, action)
    }
    return effects
}

func type(_ state: inout AppState, _ text: String) {
    for c in text { press(&state, .char(c)) }
}

/// Adds a post on the selected cell with the keys: a, the title, Ctrl-S.
func addPost(_ state: inout AppState, _ title: String) {
    press(&state, .char("a"))
    type(&state, title)
    press(&state, .ctrl("s"))
}

func screen(_ state: AppState) -> [String] { PlannerView.render(state).lines }

/// The form on top of the screen; an issue when there is none.
func topForm(_ state: AppState, sourceLocation: SourceLocation = #_sourceLocation) -> PostForm? {
    guard case .form(let form)? = state.topOverlay else {
        Issue.record("no form is open", sourceLocation: sourceLocation)
        return nil
    }
    return form
}

/// The prompt on top of the screen; an issue when there is none.
func topPrompt(_ state: AppState, sourceLocation: SourceLocation = #_sourceLocation) -> Prompt? {
    guard case .prompt(let prompt)? = state.topOverlay else {
        Issue.record("no prompt is open", sourceLocation: sourceLocation)
        return nil
    }
    return prompt
}

extension Array where Element == String {
    /// Whether some line contains the text.
    func has(_ text: String) -> Bool { contains { $0.contains(text) } }
}

/// Filters the agenda with `/` and the words typed, and returns the ids it lists.
func filterAgenda(_ state: inout AppState, _ words: String) -> [String] {
    press(&state, .char("/"), .ctrl("u"))
    type(&state, words)
    press(&state, .enter)
    return state.agenda.items.map(\.rawValue)
}
