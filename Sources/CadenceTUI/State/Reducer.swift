import CadenceCore
import Foundation

/// The planner's logic: a pure function from the state and an action to the new state and the
/// effects the backend must run. No terminal, no files, no clock: tests drive it directly.
public enum Reducer {
    @discardableResult
    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        let effects = counted(&state, action)
        keepInvariants(&state)
        return effects
    }

    /// The largest count a move takes: more than any list or plan needs, small enough that a
    /// stray run of digits costs nothing.
    static let maximumCount = 9999

    /// Counts before a move, as in vim: digits gather a count, the next move runs that many
    /// times (`G` goes to that row instead); any other key, Esc included, drops the count.
    private static func counted(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .digit(let digit):
            // A lone 0 is no count (vim's 0 is a move of its own; here it does nothing).
            guard digit != 0 || state.pendingCount != nil else { return [] }
            state.pendingCount = min(maximumCount, (state.pendingCount ?? 0) * 10 + digit)
            state.status = nil
            return []
        case .tick, .resize, .saveFinished, .editorFinished, .repaint:
            // What the backend reports, not keys: a count waits on through them.
            return dispatch(&state, action)
        default:
            break
        }
        guard let count = state.pendingCount else { return dispatch(&state, action) }
        state.pendingCount = nil
        switch action {
        case .cancel:
            return []
        case .last:
            // 12G: row 12 of the list, as in vim (the last row if there are fewer); on the
            // month, its week 3 (the last week if it has fewer), not a day months on.
            var effects = dispatch(&state, .first)
            let month = state.topOverlay == nil && state.view == .month ? state.cursor.day.month : nil
            for _ in 1..<count {
                if let month, state.cursor.day.adding(days: 7).month != month { break }
                effects += dispatch(&state, .down)
            }
            return effects
        case .undo, .redo:
            return steps(&state, back: action == .undo, count: count)
        case .left, .right, .up, .down, .previousPeriod, .nextPeriod, .pageUp, .pageDown:
            var effects: [Effect] = []
            for _ in 0..<count { effects += dispatch(&state, action) }
            return effects
        case .paste where state.moving == nil:
            return pasteCopies(&state, count: count)
        case .first, .mouse, .showHelp:
            return dispatch(&state, action)
        default:
            // Any other key runs once; the count is not silently taken for something it is not.
            let effects = dispatch(&state, action)
            if var status = state.status {
                status.text += " · the count \(count) was dropped"
                state.status = status
            } else {
                state.status = .info("The count \(count) was dropped: it goes with a move, u, Ctrl-R or p")
            }
            return effects
        }
    }

    /// What holds after any action, whichever way it went (a key, the mouse, undo, a reload):
    /// the cursor stays on a day Cadence plans, the week's rows stay scrolled where the cursor
    /// last took them, and a cell's list selects one of its posts.
    private static func keepInvariants(_ state: inout AppState) {
        let plannable = CivilDate.plannable
        if !plannable.contains(state.cursor.day) {
            state.cursor.day = min(max(state.cursor.day, plannable.lowerBound), plannable.upperBound)
            state.status = .info("Cadence plans \(CivilDate.plannableText); this is as far as it goes")
        }
        state.channelScroll = WeekGridLayout(state: state).firstChannel
        if case .dayList(var list)? = state.topOverlay {
            let last = max(0, state.postsIn(list).count - 1)
            if list.selection > last {
                list.selection = last
                replaceTop(&state, .dayList(list))
            }
        }
    }

    private static func dispatch(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .resize(let size):
            state.size = size
            return []
        case .suspend:
            return [.suspend]
        case .repaint:
            return [.repaint]
        case .interrupt:
            // A stray Ctrl-C does not end a session with typing in a form: the second one
            // quits (and the form's typing is kept in the recovery file).
            if case .form(var form)? = state.topOverlay, form.hasChanges, !form.interruptArmed {
                form.interruptArmed = true
                replaceTop(&state, .form(form))
                state.status = .info("Ctrl-C again quits (the form is kept for the next start); Ctrl-S saves it")
                return []
            }
            return [.interrupt]
        case .tick(let date):
            tick(&state, date)
            return []
        case .saveFinished(let error):
            if let error {
                // A save asked for on the way out failed: stay, and take the question away, so
                // that no key meant for the planner answers it unseen.
                if case .confirmQuit? = state.topOverlay {
                    state.overlays.removeLast()
                    state.status = .error(error + " · Not quitting: the changes are still unsaved")
                } else {
                    state.status = .error(error)
                }
            } else {
                state.markSaved()
                state.status = .info("Saved \(state.filePath)")
            }
            return []
        case .editorFinished(let text, let error):
            state.status = error.map { .error($0) }
            if let text, case .form(var form)? = state.topOverlay {
                // Editors add a final newline (some a Windows one); the post's text wants neither.
                var text = Post.normalisingLineBreaks(text)
                while text.hasSuffix("\n") { text.removeLast() }
                // Control characters (an escape sequence, a NUL) are no one's words and a
                // terminal would run them: they go, as a paste drops them, and it is said.
                var scalars = String.UnicodeScalarView()
                scalars.append(contentsOf: text.unicodeScalars.filter { !Post.isControl($0, allowingLines: true) })
                let dropped = text.unicodeScalars.count - scalars.count
                text = String(scalars)
                form.text.text = text
                form.focus = .text
                replaceTop(&state, .form(form))
                if error == nil {
                    state.status = .info("The text is back from the editor" + (dropped > 0 ? " · \(Describe.count(dropped, "control character")) left out" : ""))
                }
            }
            return []
        default:
            break
        }
        // A message lasts until the next key; the action may leave a new one.
        state.status = nil
        switch action {
        case .unbound(let key):
            state.status = .info("\(key) does nothing here · ? lists the keys")
            return []
        case .command where !PlannerView.isTooSmall(state.size):
            // Over whatever list is open, as / and g are.
            state.overlays.append(.prompt(Prompt(kind: .command, field: TextField())))
            return []
        default: break
        }
        if let readOnly = state.readOnly, Reducer.writes(action) {
            state.status = .error("Read-only: \(readOnly)")
            return []
        }
        if PlannerView.isTooSmall(state.size) {
            // Only quitting works on a screen too small to show anything (and the question it
            // may ask, which the small screen shows).
            if case .confirmQuit? = state.topOverlay { return confirmQuit(&state, action) }
            switch action {
            case .quit: return quit(&state)
            case .cancel where state.topOverlay != nil: state.overlays.removeLast()
            default: break
            }
            return []
        }
        switch state.topOverlay {
        case .dayList(let list)?: return dayList(&state, list, action)
        case .form(let form)?: return self.form(&state, form, action)
        case .violations(let panel)?: return violations(&state, panel, action)
        case .help(let scroll)?: return help(&state, scroll, action)
        case .prompt(let prompt)?: return self.prompt(&state, prompt, action)
        case .confirmQuit?: return confirmQuit(&state, action)
        case .resolve(let resolver)?: return resolve(&state, resolver, action)
        case nil:
            switch state.view {
            case .week: return week(&state, action)
            case .month: return month(&state, action)
            case .agenda:
                let selected = state.agenda.selection
                let effects = agenda(&state, action)
                // The day in view follows the selected post: g's short forms, Esc back to the
                // week and a new post start from it.
                if state.view == .agenda, state.agenda.selection != selected, let day = state.agendaDay(at: state.agenda.selection) {
                    state.cursor.day = day
                }
                return effects
            case .ideas: return ideas(&state, action)
            }
        }
    }

    /// Whether an action would change the plan or the file (refused while read-only).
    static func writes(_ action: Action) -> Bool {
        switch action {
        case .add, .edit, .delete, .paste, .move, .approve, .undo, .redo, .takeMine, .takeTheirs, .save: return true
        default: return false
        }
    }

    /// Which keys are live now.
    public static func inputMode(_ state: AppState) -> InputMode {
        switch state.topOverlay {
        case .dayList?, .violations?: return .list
        case .form(let form)?:
            return .form(picker: form.focus.isPicker, multiline: form.focus == .text)
        case .help?: return .help
        case .prompt?: return .prompt
        case .confirmQuit?: return .confirm
        case .resolve?: return .resolve
        case nil: return state.view == .week || state.view == .month ? .grid : .list
        }
    }

    // MARK: Shared by the views

    /// Opens a view (v, or a click on its tab).
    private static func show(_ state: inout AppState, _ view: ViewKind) {
        // A cell's list or the problems of the view belong to the view left behind.
        state.overlays.removeAll()
        state.view = view
        var cancelled = ""
        if state.moving != nil, view == .agenda || view == .ideas {
            // A post is dropped on a cell of the week; a list has none, so the move ends here.
            state.moving = nil
            cancelled = " · move cancelled"
        }
        if view == .agenda {
            state.rebuildAgenda()
            // The agenda opens at the day the cursor is on, or the first post after it.
            selectAgendaRow(&state, from: state.cursor.day)
        }
        state.status = .info("\(view.title) view" + cancelled)
    }

    /// Selects the agenda's first post on the day or after it (the last post when none is).
    private static func selectAgendaRow(_ state: inout AppState, from day: CivilDate) {
        let row = state.agenda.items.partitioningIndex { state.calendar.local(of: $0).map { $0.date >= day } ?? true }
        state.agenda.selection = min(row, max(0, state.agenda.items.count - 1))
    }

    /// Keys that mean the same in every view and list; `nil` when the action is not one.
    private static func common(_ state: inout AppState, _ action: Action) -> [Effect]? {
        switch action {
        case .quit: return quit(&state)
        case .save:
            state.status = .info("Saving…")
            return [.save]
        case .undo:
            state.undo()
            return []
        case .redo:
            state.redo()
            return []
        case .showHelp:
            state.overlays.append(.help(scroll: 0))
            return []
        case .showViolations:
            let wholePlan = state.view == .agenda || state.view == .ideas
            state.overlays.append(.violations(ViolationsPanel(wholePlan: wholePlan)))
            return []
        case .nextView:
            let all = ViewKind.allCases
            show(&state, all[(all.firstIndex(of: state.view)! + 1) % all.count])
            return []
        case .mouse(let event) where event.y == 0 && event.kind == .click:
            // A click on a tab of the header opens its view.
            guard let view = HeaderTabs.view(atX: event.x, width: state.size.width, current: state.view) else { return nil }
            show(&state, view)
            return []
        case .filter:
            // It starts empty, as vim's / does: typing is a new filter; ↑ brings the current one back
            // to change it.
            state.overlays.append(.prompt(Prompt(kind: .filter, field: TextField())))
            return []
        case .goToDate:
            state.overlays.append(.prompt(Prompt(kind: .goToDate, field: TextField())))
            return []
        case .toggleWarnings:
            state.status = .info("w hides or shows the warnings in the problems list (! opens it)")
            return []
        case .toggleScope:
            state.status = .info("Tab switches a cell's list between the channel and the whole day, and the problems (!) between the view and the whole plan")
            return []
        case .insertText:
            // A paste outside a form or prompt is never taken for keys; it is said, not lost.
            state.status = .info("Paste not taken: pasted text goes into a form or a prompt (a adds a post)")
            return []
        case .today:
            state.cursor.day = state.today
            // The agenda goes to today's posts (or the next ones) rather than leaving its place.
            if state.view == .agenda, state.topOverlay == nil { selectAgendaRow(&state, from: state.today) }
            return []
        case .cancel:
            if state.moving != nil {
                state.moving = nil
                state.status = .info("Move cancelled")
            } else if state.view != .week {
                // Esc leaves the month, the agenda and the ideas for the week, as q would in vim.
                state.view = .week
                state.status = nil
            } else {
                state.status = nil
            }
            return []
        default:
            return nil
        }
    }

    private static func quit(_ state: inout AppState) -> [Effect] {
        if state.hasUnsavedChanges {
            state.overlays.append(.confirmQuit)
            return []
        }
        return [.quit]
    }

    private static func replaceTop(_ state: inout AppState, _ overlay: Overlay) {
        guard !state.overlays.isEmpty else { return }
        state.overlays[state.overlays.count - 1] = overlay
    }

    private static func tick(_ state: inout AppState, _ date: Date) {
        let old = Int(state.now.timeIntervalSince1970 / 60)
        let new = Int(date.timeIntervalSince1970 / 60)
        guard old != new else { return }
        state.advanceClock(to: date)
    }

    // MARK: The week grid

    private static func week(_ state: inout AppState, _ action: Action) -> [Effect] {
        if let effects = common(&state, action) { return effects }
        let channels = state.calendar.channels.count
        switch action {
        case .left: state.cursor.day = state.cursor.day.adding(days: -1)
        case .right: state.cursor.day = state.cursor.day.adding(days: 1)
        case .up: state.cursor.channel = max(0, state.cursor.channel - 1)
        case .down: state.cursor.channel = min(max(0, channels - 1), state.cursor.channel + 1)
        case .previousPeriod, .pageUp: state.cursor.day = state.cursor.day.adding(days: -7)
        case .nextPeriod, .pageDown: state.cursor.day = state.cursor.day.adding(days: 7)
        case .first: state.cursor.channel = 0
        case .last: state.cursor.channel = max(0, channels - 1)
        case .mouse(let event): return gridMouse(&state, event)
        case .open:
            if state.moving != nil { return drop(&state) }
            guard let channel = state.cursorChannel else { return [] }
            state.overlays.append(.dayList(DayList(day: state.cursor.day, channel: channel.id)))
        case .add where state.moving != nil, .edit where state.moving != nil,
             .delete where state.moving != nil, .copy where state.moving != nil, .approve where state.moving != nil:
            // One thing at a time: the post in hand is dropped or put back first.
            state.status = .error("Still moving a post: Enter drops it here, Esc cancels the move")
        case .add: openNewPost(&state, day: state.cursor.day)
        case .edit, .delete, .copy, .move, .approve:
            if action == .move, state.moving != nil { return drop(&state) }
            let posts = state.cursorPosts
            if posts.count == 1 {
                return act(&state, on: posts[0], action)
            } else if posts.isEmpty {
                state.status = .error("No post on this cell")
            } else {
                // Several posts: choose one in the cell's list.
                state.overlays.append(.dayList(DayList(day: state.cursor.day, channel: state.cursorChannel?.id)))
                state.status = .info("Choose a post, then press \(keyLabel(action))")
            }
        case .paste:
            if state.moving != nil { return drop(&state) }
            paste(&state)
        default: break
        }
        return []
    }

    /// Where a list's selection goes on a movement key (a row, a page, the mouse wheel); nil
    /// when the action is not one.
    private static func moved(_ selection: Int, _ action: Action, count: Int, page: Int) -> Int? {
        let last = max(0, count - 1)
        switch action {
        case .up: return max(0, selection - 1)
        case .down: return min(last, selection + 1)
        case .pageUp: return max(0, selection - page)
        case .pageDown: return min(last, selection + page)
        case .first: return 0
        case .last: return last
        case .mouse(let event) where event.kind == .scrollUp: return max(0, selection - 1)
        case .mouse(let event) where event.kind == .scrollDown: return min(last, selection + 1)
        default: return nil
        }
    }

    /// A page of the full-screen lists and the cell's list.
    private static func listPage(_ state: AppState) -> Int { max(1, state.size.height - 5) }

    /// Opens the post form, unless the plan is read-only: no one should type a whole post only
    /// to be refused at the end.
    private static func openForm(_ state: inout AppState, _ form: PostForm) {
        if let readOnly = state.readOnly {
            state.status = .error("Read-only: \(readOnly)")
            return
        }
        var form = form
        // An idea's short dates (fri, +3) count from the day in view, as a post's from its day.
        if form.anchor == nil { form.anchor = state.cursor.day }
        state.overlays.append(.form(form))
    }

    private static func keyLabel(_ action: Action) -> String {
        KeyMap.bindings.first { $0.action == action }?.label ?? ""
    }

    private static func gridMouse(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
        switch event.kind {
        case .scrollUp: state.cursor.channel = max(0, state.cursor.channel - 1)
        case .scrollDown: state.cursor.channel = min(max(0, state.calendar.channels.count - 1), state.cursor.channel + 1)
        case .click, .doubleClick:
            let layout = WeekGridLayout(state: state)
            guard let hit = layout.cell(x: event.x, y: event.y) else { return [] }
            state.cursor = GridCursor(channel: hit.channel, day: state.weekStart.adding(days: hit.day))
            if event.kind == .doubleClick { return week(&state, .open) }
        }
        return []
    }

    // MARK: The month overview

    private static func month(_ state: inout AppState, _ action: Action) -> [Effect] {
        if let effects = common(&state, action) { return effects }
        switch action {
        case .left: state.cursor.day = state.cursor.day.adding(days: -1)
        case .right: state.cursor.day = state.cursor.day.adding(days: 1)
        case .up: state.cursor.day = state.cursor.day.adding(days: -7)
        case .down: state.cursor.day = state.cursor.day.adding(days: 7)
        case .previousPeriod, .pageUp: state.cursor.day = MonthLayout.shift(state.cursor.day, months: -1)
        case .nextPeriod, .pageDown: state.cursor.day = MonthLayout.shift(state.cursor.day, months: 1)
        case .first, .last:
            let day = state.cursor.day
            state.cursor.day = CivilDate(year: day.year, month: day.month, day: action == .first ? 1 : CivilDate.daysIn(month: day.month, year: day.year))!
        case .open:
            state.view = .week
        case .add where state.moving != nil:
            state.status = .error("Still moving a post: Enter opens the week to drop it, Esc cancels the move")
        case .add: openNewPost(&state, day: state.cursor.day)
        case .mouse(let event) where event.kind == .click || event.kind == .doubleClick:
            if let day = MonthLayout(state: state).day(x: event.x, y: event.y) {
                state.cursor.day = day
                if event.kind == .doubleClick { state.view = .week }
            }
        case .edit, .delete, .copy, .move, .paste, .approve:
            state.status = .info("Open the week (Enter) to work on posts")
        default: break
        }
        return []
    }

    // MARK: Lists: the agenda and the ideas

    private static func agenda(_ state: inout AppState, _ action: Action) -> [Effect] {
        if let effects = common(&state, action) { return effects }
        let count = state.agenda.items.count
        if let row = moved(state.agenda.selection, action, count: count, page: listPage(state)) {
            state.agenda.selection = row
            return []
        }
        switch action {
        case .previousPeriod, .nextPeriod:
            // To the first post of the previous or next day.
            guard count > 0 else { return [] }
            let day = state.agendaDay(at: state.agenda.selection)
            var i = state.agenda.selection
            if action == .nextPeriod {
                while i < count - 1, state.agendaDay(at: i) == day { i += 1 }
            } else {
                while i > 0, state.agendaDay(at: i) == day { i -= 1 }
                let target = state.agendaDay(at: i)
                while i > 0, state.agendaDay(at: i - 1) == target { i -= 1 }
            }
            state.agenda.selection = i
        case .mouse(let event):
            if let index = ListLayout(state: state, count: count, selection: state.agenda.selection).item(atY: event.y), index < count {
                // The first click chose the row, and the list has scrolled to it since: the
                // second opens what was chosen, not what now sits under the pointer.
                if event.kind == .doubleClick { return agenda(&state, .edit) }
                state.agenda.selection = index
            }
        case .open, .edit, .delete, .copy, .move, .approve:
            guard state.agenda.items.indices.contains(state.agenda.selection),
                let post = state.calendar.posts[state.agenda.items[state.agenda.selection]]
            else { return [] }
            return act(&state, on: post, action == .open ? .edit : action)
        case .add: openNewPost(&state, day: state.cursor.day)
        case .paste:
            state.status = .info("Paste on a cell of the week (v)")
        default: break
        }
        return []
    }

    private static func ideas(_ state: inout AppState, _ action: Action) -> [Effect] {
        if let effects = common(&state, action) { return effects }
        let ideas = state.ideaList
        if let row = moved(state.ideasSelection, action, count: ideas.count, page: listPage(state)) {
            state.ideasSelection = row
            return []
        }
        switch action {
        case .mouse(let event):
            if let index = ListLayout(state: state, count: ideas.count, selection: state.ideasSelection).item(atY: event.y), index < ideas.count {
                if event.kind == .doubleClick { return self.ideas(&state, .edit) }  // what the first click chose (see the agenda)
                state.ideasSelection = index
            }
        case .open, .edit, .delete, .copy, .move, .approve:
            guard ideas.indices.contains(state.ideasSelection) else { return [] }
            return act(&state, on: ideas[state.ideasSelection], action == .open ? .edit : action)
        case .add:
            guard !state.calendar.channels.isEmpty else { return [] }
            openForm(&state, PostForm(newOn: min(state.cursor.channel, state.calendar.channels.count - 1), day: nil, time: nil))
        default: break
        }
        return []
    }

    // MARK: A cell's posts

    private static func dayList(_ state: inout AppState, _ list: DayList, _ action: Action) -> [Effect] {
        var list = list
        let posts = state.postsIn(list)
        if let row = moved(list.selection, action, count: posts.count, page: listPage(state)) {
            list.selection = row
            replaceTop(&state, .dayList(list))
            return []
        }
        switch action {
        case .cancel:
            state.overlays.removeLast()
        case .toggleScope:
            let selected = posts.indices.contains(list.selection) ? posts[list.selection].id : nil
            list.channel = list.channel == nil ? state.cursorChannel?.id : nil
            list.selection = state.postsIn(list).firstIndex { $0.id == selected } ?? 0
        case .open, .edit, .delete, .copy, .move, .approve:
            guard posts.indices.contains(list.selection) else {
                state.status = .error("No post here")
                return []
            }
            let post = posts[list.selection]
            if action == .open, post.hasConflict {
                state.overlays.append(.resolve(Resolver(target: .post(post.id))))
                return []
            }
            if action == .move { state.overlays.removeLast() }
            return act(&state, on: post, action == .open ? .edit : action)
        case .add:
            let channel = list.channel.flatMap { id in state.calendar.channels.firstIndex { $0.id == id } } ?? state.cursor.channel
            state.cursor.channel = channel
            openNewPost(&state, day: list.day)
            return []
        case .paste:
            paste(&state)
        case .mouse(let event) where event.kind == .click || event.kind == .doubleClick:
            if let index = DayListLayout(state: state, list: list, count: posts.count).item(atY: event.y), index < posts.count {
                if event.kind == .doubleClick { return dayList(&state, list, .edit) }  // what the first click chose (see the agenda)
                list.selection = index
                replaceTop(&state, .dayList(list))
            }
            return []
        default:
            if let effects = common(&state, action) { return effects }
        }
        if case .dayList? = state.topOverlay { replaceTop(&state, .dayList(list)) }
        return []
    }

    // MARK: Acting on one post

    private static func act(_ state: inout AppState, on post: Post, _ action: Action) -> [Effect] {
        switch action {
        case .edit:
            openForm(&state, PostForm(editing: post, in: state.calendar))
        case .delete:
            do {
                try state.commit("Deleted “\(post.title)”", put: [], remove: [post.id])
                state.status = .info("Deleted “\(post.title)” · u brings it back")
            } catch {
                state.status = .error(error.message)
            }
        case .copy:
            state.clipboard = post
            state.status = .info("Copied “\(post.title)” · p pastes it on the selected cell")
        case .move:
            state.moving = post.id
            if state.view != .week && state.view != .month { state.view = .week }
            // The move starts on the post's own cell (an idea: its channel), whatever list it
            // was chosen in, so Enter at once leaves it where it was.
            if post.at != nil {
                state.focus(on: post)
            } else if let index = state.calendar.channels.firstIndex(where: { $0.id == post.channel }) {
                state.cursor.channel = index
            }
            state.status = .info("Moving “\(post.title)”: choose a cell, then Enter (Esc cancels)")
        case .approve:
            // The approval a review gives, in one key; again, it goes back to review.
            guard !post.isIdea else {
                state.status = .error("“\(post.title)” is an idea: it is approved once it has a date (m schedules it)")
                return []
            }
            guard post.status <= .approved else {
                state.status = .info("“\(post.title)” is \(post.status.rawValue) already")
                return []
            }
            var changed = post
            changed.status = post.status == .approved ? .review : .approved
            // A status two sides set apart is settled by the one given here, as in the form.
            changed = changed.settlingConflict(on: ["status"])
            do {
                try state.commit(changed.status == .approved ? "Approved “\(post.title)”" : "“\(post.title)” back to review", put: [changed])
            } catch {
                state.status = .error(error.message)
            }
        default: break
        }
        return []
    }

    /// Drops the post being moved on the selected cell, keeping its time of day when it can.
    private static func drop(_ state: inout AppState) -> [Effect] {
        guard let id = state.moving, var post = state.calendar.posts[id], let channel = state.cursorChannel else {
            state.moving = nil
            return []
        }
        let day = state.cursor.day
        let wasIdea = post.at == nil
        // On its own channel, its time of day unless that is too close to another post there;
        // on another channel, that channel's next free posting time (as a paste does). A cell
        // that cannot take it leaves the move on, to choose another.
        if let full = fullDay(state, channel, day, moving: post) {
            state.status = .error("Not moved: " + full + "; choose another cell (Esc cancels the move)")
            return []
        }
        // Its own time of day when free there (as `update --at DAY`), else the next free time;
        // a full day is not double-booked, as with a paste or `cadence add --at DAY`.
        let spacing = state.book.spacing(of: channel.id)
        guard let (time, kept) = state.calendar.timeForDayAlone(channel: channel.id, day: day, post: post, now: state.now, spacing: spacing),
            let at = state.calendar.clock.date(for: LocalDateTime(date: day, time: time))
        else {
            state.status = .error("Not moved: " + noFreeTime(state, channel, day) + "; choose another cell (Esc cancels the move)")
            return []
        }
        state.moving = nil
        // A post that could not keep its time of day on its own channel says why it is at
        // another (on another channel it takes that channel's times, as a paste does).
        var why = ""
        if !kept, post.channel == channel.id, let old = post.at {
            let clock = state.calendar.clock
            let own = clock.local(old).dateTime.time
            if let instant = clock.date(for: LocalDateTime(date: day, time: own)) {
                let gone = day == clock.day(of: state.now) && instant <= state.now && old > state.now
                why = gone ? " (\(own) has passed)" : " (\(own) is within \(Describe.duration(minutes: spacing)) of another \(channel.name) post)"
            } else {
                why = " (the clocks skip \(own) that day)"
            }
        }
        post.channel = channel.id
        post.at = at
        if wasIdea, post.status == .idea { post.status = .draft }
        // Dropped where it was: nothing changes, and nothing is recorded.
        if post == state.calendar.posts[id] {
            state.status = .info("“\(post.title)” stays where it was")
            return []
        }
        let when = state.calendar.clock.local(post.at!).dateTime
        do {
            try state.commit("\(wasIdea ? "Scheduled" : "Moved") “\(post.title)” to \(channel.name), \(when.date.shortDescription) \(when.time)" + why + pastNote(post, state), put: [post])
        } catch {
            state.status = .error(error.message)
        }
        return []
    }

    /// "Facebook has 5 posts on Thu 26 Nov, at most 5 a day" when the day already has the
    /// channel's most posts (see `ContentCalendar.dayIsFull`): a paste or a move takes no more.
    private static func fullDay(_ state: AppState, _ channel: Channel, _ day: CivilDate, moving post: Post?) -> String? {
        guard let full = state.calendar.dayIsFull(channel: channel.id, day: day, moving: post, book: state.book) else { return nil }
        return "\(channel.name) has \(Describe.count(full.count, "post")) on \(day.shortDescription), at most \(full.most) a day"
    }

    /// Why a paste or a move found no time: "no free time left on Thu 26 Nov for Facebook
    /// (posts 1 h apart)", short for the status line.
    private static func noFreeTime(_ state: AppState, _ channel: Channel, _ day: CivilDate) -> String {
        "no free time left on \(day.shortDescription) for \(channel.name) (posts \(Describe.duration(minutes: state.book.spacing(of: channel.id))) apart)"
    }

    /// A word when a post was just put at a time already gone (as the form and the command
    /// line say): allowed, for a post logged after the fact, but more often a slip.
    private static func pastNote(_ post: Post, _ state: AppState) -> String {
        guard let at = post.at, at < state.now, post.status != .published else { return "" }
        return " · ⚠ in the past"
    }

    /// Pastes a copy of the copied post on the selected cell (or the open day list's). A copy on
    /// another channel is tagged `adapt`: each channel wants its own words.
    /// `3u` (or `3` Ctrl-R): three steps, stopping at the first that cannot be taken; the
    /// message counts the steps taken and names the last, so that none goes by unseen.
    private static func steps(_ state: inout AppState, back: Bool, count: Int) -> [Effect] {
        let done = back ? "Undone" : "Redone"
        var taken = 0
        var last: String?
        for _ in 0..<count {
            // Through dispatch, as u and Ctrl-R alone: what refuses them refuses every step.
            _ = dispatch(&state, back ? .undo : .redo)
            guard let status = state.status, status.kind != .error, status.text.hasPrefix(done + ": ") else { break }
            taken += 1
            last = String(status.text.dropFirst(done.count + 2))
        }
        guard let last else { return [] }
        let what = taken == 1 ? "\(done): \(last)" : "\(done) \(taken) steps, the last: \(last)"
        if taken == count {
            state.status = .info(what)
        } else if let error = state.status, error.kind == .error {
            state.status = .error("\(what) · \(error.text)")
        } else {
            state.status = .info("\(what) · nothing more to \(back ? "undo" : "redo")")
        }
        return []
    }

    /// The most copies one counted paste makes (`3p`); a stray long count does not fill a day
    /// with thousands of posts.
    static let maximumPasteCount = 50

    /// `3p`: three copies on the selected cell, each at the next free time, one undo step (as
    /// vim's `3p`); it stops at the first paste that fails.
    private static func pasteCopies(_ state: inout AppState, count: Int) -> [Effect] {
        var effects: [Effect] = []
        var pasted = 0
        var copies: [Post] = []
        for _ in 0..<min(count, maximumPasteCount) {
            let before = state.calendar.posts.count
            effects += dispatch(&state, .paste)
            guard state.calendar.posts.count > before, state.status?.kind != .error else { break }
            pasted += 1
            if let copy = state.history.nextUndo?.after.first ?? nil { copies.append(copy) }
        }
        if pasted > 1, let title = state.clipboard?.title {
            state.combineLastSteps(pasted, label: "Pasted \(pasted) copies of “\(title)”")
        }
        if pasted > 1, state.status?.kind != .error, let first = copies.first, let at = first.at, let title = state.clipboard?.title {
            // "Pasted 3 copies of “Tip” on Facebook, Wed 25 Nov at 09:00, 13:00 and 18:00".
            let clock = state.calendar.clock
            let times = copies.compactMap(\.at).sorted().map { clock.timeText($0) }
            let listed = times.count > 1 ? times.dropLast().joined(separator: ", ") + " and " + times.last! : times.joined()
            let channel = state.calendar.channel(first.channel)?.name ?? first.channel
            var text = "Pasted \(pasted) copies of “\(title)” on \(channel), \(clock.day(of: at).shortDescription) at \(listed)"
            if first.tags.contains("adapt"), state.clipboard?.channel != first.channel { text += " · tagged adapt: rewrite them for \(channel)" }
            if copies.contains(where: { !pastNote($0, state).isEmpty }) { text += " · ⚠ in the past" }
            if count > maximumPasteCount { text += " · at most \(maximumPasteCount) at once" }
            state.status = .info(text + " · u takes them all back")
        } else if pasted > 0, let stop = state.status, stop.kind == .error {
            // Stopped part way: say what was done as well as why it stopped.
            state.status = .error("Pasted \(pasted == 1 ? "1 copy" : "\(pasted) copies"), then: \(stop.text)")
        }
        return effects
    }

    private static func paste(_ state: inout AppState) {
        guard let source = state.clipboard else {
            state.status = .error("Nothing copied yet (y copies a post)")
            return
        }
        var day = state.cursor.day
        var channelID = state.cursorChannel?.id
        if case .dayList(let list)? = state.topOverlay {
            day = list.day
            channelID = list.channel ?? channelID
        }
        guard let channelID, let channel = state.calendar.channel(channelID) else { return }
        if let full = fullDay(state, channel, day, moving: nil) {
            state.status = .error("Not pasted: " + full + "; paste it on another day")
            return
        }
        var copy = source
        copy.id = state.calendar.newPostID()
        copy.channel = channel.id
        let sourceTime = source.channel == channel.id ? source.at.map { state.calendar.clock.local($0).dateTime.time } : nil
        // The copy keeps the source's time of day when it is free there (today: when it is
        // still ahead, as the free times are). A day with no time left that keeps the
        // channel's spacing is not double-booked, as `cadence add --at DAY` refuses it too.
        let (clock, now) = (state.calendar.clock, state.now)
        let ahead = { (t: LocalTime) in day != clock.day(of: now) || (clock.date(for: LocalDateTime(date: day, time: t)).map { $0 > now } ?? false) }
        guard let time = sourceTime.flatMap({ t in state.isFree(channel: channel.id, day: day, time: t) && ahead(t) ? t : nil })
            ?? state.freeTime(channel: channel.id, day: day)
        else {
            state.status = .error("Not pasted: " + noFreeTime(state, channel, day) + "; a adds a post at a time you type")
            return
        }
        copy.at = state.calendar.clock.date(for: LocalDateTime(date: day, time: time))
        copy.status = .draft
        var label = "Pasted “\(source.title)” on \(channel.name), \(day.shortDescription) \(time)"
        // A time outside the channel's posting times is said: they were all taken that day.
        if time != sourceTime, !channel.postingTimes.isEmpty, !channel.postingTimes.contains(time) {
            label += " (\(channel.name)'s posting times were taken)"
        }
        if channel.id != source.channel, !copy.tags.contains("adapt") {
            copy.tags.append("adapt")
            label += " · tagged adapt: rewrite it for \(channel.name)"
        }
        label += pastNote(copy, state)
        do {
            try state.commit(label, put: [copy])
        } catch {
            state.status = .error(error.message)
        }
    }

    private static func openNewPost(_ state: inout AppState, day: CivilDate) {
        guard let channel = state.cursorChannel else {
            state.status = .error("The calendar has no channels")
            return
        }
        let free = state.freeTime(channel: channel.id, day: day)
        let time = free ?? state.nextFreeTime(channel: channel.id, day: day)
        openForm(&state, PostForm(newOn: state.cursor.channel, day: day, time: time))
        if state.readOnly == nil, free == nil {
            state.status = .info("No free time left on \(day.shortDescription) for \(channel.name) (posts \(Describe.duration(minutes: state.book.spacing(of: channel.id))) apart); \(time) is offered")
        }
    }

    // MARK: The post form

    private static func form(_ state: inout AppState, _ form: PostForm, _ action: Action) -> [Effect] {
        if action == .showHelp {
            // F1 (? types itself here): the keys, over the form, which Esc comes back to.
            state.overlays.append(.help(scroll: 0))
            return []
        }
        var form = form
        let width = PostFormLayout(state: state).textWidth
        // A key that moves through the text, or a click, acts on what the screen shows now (the
        // form just opened, the terminal resized, the editor came back): the scroll is taken
        // from it first. Other keys leave the layout, and its notes, to the end.
        var shownRows = 1
        if case .mouse = action { shownRows = showScroll(&form, state) }
        if [.up, .down, .pageUp, .pageDown].contains(action) { shownRows = showScroll(&form, state) }
        let before = (channel: form.channel, date: form.date.text)
        // A date or time Tab came to is replaced by what is typed, or deleted whole; any other
        // key keeps it, to be edited.
        switch action {
        case .insert, .insertText, .backspace, .deleteForward: if !form.focus.isPicker { form.takeOvertype() }
        case .nextField, .previousField, .cancel: break
        default: form.replacesOnType = false
        }
        switch action {
        case .cancel:
            // A form with typing in it is not thrown away by one stray Esc.
            if form.hasChanges, !form.discardArmed {
                form.discardArmed = true
                replaceTop(&state, .form(form))
                state.status = .info("Esc again discards this form; Ctrl-S saves it")
                return []
            }
            state.overlays.removeLast()
            if form.hasChanges {
                state.status = .info(form.editing == nil ? "New post discarded" : "Changes discarded")
            } else {
                state.status = .info(form.editing == nil ? "No post added" : "Nothing changed")
            }
            return []
        case .nextField: form.moveFocus(1)
        case .previousField: form.moveFocus(-1)
        case .cursorLeft, .cursorRight:
            let delta = action == .cursorLeft ? -1 : 1
            if form.focus.isPicker {
                form.pick(delta, in: state.calendar)
            } else if var field = form.focusedText {
                if delta < 0 { field.left() } else { field.right() }
                form.focusedText = field
            }
        case .insert(let c):
            if form.focus.isPicker {
                if !form.pick(startingWith: c, in: state.calendar) {
                    state.status = .error("No \(form.focus.label.lowercased()) starts with “\(c)”; ← → go through them")
                }
            } else {
                form.focusedText?.insert(c)
            }
        case .newline: form.focusedText?.insert("\n")
        case .insertText(let text):
            if form.focus.isPicker {
                state.status = .error("Paste not taken: \(form.focus.label.lowercased()) is chosen from a list (← → or its first letter)")
            } else {
                form.focusedText?.paste(text)
            }
        case .backspace where form.focusedText?.isEmpty == false: form.focusedText?.backspace()
        case .deleteForward: form.focusedText?.deleteForward()
        case .lineStart: form.focusedText?.home()
        case .lineEnd: form.focusedText?.end()
        case .up, .down:
            // In the text, up and down move by rows, and leave the field at its first and last.
            let (row, _) = form.text.cursorPosition(width: width)
            let lastRow = form.text.rows(width: width).count - 1
            if action == .up, row == 0 {
                form.moveFocus(-1)
            } else if action == .down, row == lastRow {
                form.moveFocus(1)
            } else {
                form.text.vertical(action == .up ? -1 : 1, width: width)
            }
        case .pageUp, .pageDown:
            // A long caption a screen at a time; the last row shown stays in view as the first.
            guard form.focus == .text else {
                state.status = .info("PgUp and PgDn page through the text (Tab to it)")
                break
            }
            let rows = max(1, shownRows - 1)
            form.text.vertical(action == .pageUp ? -rows : rows, width: width)
            form.text.scroll = max(0, form.text.scroll + (action == .pageUp ? -rows : rows))
        case .clearToLineStart: form.focusedText?.deleteToLineStart()
        case .deleteWordBackward: form.focusedText?.deleteWordBackward()
        case .openEditor:
            replaceTop(&state, .form(form))
            state.status = .info("Editing the text in $EDITOR…")
            return [.editText(form.text.text)]
        case .submit, .saveForm:
            // Saving a post as it was changes nothing: no undo step, no new change stamp for
            // git to carry, and no merge conflict settled (a field changed settles its own).
            if form.editing != nil, !form.hasChanges {
                state.overlays.removeLast()
                state.status = .info(form.base?.hasConflict == true ? "Nothing changed; the merge conflict is still to settle (! lists it)" : "Nothing changed")
                return []
            }
            let id = form.editing ?? state.calendar.newPostID()
            switch form.post(in: state.calendar, today: state.today, newID: id) {
            case .failure(let problem):
                form.error = problem.message
                form.focus = problem.field
                // Said where the eye is too: the form's own line may be far below the field.
                state.status = .error("Not saved: \(problem.message)")
            case .success(let post):
                let isNew = form.editing == nil
                do {
                    // What the save did to a merge conflict, as `cadence update` says it.
                    var said = isNew ? "Added “\(post.title)”" : "Updated “\(post.title)”"
                    // A status the date overruled is said, not changed behind the user's back.
                    if post.status != form.statusValue {
                        said += post.isIdea ? " · saved as an idea: it has no date" : " · saved as a \(post.status.rawValue): it has a date"
                    }
                    if form.base?.tags.contains("adapt") == true, !post.tags.contains("adapt") {
                        said += " · no longer tagged adapt"
                    }
                    if let before = form.base?.conflict, !before.isEmpty {
                        let settled = before.fields.keys.filter { post.conflict?.fields[$0] == nil }.sorted()
                        if !settled.isEmpty { said += " · settled the merge conflict on \(settled.joined(separator: ", "))" }
                        if let left = post.conflict, !left.isEmpty {
                            said += " · still to settle: " + (left.fields.isEmpty ? "the deletion" : left.fields.keys.sorted().joined(separator: ", ")) + " (! lists it)"
                        }
                    }
                    try state.commit(said, put: [post])
                    state.overlays.removeLast()
                    if !isNew || state.view == .week { state.focus(on: post) }
                    // An error the post is part of is said at once, as `cadence add` says it (the
                    // cell and the status line show the warnings).
                    if let problem = firstError(of: post.id, in: state) { state.status = .error(said + " · " + problem) }
                    return []
                } catch {
                    form.error = error.message
                }
            }
        case .mouse(let event) where event.kind == .click:
            // A click focuses a field; on a picker's option it also picks it.
            let layout = PostFormLayout(state: state, form: form)
            if let (field, option) = layout.target(x: event.x, y: event.y, form: form, calendar: state.calendar) {
                // A click on the date or time selects it, as Tab does.
                if form.focus != field {
                    form.focus = field
                    form.selectIfOffered()
                }
                if let option { form.choose(option: option) }
                // In the text, the cursor goes where the click is (a click on its label moves nothing).
                if field == .text, layout.textArea.contains(x: layout.textArea.x, y: event.y) {
                    let area = layout.textArea
                    let first = form.text.firstShownRow(width: layout.textWidth, height: area.height)
                    form.text.place(row: first + event.y - area.y, column: event.x - area.x, width: layout.textWidth)
                }
            }
        default: break
        }
        if action != .submit && action != .saveForm { form.error = nil }
        if action != .cancel { form.discardArmed = false }
        form.interruptArmed = false
        followSuggestedTime(&form, from: before, state)
        // The text area scrolls only as far as the cursor needs (its height follows the notes);
        // away from the text, the scroll waits for the next key there.
        if form.focus == .text { showScroll(&form, state) }
        replaceTop(&state, .form(form))
        return []
    }

    /// Sets the text's scroll to the first row the form's text area shows, and returns the
    /// area's height.
    @discardableResult
    private static func showScroll(_ form: inout PostForm, _ state: AppState) -> Int {
        let layout = PostFormLayout(state: state, form: form)
        form.text.scroll = form.text.firstShownRow(width: layout.textWidth, height: layout.textArea.height)
        return layout.textArea.height
    }

    // MARK: Violations, help, prompts, the quit question

    private static func violations(_ state: inout AppState, _ panel: ViolationsPanel, _ action: Action) -> [Effect] {
        var panel = panel
        let items = state.violationsShown(panel)
        if let row = moved(panel.selection, action, count: items.count, page: 10) {
            panel.selection = row
            replaceTop(&state, .violations(panel))
            return []
        }
        switch action {
        case .cancel, .showViolations:
            state.overlays.removeLast()
            return []
        case .toggleScope:
            panel.wholePlan.toggle()
            panel.selection = 0
        case .toggleWarnings:
            // The problem selected stays selected when it is still listed.
            let selected = items.indices.contains(panel.selection) ? items[panel.selection] : nil
            state.problemsErrorsOnly.toggle()
            panel.selection = selected.flatMap { state.violationsShown(panel).firstIndex(of: $0) } ?? 0
        case .open:
            guard items.indices.contains(panel.selection) else {
                state.status = .info(state.problemsErrorsOnly ? "No error to open here (w shows the warnings)" : "No problem to open here")
                return []
            }
            jump(&state, to: items[panel.selection])
            return []
        case .mouse(let event) where event.kind == .click || event.kind == .doubleClick:
            if let index = ViolationsLayout(state: state, count: items.count, selection: panel.selection).item(atY: event.y), index < items.count {
                // What the first click chose (see the agenda).
                if event.kind == .doubleClick, items.indices.contains(panel.selection) {
                    jump(&state, to: items[panel.selection])
                    return []
                }
                panel.selection = index
            }
        default:
            if let effects = common(&state, action) { return effects }
        }
        replaceTop(&state, .violations(panel))
        return []
    }

    /// The first error a post is part of (its own, or its day's or week's), a merge conflict
    /// aside, in words for the status line: "✖ no image or video; Instagram posts need one".
    private static func firstError(of id: PostID, in state: AppState) -> String? {
        guard let post = state.calendar.posts[id] else { return nil }
        let found: [Violation]
        if let day = state.calendar.local(of: id)?.date {
            found = state.violations(inWeekStartingOn: state.calendar.weekStart(of: day))
        } else {
            found = state.violations.ideas
        }
        let mine = found.filter { ($0.subject == .post(id) || $0.posts.contains(id)) && $0.severity == .error && $0.rule != MergeConflicts.ruleID }
        guard let worst = mine.first else { return nil }
        // A post's own problem without the post's name, which the message already holds.
        let prefix = Describe.post(post, in: state.calendar) + ": "
        let detail = worst.message.hasPrefix(prefix) ? String(worst.message.dropFirst(prefix.count)) : worst.message
        let more = mine.count > 1 ? " (+\(mine.count - 1) more, ! lists them)" : ""
        return "✖ " + detail + more
    }

    /// Shows the place a violation concerns: its cell in the week, or the idea.
    private static func jump(_ state: inout AppState, to violation: Violation) {
        state.overlays.removeAll()
        if violation.rule == MergeConflicts.ruleID {
            if case .post(let id) = violation.subject {
                state.focus(on: state.calendar.posts[id])
                state.view = .week
                state.overlays.append(.resolve(Resolver(target: .post(id))))
                return
            }
            let messages = MergeConflicts.violations(ofSettingsIn: state.calendar).map(\.message)
            if let index = messages.firstIndex(of: violation.message) {
                state.overlays.append(.resolve(Resolver(target: .setting(index))))
                return
            }
        }
        if let day = violation.day {
            state.view = .week
            state.cursor.day = day
            if let channel = violation.channel, let index = state.calendar.channels.firstIndex(where: { $0.id == channel }) {
                state.cursor.channel = index
            }
            // A post's problem opens its cell's list on it, so that e, m or d act on that post;
            // a problem of several posts on the one that went over: the sixth of a day of at
            // most five, the later of two too close.
            var subject = violation.posts.last
            if let channel = violation.channel, let limit = wentOver(violation, state.book.rules(for: channel), in: state.calendar), violation.posts.indices.contains(limit) {
                subject = violation.posts[limit]
            }
            if case .post(let id) = violation.subject { subject = id }
            if let id = subject, let post = state.calendar.posts[id], !post.isIdea {
                state.focus(on: post)
                var list = DayList(day: state.cursor.day, channel: post.channel)
                list.selection = state.postsIn(list).firstIndex { $0.id == id } ?? 0
                state.overlays.append(.dayList(list))
            }
        } else if case .post(let id) = violation.subject, let index = state.ideaOrder.firstIndex(of: id) {
            state.view = .ideas
            state.ideasSelection = index
        }
        state.status = .info(violation.message)
    }

    /// Where in a limit's posts (in time order) the first one over it is: the maximum.
    private static func wentOver(_ violation: Violation, _ rules: RuleBook.ChannelRules, in calendar: ContentCalendar) -> Int? {
        switch violation.rule {
        case PostsPerDayRule.id: return rules.day.lazy.compactMap { ($0 as? PostsPerDayRule)?.max }.first
        case PostsPerWeekRule.id: return rules.week.lazy.compactMap { ($0 as? PostsPerWeekRule)?.max }.first
        case CategoryPerWeekRule.id:
            let category = violation.posts.first.flatMap { calendar.posts[$0]?.category }
            return rules.week.lazy.compactMap { ($0 as? CategoryPerWeekRule)?.limits.first { $0.category == category }?.max }.first
        default: return nil
        }
    }

    private static func help(_ state: inout AppState, _ scroll: Int, _ action: Action) -> [Effect] {
        // The first line shown moves like a list's selection, within what can scroll.
        if let first = moved(scroll, action, count: HelpLayout(state: state).maxScroll + 1, page: 10) {
            replaceTop(&state, .help(scroll: first))
        } else if action == .cancel || action == .showHelp {
            state.overlays.removeLast()
        }
        return []
    }

    private static func prompt(_ state: inout AppState, _ prompt: Prompt, _ action: Action) -> [Effect] {
        var prompt = prompt
        switch action {
        case .cancel:
            state.overlays.removeLast()
            return []
        case .insert("g") where prompt.kind == .goToDate && prompt.field.text.isEmpty:
            // gg, as in vim: to the top (the first row of a list, the first channel of the week,
            // the month's first day).
            state.overlays.removeLast()
            return dispatch(&state, .first)
        case .up where prompt.kind == .filter && !state.agenda.filter.isEmpty:
            prompt.field = TextField(state.agenda.filter)
            prompt.field.end()
        case .insert(let c): prompt.field.insert(c)
        case .insertText(let text): prompt.field.paste(text)
        case .backspace: prompt.field.backspace()
        case .deleteForward: prompt.field.deleteForward()
        case .cursorLeft: prompt.field.left()
        case .cursorRight: prompt.field.right()
        case .lineStart: prompt.field.home()
        case .lineEnd: prompt.field.end()
        case .clearToLineStart: prompt.field.deleteToLineStart()
        case .deleteWordBackward: prompt.field.deleteWordBackward()
        case .submit:
            switch prompt.kind {
            case .command:
                return command(&state, prompt)
            case .goToDate:
                let text = prompt.field.text.trimmingCharacters(in: .whitespaces)
                // Short forms, the one nearest the day in view (in December W01 is the coming
                // January's first week; seen from 1 January, 12-28 the December just gone), as
                // the form and the command line take the one nearest today.
                let here = state.cursor.day
                let monthAndDay = text.wholeMatch(of: /\d{1,2}-\d{1,2}/) != nil
                let asWeek = Result { () throws(CadenceError) in try PlanInput.weekStart(text, field: "week", calendar: state.calendar, today: state.today, near: here) }
                let asDate = PlanInput.read(date: text, today: monthAndDay ? here : state.today)
                var found: CivilDate?
                if case .success(let monday) = asWeek { found = monday } else if case .day(let day) = asDate { found = day }
                if let day = found {
                    state.overlays.removeLast()
                    state.cursor.day = day
                    if state.view == .agenda, state.topOverlay == nil {
                        // The agenda stays, at that day's posts or the next ones.
                        selectAgendaRow(&state, from: day)
                    } else if state.view != .month {
                        state.view = .week
                    }
                    state.status = .info("\(day.longDescription) · \(state.weekLabel)")
                } else {
                    // A week or a day that does not exist says why (2027 has 52 weeks; February
                    // has 28 days); anything else, what may be typed.
                    let looksLikeWeek = text.uppercased().contains("-W") || PlanInput.shortWeekNumber(text) != nil
                    if case .missing(let why) = asDate {
                        prompt.error = "no such day: \(why)"
                    } else if case .outside = asDate {
                        prompt.error = "Cadence plans \(CivilDate.plannableText)"
                    } else if looksLikeWeek, let week = WeekID(text), !CivilDate.plannable.contains(week.monday) {
                        prompt.error = "Cadence plans \(CivilDate.plannableText)"
                    } else if looksLikeWeek, case .failure(.invalidValue(_, _, let expected)) = asWeek,
                        let why = expected.split(separator: "that exists; ", maxSplits: 1).dropFirst().first
                    {
                        prompt.error = "no such week: \(why)"
                    } else {
                        prompt.error = "not a date or week (2026-12-24, 12-24, fri, W52, next)"
                    }
                    replaceTop(&state, .prompt(prompt))
                }
            case .filter:
                let query = AgendaQuery(prompt.field.text, calendar: state.calendar)
                if let problem = query.problem {
                    prompt.error = problem
                    replaceTop(&state, .prompt(prompt))
                    return []
                }
                // The agenda shows what matches: lists opened below the prompt close, not cover it.
                state.overlays.removeAll()
                // The selection stays on its post when that still matches, else on the first
                // match from its day (or the day in view): not thrown back to the plan's start.
                let selected = state.view == .agenda && state.agenda.items.indices.contains(state.agenda.selection)
                    ? state.agenda.items[state.agenda.selection] : nil
                let day = selected.flatMap { state.calendar.local(of: $0)?.date } ?? state.cursor.day
                state.agenda.filter = prompt.field.text
                state.view = .agenda
                state.rebuildAgenda(query)
                if let selected, let row = state.agenda.items.firstIndex(of: selected) {
                    state.agenda.selection = row
                } else {
                    selectAgendaRow(&state, from: day)
                }
                state.status = .info(state.agenda.filter.isEmpty ? "All posts" : "\(Describe.count(state.agenda.items.count, "post")) \(state.agenda.items.count == 1 ? "matches" : "match") “\(state.agenda.filter)”")
            }
            return []
        default: break
        }
        prompt.error = nil
        replaceTop(&state, .prompt(prompt))
        return []
    }

    /// vim's command line: `:w`, `:q`, `:wq` (or `:x`), `:q!`, and `:12` for row 12.
    private static func command(_ state: inout AppState, _ prompt: Prompt) -> [Effect] {
        var prompt = prompt
        let text = prompt.field.text.trimmingCharacters(in: .whitespaces)
        if let row = Int(text), row >= 0 {
            state.overlays.removeLast()
            // :0 is the top, as in vim.
            if row == 0 { return dispatch(&state, .first) }
            state.pendingCount = min(row, maximumCount)
            return counted(&state, .last)
        }
        switch text {
        case "":
            state.overlays.removeLast()
            return []
        case "w", "write":
            state.overlays.removeLast()
            return dispatch(&state, .save)
        case "q", "quit":
            state.overlays.removeLast()
            return dispatch(&state, .quit)
        case "wq", "x", "xit":
            state.overlays.removeLast()
            // Nothing to write: it quits (a save now could only meet a change on disk).
            if !state.hasUnsavedChanges || state.readOnly != nil && text != "wq" { return dispatch(&state, .quit) }
            if let readOnly = state.readOnly {
                state.status = .error("Read-only: \(readOnly) · :q quits")
                return []
            }
            return [.saveAndQuit]
        case "q!", "quit!":
            // Unsaved changes go, as vim's :q! throws them away (no question asked).
            state.overlays.removeLast()
            return [.quit]
        default:
            prompt.error = "no command '\(text)': w saves, q quits, wq (or x) saves and quits, q! quits without saving, a number goes to that row"
            replaceTop(&state, .prompt(prompt))
            return []
        }
    }

    // MARK: Merge conflicts

    private static func resolve(_ state: inout AppState, _ resolver: Resolver, _ action: Action) -> [Effect] {
        var resolver = resolver
        let items = state.items(of: resolver)
        if let row = moved(resolver.selection, action, count: items.count, page: items.count) {
            resolver.selection = row
            replaceTop(&state, .resolve(resolver))
            return []
        }
        switch action {
        case .cancel:
            state.overlays.removeLast()
            return []
        case .edit:
            guard case .post(let id) = resolver.target, let post = state.calendar.posts[id] else { return [] }
            state.overlays.removeLast()
            openForm(&state, PostForm(editing: post, in: state.calendar))
            // Only a field changed here is settled by saving (as `cadence update` settles what it sets).
            state.status = .info("A field you change here settles its conflict; the rest stay for ! (M keeps yours, T theirs)")
            return []
        case .takeMine(let all), .takeTheirs(let all):
            let side: MergeSide
            if case .takeMine = action { side = .ours } else { side = .theirs }
            let chosen = all ? items : (items.indices.contains(resolver.selection) ? [items[resolver.selection]] : [])
            do {
                try settle(&state, resolver.target, chosen, side)
            } catch {
                state.status = .error(error.message)
                return []
            }
            let left = state.items(of: resolver)
            // All settled, or the post is gone (deleted as the deleting side wished).
            let postGone = resolver.target.postID.map { state.calendar.posts[$0] == nil } ?? false
            if left.isEmpty || postGone {
                state.overlays.removeLast()
                state.status = .info("Settled · \(state.conflictCount == 0 ? "no conflicts left; s saves (after a git merge, git add it too)" : "\(Describe.count(state.conflictCount, "conflict")) left (!)")")
                return []
            }
            resolver.selection = min(resolver.selection, left.count - 1)
        default:
            if let effects = common(&state, action) { return effects }
        }
        replaceTop(&state, .resolve(resolver))
        return []
    }

    /// A new post's suggested time follows its channel and day (each channel has its own posting
    /// times, each day its own free ones), until a time of one's own is typed.
    /// The time field follows the channel and the day while it shows the time Cadence offered,
    /// and an empty one (an idea given a date) takes the offer as soon as the date is one.
    private static func followSuggestedTime(_ form: inout PostForm, from old: (channel: Int, date: String), _ state: AppState) {
        let channels = state.calendar.channels
        let offered = form.suggestedTime.map { form.time.text == $0 } ?? false
        // The date taken away: the time Cadence offered goes with it (an idea has none).
        if offered, form.date.text != old.date, TextMetrics.isBlank(form.date.text) {
            form.time = TextField()
            return
        }
        guard offered || form.time.text.trimmingCharacters(in: .whitespaces).isEmpty,
            form.channel != old.channel || form.date.text != old.date, channels.indices.contains(form.channel),
            let day = try? PlanInput.date(form.date.text, field: "date", today: state.today, near: form.anchor)
        else { return }
        let channel = channels[form.channel].id
        let time = (state.freeTime(channel: channel, day: day) ?? state.nextFreeTime(channel: channel, day: day)).description
        guard time != form.time.text else { return }
        form.time = TextField(time)
        form.suggestedTime = time
    }

    /// Takes one side for the chosen items of a conflict, as one undoable step.
    private static func settle(_ state: inout AppState, _ target: Resolver.Target, _ items: [Resolver.Item], _ side: MergeSide) throws(CadenceError) {
        let sideName = side == .ours ? "yours" : "theirs"
        switch target {
        case .setting(let index):
            guard state.calendar.conflicts.indices.contains(index) else { return }
            let conflict = state.calendar.conflicts[index]
            let settled = try ConflictResolution.resolve(index, taking: side, in: state.calendar, by: state.author, at: state.now)
            try state.commit(ConflictResolution.outcome(of: conflict, taking: side, in: settled), calendar: settled)
        case .post(let id):
            guard let post = state.calendar.posts[id] else { return }
            let fields = items.compactMap { if case .field(let f) = $0 { f } else { nil } }
            let deletion = items.contains { if case .deletion = $0 { true } else { false } }
            // The side that deleted it says delete; the other side's changes say keep.
            guard let settled = try ConflictResolution.settle(post, fields: fields, deletion: deletion, taking: side, in: state.calendar) else {
                try state.commit("Deleted “\(post.title)” as \(sideName) did", put: [], remove: [id])
                return
            }
            try state.commit("Took \(sideName) for \(fields.isEmpty ? "keeping" : fields.joined(separator: ", ")) of “\(settled.title)”", put: [settled])
        }
    }

    private static func confirmQuit(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .accept: return [.saveAndQuit]
        case .decline: return [.quit]
        case .cancel:
            state.overlays.removeLast()
            state.status = nil
        default: break
        }
        return []
    }
}

