import CadenceCore

/// A merge conflict, side by side: for each field, yours, theirs and what it was; or a post one
/// side deleted; or a setting.
enum ResolverView {
    static func draw(_ state: AppState, _ resolver: Resolver, into buffer: inout ScreenBuffer) {
        let items = state.items(of: resolver)
        let frame = OverlayFrame(state: state, width: 100, height: max(9, items.count * 4 + 5))
        let title: String
        var values: [Resolver.Item: PostConflict.Values] = [:]
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
        frame.draw(title: title, hint: "m take yours · t take theirs · M/T all of them · e edit the post · j/k choose · Esc close", into: &buffer)
        let inner = frame.inner
        var y = inner.y
        for (i, item) in items.enumerated() {
            guard y + 3 <= inner.maxY - 1 else { break }
            let selected = i == resolver.selection
            let marker = selected ? "▸ " : "  "
            switch item {
            case .deletion(let side):
                buffer.write(marker + "the post", x: inner.x, y: y, style: Theme.bold)
                let yours = side == .ours ? "deleted it" : "changed it"
                let theirs = side == .theirs ? "deleted it" : "changed it"
                buffer.write("yours:  \(yours)  (m: \(side == .ours ? "delete" : "keep"))", x: inner.x + 14, y: y)
                buffer.write("theirs: \(theirs)  (t: \(side == .theirs ? "delete" : "keep"))", x: inner.x + 14, y: y + 1)
            case .field(let field):
                let v = values[item]
                buffer.write(DisplayWidth.truncate(marker + field, to: 13), x: inner.x, y: y, style: Theme.bold)
                buffer.write("yours:  " + MergeConflicts.show(v?.ours), x: inner.x + 14, y: y, maxWidth: inner.maxX - inner.x - 14)
                buffer.write("theirs: " + MergeConflicts.show(v?.theirs), x: inner.x + 14, y: y + 1, maxWidth: inner.maxX - inner.x - 14)
                buffer.write("was:    " + MergeConflicts.show(v?.base), x: inner.x + 14, y: y + 2, style: Theme.dim, maxWidth: inner.maxX - inner.x - 14)
            }
            if selected { buffer.restyle(Rect(x: inner.x, y: y, width: inner.width, height: 2)) { $0.reverse = true } }
            y += 4
        }
        if case .setting(let index) = resolver.target, state.calendar.conflicts.indices.contains(index),
            let note = state.calendar.conflicts[index].note
        {
            buffer.write(DisplayWidth.truncate(note + " (m or t marks it settled)", to: inner.width), x: inner.x, y: inner.y + 3, style: Theme.dim)
        }
    }
}
