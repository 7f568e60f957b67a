import CadenceCore

/// A merge conflict, side by side: for each field, yours, theirs and what it was; or a post one
/// side deleted; or a setting.
enum ResolverView {
    /// Sides are named by the people on them when the file knows them: "ours" and "theirs"
    /// only meant something to whoever merged. `choices` is what taking a side is called.
    static func sideWords(_ state: AppState, _ target: Resolver.Target) -> (names: (ours: String, theirs: String), choices: (ours: String, theirs: String)) {
        let conflict: (any MergeSideNaming)?
        switch target {
        case .post(let id): conflict = state.calendar.posts[id]?.conflict
        case .setting(let index): conflict = state.calendar.conflicts.indices.contains(index) ? state.calendar.conflicts[index] : nil
        }
        guard let conflict else { return (("ours", "theirs"), ("ours", "theirs")) }
        return ((conflict.name(of: .ours), conflict.name(of: .theirs)), (conflict.choice(of: .ours), conflict.choice(of: .theirs)))
    }

    static func draw(_ state: AppState, _ resolver: Resolver, into buffer: inout ScreenBuffer) {
        let items = state.items(of: resolver)
        var setting: SettingsConflict? = nil
        if case .setting(let index) = resolver.target, state.calendar.conflicts.indices.contains(index) { setting = state.calendar.conflicts[index] }
        // A setting's note (why a definition was kept, what could not be merged) gets lines of
        // its own below the two sides.
        // A setting's place ("channel facebook › posts-per-day › max") gets a line of its own.
        let placeLines = setting == nil ? 0 : 2
        let frame = OverlayFrame(state: state, width: 100, height: max(setting?.note == nil ? 9 : 12, items.count * 4 + 5) + placeLines)
        let title: String
        var values: [Resolver.Item: PostConflict.Values] = [:]
        let words = sideWords(state, resolver.target)
        let names = words.names
        switch resolver.target {
        case .post(let id):
            let post = state.calendar.posts[id]
            title = "Merge conflict · " + (post.map { Describe.post($0, in: state.calendar) } ?? id.rawValue)
            for (field, v) in post?.conflict?.fields ?? [:] { values[.field(field)] = v }
        case .setting(let index):
            let conflict = state.calendar.conflicts.indices.contains(index) ? state.calendar.conflicts[index] : nil
            title = "Merge conflict · settings"
            if let conflict { values[.field(conflict.place)] = conflict.values }
        }
        let column = min(32, max(DisplayWidth.of(names.ours), DisplayWidth.of(names.theirs)) + 9)
        let edit = setting == nil ? " · e edit the post" : ""
        frame.draw(title: title, hint: "m take \(words.choices.ours) · t take \(words.choices.theirs) · M/T every field\(edit) · j/k choose · Esc close", into: &buffer)
        let inner = frame.inner
        var y = inner.y
        if let setting {
            buffer.write(DisplayWidth.truncate(setting.place, to: inner.width), x: inner.x, y: y, style: Theme.bold)
            y += placeLines
        }
        for (i, item) in items.enumerated() {
            guard y + 3 <= inner.maxY - 1 else { break }
            let selected = i == resolver.selection
            let marker = selected ? "▸ " : "  "
            let x = inner.x + 14
            let room = inner.maxX - x
            // A name too long for the column is cut, never run into the value: "m the side Ni…: ".
            func label(_ name: String, _ key: String) -> String { DisplayWidth.pad(DisplayWidth.truncate("\(key) \(name)", to: column - 2) + ":", to: column) }
            switch item {
            case .deletion(let side):
                buffer.write(marker + "the post", x: inner.x, y: y, style: Theme.bold)
                buffer.write(label(names.ours, "m") + (side == .ours ? "deleted it" : "changed it; m keeps it"), x: x, y: y, maxWidth: room)
                buffer.write(label(names.theirs, "t") + (side == .theirs ? "deleted it" : "changed it; t keeps it"), x: x, y: y + 1, maxWidth: room)
            case .field(let field) where setting?.note != nil:
                // A definition kept, or a side left out: what each side did, not its value.
                let conflict = setting!
                func did(_ side: MergeSide) -> String {
                    if let lost = conflict.lostSide { return lost == side ? "not in the file (see below)" : "the file as it is" }
                    return conflict.deletedBy == side ? "deleted it" : "kept it"
                }
                buffer.write(marker + "the setting", x: inner.x, y: y, style: Theme.bold)
                buffer.write(label(names.ours, "m") + did(.ours), x: x, y: y, maxWidth: room)
                buffer.write(label(names.theirs, "t") + did(.theirs), x: x, y: y + 1, maxWidth: room)
            case .field(let field):
                let v = values[item]
                let show = { (value: JSONValue?) in MergeConflicts.show(value, field: field, in: state.calendar) }
                buffer.write(DisplayWidth.truncate(marker + (setting == nil ? field : "the value"), to: 13), x: inner.x, y: y, style: Theme.bold)
                buffer.write(label(names.ours, "m") + show(v?.ours), x: x, y: y, maxWidth: room)
                buffer.write(label(names.theirs, "t") + show(v?.theirs), x: x, y: y + 1, maxWidth: room)
                var was = DisplayWidth.pad("  was:", to: column) + show(v?.base)
                if let others = v?.others, !others.isEmpty { was += " · also proposed: " + others.map(show).joined(separator: ", ") }
                buffer.write(was, x: x, y: y + 2, style: Theme.dim, maxWidth: room)
            }
            if selected { buffer.restyle(Rect(x: inner.x, y: y, width: inner.width, height: 2)) { $0.reverse = true } }
            y += 4
        }
        if let conflict = setting, conflict.note != nil {
            let detail = MergeConflicts.detail(of: conflict, in: state.calendar)
            let howTo = conflict.deletedBy == nil ? " (m or t marks it settled)" : ""
            // Wrapped whole: the end says where to look (git show MERGE_HEAD:calendar.json).
            let lines = DisplayWidth.wrap(detail + howTo, width: inner.width)
            let top = inner.y + placeLines + 3
            for (i, line) in lines.prefix(max(0, inner.maxY - 1 - top)).enumerated() {
                buffer.write(line, x: inner.x, y: top + i, style: Theme.dim)
            }
        }
    }
}