extension AppState {
    /// The posts a day list shows, in time order; posts at the same time in the order of the
    /// grid's rows (the calendar's channels).
    public func postsIn(_ list: DayList) -> [Post] {
        if let channel = list.channel { return calendar.posts(on: list.day, channel: channel) }
        return calendar.inPlannerOrder(calendar.posts(on: list.day))
    }

    /// The day of the agenda's item at `index` (nil for none).
    public func agendaDay(at index: Int) -> CivilDate? {
        guard agenda.items.indices.contains(index) else { return nil }
        return calendar.local(of: agenda.items[index])?.date
    }

    /// The violations the panel lists: what is in view, or the whole plan.
    public func violationsShown(_ panel: ViolationsPanel) -> ViolationList {
        if panel.wholePlan || view == .agenda || view == .ideas {
            return problemsErrorsOnly ? violations.allErrors : violations.all
        }
        let shown: (Violation) -> Bool = { !problemsErrorsOnly || $0.severity == .error }
        // In view, the errors come first, then the warnings, each in reading order.
        let inView: [Violation]
        switch view {
        case .month:
            let inMonth = MonthLayout(state: self).weekStarts.flatMap { violations(inWeekStartingOn: $0, spill: false) }
            inView = inMonth.filter { ($0.day?.month ?? 0) == cursor.day.month && shown($0) }
        default:
            inView = weekViolations.filter(shown)
        }
        return ViolationList([violations.settings.filter(shown), inView.filter { $0.severity == .error }, inView.filter { $0.severity == .warning }])
    }

    public func isFree(channel: String, day: CivilDate, time: LocalTime, ignoring: PostID? = nil) -> Bool {
        calendar.isFree(channel: channel, day: day, time: time, spacing: book.spacing(of: channel), ignoring: ignoring)
    }

    /// The channel's first time left on the day that keeps its spacing, if any (see
    /// `ContentCalendar.freeTime`).
    public func freeTime(channel: String, day: CivilDate, ignoring: PostID? = nil) -> LocalTime? {
        calendar.freeTime(channel: channel, day: day, now: now, spacing: book.spacing(of: channel), ignoring: ignoring)
    }

    /// The time a new post on the channel takes on the day (see `ContentCalendar.nextFreeTime`).
    public func nextFreeTime(channel: String, day: CivilDate, ignoring: PostID? = nil) -> LocalTime {
        calendar.nextFreeTime(channel: channel, day: day, now: now, spacing: book.spacing(of: channel), ignoring: ignoring)
    }
}
