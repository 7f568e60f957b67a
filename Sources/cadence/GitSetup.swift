import ArgumentParser
import CadenceCore
import Foundation

extension Cadence {
    struct GitSetup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "git-setup",
            abstract: "Set up this git repository to merge the calendar by meaning (safe to run again).",
            discussion: """
                Adds '<calendar> merge=cadence' to .gitattributes (commit it, so the whole team gets it), \
                names the driver in this clone's git config (each clone runs git-setup once), and keeps the \
                planner's recovery and lock files out of git. With --pre-commit, also pre-commit, \
                pre-merge-commit and pre-push hooks that run 'cadence check'.
                """)

        @OptionGroup var file: FileOptions

        @Flag(help: "Also install pre-commit, pre-merge-commit and pre-push hooks that run 'cadence check' on the calendar.")
        var preCommit = false

        func run() throws {
            let folder = FileManager.default.currentDirectoryPath
            guard let root = Git.run(["rev-parse", "--show-toplevel"], in: folder), let gitDir = Git.run(["rev-parse", "--absolute-git-dir"], in: folder) else {
                throw CadenceError.usage("not inside a git repository (run 'git init' first, or cd into one)")
            }
            let calendar = URL(fileURLWithPath: file.path, relativeTo: URL(fileURLWithPath: folder + "/")).standardizedFileURL.path
            let resolvedRoot = CalendarFile.resolvingLinks(root)
            let resolvedCalendar = CalendarFile.resolvingLinks(calendar)
            guard resolvedCalendar.hasPrefix(resolvedRoot + "/") else {
                throw CadenceError.usage("\(file.path) is outside the repository at \(root)")
            }
            let relative = String(resolvedCalendar.dropFirst(resolvedRoot.count + 1))
            let pattern = "/" + relative.replacingOccurrences(of: " ", with: "[[:space:]]")

            // 1. .gitattributes: which file the driver merges.
            let attributes = resolvedRoot + "/.gitattributes"
            let line = "\(pattern) merge=cadence"
            var existing = (try? String(contentsOfFile: attributes, encoding: .utf8)) ?? ""
            if existing.split(separator: "\n").contains(where: { $0.trimmingCharacters(in: .whitespaces) == line }) {
                print("Already in .gitattributes: \(line)")
            } else {
                if !existing.isEmpty, !existing.hasSuffix("\n") { existing += "\n" }
                try CalendarFile.write(Array((existing + line + "\n").utf8), to: attributes, replacing: true)
                print("Added to .gitattributes: \(line) (commit it so the team merges the same way)")
            }

            // 2. This clone's config: the driver itself.
            // The running binary itself (argv[0] may be a bare name found on PATH).
            let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CalendarFile.resolvingLinks(URL(fileURLWithPath: CommandLine.arguments[0], relativeTo: URL(fileURLWithPath: folder + "/")).path)
            // Git reads %O, %A, %B, %P (and more) anywhere in the driver's command line.
            if binary.contains("%") {
                throw CadenceError.usage("this cadence's path (\(binary)) holds a '%', which git would read as one of the merge driver's placeholders; install cadence where the path has none (such as ~/.local/bin) and run git-setup from there")
            }
            let driver = GitSetup.driverCommand(binary: binary)
            if Git.run(["config", "--local", "merge.cadence.driver"], in: root) == driver {
                print("Already set in .git/config: merge.cadence.driver")
            } else {
                Git.run(["config", "--local", "merge.cadence.name", "Cadence calendar merge (by post and field)"], in: root)
                Git.run(["config", "--local", "merge.cadence.driver", driver], in: root)
                print("Set in .git/config: merge.cadence.driver, which runs \(shellQuote(binary)) merge-driver (or the cadence on PATH once that one is gone)")
            }

            // 3. The planner's recovery and lock files, and the marked file `resolve --markers`
            // keeps, stay out of git (locally, in info/exclude); each line added once.
            let exclude = gitDir + "/info/exclude"
            let patterns = ["\(relative).recovery*", "\(relative).lock", "\(relative).markers*"]  // the recovery file, its base, a discarded one
            let excluded = (try? String(contentsOfFile: exclude, encoding: .utf8)) ?? ""
            let lines = Set(excluded.split(whereSeparator: \.isNewline).map(String.init))
            let missing = patterns.filter { !lines.contains("/" + $0) }
            if missing.isEmpty {
                print("Already in .git/info/exclude: the recovery, lock and markers files")
            } else {
                try FileManager.default.createDirectory(atPath: gitDir + "/info", withIntermediateDirectories: true)
                let added = missing.map { "/" + $0 + "\n" }.joined()
                try CalendarFile.write(Array((excluded + (excluded.isEmpty || excluded.hasSuffix("\n") ? "" : "\n") + added).utf8), to: exclude, replacing: true)
                print("Added to .git/info/exclude: \(missing.joined(separator: ", "))")
            }

            // 4. Optionally, the hooks.
            if preCommit {
                try installHook(gitDir: gitDir, binary: binary, relative: relative, root: root)
            } else if let hook = try? String(contentsOfFile: GitSetup.hooksPath(gitDir: gitDir, root: root) + "/pre-commit", encoding: .utf8),
                hook.contains(GitSetup.hookMarker) || GitSetup.runsCadenceCheck(hook)
            {
                // The hooks are in (Cadence's, or the user's own that runs its check).
            } else {
                // Without the hooks, a merge's recorded conflicts can be committed unsettled.
                print("Tip: 'cadence git-setup --pre-commit' also stops a commit while the calendar holds an unsettled merge conflict or an error")
            }

            // A calendar not there yet is fine (it may come with the next pull), but worth a
            // word: git-setup run in the wrong folder would set up a file nobody uses.
            if !FileManager.default.fileExists(atPath: calendar) {
                printError("note: there is no \(relative) yet; the setup is for that path (give --file for another calendar)")
            }

            // 5. What git makes of it: a later line (or .git/info/attributes) can override ours.
            let effective = Git.run(["check-attr", "merge", "--", relative], in: resolvedRoot)?.components(separatedBy: ": ").last
            if let effective, effective != "cadence" {
                throw CadenceError.usage(
                    "git still reads 'merge: \(effective)' for \(relative): another line in .gitattributes or .git/info/attributes overrides '\(line)'; remove it, then run git-setup again")
            }
        }

        private static let hookMarker = "# installed by cadence git-setup"

        /// The merge driver's command line for git's config (git runs it with sh, the files'
        /// paths quoted). The binary git-setup ran from; when that is gone (moved, reinstalled,
        /// rebuilt elsewhere), the cadence on PATH; with neither, git's own text merge, so that
        /// the file holds conflict markers Cadence explains, never just our side with theirs
        /// silently dropped (which is what a driver that cannot start leaves).
        static func driverCommand(binary: String) -> String {
            let quoted = shellQuote(binary)
            let gone = shellQuote("cadence: the merge driver (\(binary)) is not there any more, and there is no cadence on PATH; git merged")
            let then = shellQuote("as text: run 'cadence git-setup' again, then 'git checkout -m' on the file to merge it by meaning")
            return [
                "if [ -x \(quoted) ]; then exec \(quoted) merge-driver %O %A %B %P; fi",
                "if command -v cadence >/dev/null 2>&1; then exec cadence merge-driver %O %A %B %P; fi",
                "echo \(gone) %P \(then) >&2",
                "git merge-file -L ours -L base -L theirs %A %O %B",
                "exit 1",
            ].joined(separator: "; ")
        }

        /// Plain commits, the commits that end a merge (git runs only pre-merge-commit then),
        /// and pushes, which also carry what a rebase made (no commit hook runs in a rebase).
        private static let hookNames = ["pre-commit", "pre-merge-commit", "pre-push"]

        /// Whether a hook of the user's own runs Cadence's check: a line that is not a comment
        /// names `cadence-check`.
        static func runsCadenceCheck(_ hook: String) -> Bool {
            hook.split(whereSeparator: \.isNewline).contains { line in
                let code = line.drop { $0 == " " || $0 == "\t" }
                return !code.hasPrefix("#") && code.contains("cadence-check")
            }
        }

        /// Where git looks for hooks: core.hooksPath, else the git folder's hooks.
        private static func hooksPath(gitDir: String, root: String) -> String {
            Git.run(["config", "core.hooksPath"], in: root).map { $0.hasPrefix("/") ? $0 : root + "/" + $0 } ?? gitDir + "/hooks"
        }

        /// Installs the hooks. A hook of the user's own is never replaced: Cadence's script goes
        /// beside it as `cadence-check`, with the line to add to it; the exit status is then 1.
        private func installHook(gitDir: String, binary: String, relative: String, root: String) throws {
            let hooksPath = GitSetup.hooksPath(gitDir: gitDir, root: root)
            let hooks = GitSetup.hookNames.map { hooksPath + "/" + $0 }
            let standalone = hooksPath + "/cadence-check"
            let current = (hooks + [standalone]).map { try? String(contentsOfFile: $0, encoding: .utf8) }
            let foreign = zip(hooks, current).compactMap { hook, text in
                text.map { $0.contains(GitSetup.hookMarker) } == false ? hook : nil
            }
            // One hook for every calendar set up in this repository: a second calendar joins
            // the first instead of replacing it.
            var calendars = current.compactMap { $0 }.filter { $0.contains(GitSetup.hookMarker) }.flatMap(GitSetup.hookCalendars)
                .reduce(into: [String]()) { list, calendar in
                    if !list.contains(calendar) { list.append(calendar) }
                }
            if !calendars.contains(shellQuote(relative)) { calendars.append(shellQuote(relative)) }
            let script = GitSetup.hookScript(binary: binary, calendars: calendars)
            let targets = hooks.filter { !foreign.contains($0) } + (foreign.isEmpty ? [] : [standalone])
            let name = { (path: String) in URL(fileURLWithPath: path).lastPathComponent }
            let listed = targets.map(name)
            let names = (listed.count > 1 ? listed.dropLast().joined(separator: ", ") + " and " + listed.last! : listed.joined()) + " hook" + (targets.count == 1 ? "" : "s")
            if zip(hooks + [standalone], current).allSatisfy({ hook, text in !targets.contains(hook) || text == script }) {
                print("Already installed: the \(names)")
            } else {
                try FileManager.default.createDirectory(atPath: hooksPath, withIntermediateDirectories: true)
                for hook in targets {
                    try CalendarFile.write(Array(script.utf8), to: hook, replacing: true)
                    chmod(hook, 0o755)
                }
                let merges = targets.contains { name($0) == "pre-merge-commit" } ? " (merge commits too)" : ""
                let pushes = targets.contains { name($0) == "pre-push" } ? " and pushes" : ""
                print("Installed the \(names): commits\(merges)\(pushes) stop while 'cadence check' finds an error from today on, or a merge conflict, in \(calendars.joined(separator: ", "))")
            }
            // A hook of the user's own that already runs Cadence's check is fine as it is.
            let unwired = zip(hooks, current).filter { hook, text in foreign.contains(hook) && !GitSetup.runsCadenceCheck(text ?? "") }.map(\.0)
            guard !unwired.isEmpty else { return }
            for hook in unwired {
                printError("\(hook) is a hook of your own, so it is left as it is; to check the calendar too, add this line to it: \(shellQuote(standalone)) || exit 1")
            }
            throw ExitCode(1)
        }

        private static let calendarLineSuffix = " || failed=1"

        static func hookScript(binary: String, calendars: [String]) -> String {
            """
            #!/bin/sh
            \(hookMarker)
            # Each calendar as staged for this commit (or merge commit), or as it is at the tip of
            # each branch pushed, must pass 'cadence check' from today on (past weeks are history): no errors,
            # and no unresolved merge conflict anywhere. Warnings do not stop it. (--no-verify skips it.)
            cadence=\(shellQuote(binary))
            if [ ! -x "$cadence" ]; then
                # The binary git-setup ran from is gone (moved, reinstalled, rebuilt elsewhere).
                if ! cadence=$(command -v cadence); then
                    echo "cadence: this hook runs \(binary.replacingOccurrences(of: "\"", with: "\\\"")), which is not there any more, and there is no cadence on PATH; run 'cadence git-setup --pre-commit' again with the cadence you use now. (git commit --no-verify commits without the check.)" >&2
                    exit 1
                fi
            fi
            # The calendar $1 where $where says: ":" (as staged) or "<commit>:" (as pushed).
            check() {
                git cat-file -e "$where$1" 2>/dev/null || return 0
                dir=$(mktemp -d) || exit 1
                name=$(basename "$1")
                git show "$where$1" > "$dir/$name" && report=$(cd "$dir" && "$cadence" check --from today --file "$name" 2>&1)
                status=$?
                rm -rf "$dir"
                [ $status -eq 0 ] && return 0
                echo "cadence: $1, $what, does not pass 'cadence check':" >&2
                printf '%s\\n' "$report" | grep -v -e '^warning ' -e '^$' | sed 's/^/    /' >&2
                return $status
            }
            check_all() {
            \(calendars.map { "check \($0)\(calendarLineSuffix)" }.joined(separator: "\n"))
            }
            failed=0
            if [ "$(basename "$0")" = pre-push ]; then
                # Each branch pushed: "<local ref> <local commit> <remote ref> <remote commit>".
                while read -r _ commit _ _; do
                    case "$commit" in *[!0]*) ;; *) continue ;; esac  # a deletion pushes nothing
                    where="$commit:"
                    what="in commit $(git rev-parse --short "$commit")"
                    check_all < /dev/null
                done
            else
                where=":"
                what="as staged"
                check_all
            fi
            if [ $failed -ne 0 ]; then
                if [ "$(basename "$0")" = pre-push ]; then
                    echo "cadence: the push is stopped. Fix the calendar, commit, and push again. (git push --no-verify pushes it as it is.)" >&2
                elif [ "$(basename "$0")" = pre-merge-commit ]; then
                    echo "cadence: the merge is not committed. Fix the calendar (cadence check; the planner or cadence resolve settles conflicts), git add it, then git commit. (git commit --no-verify commits it as it is.)" >&2
                else
                    echo "cadence: the commit is stopped. Fix the calendar, git add it and commit again. (git commit --no-verify commits it as it is.)" >&2
                fi
            fi
            exit $failed

            """
        }

        /// The calendars (as quoted for the shell) an installed Cadence hook checks, in this
        /// script's form or the earlier one-calendar form.
        static func hookCalendars(_ script: String) -> [String] {
            script.split(separator: "\n").compactMap { line -> String? in
                if line.hasPrefix("check "), line.hasSuffix(calendarLineSuffix) {
                    return String(line.dropFirst("check ".count).dropLast(calendarLineSuffix.count))
                }
                if line.hasPrefix("git cat-file -e :"), let end = line.range(of: " 2>/dev/null") {
                    return String(line[line.index(line.startIndex, offsetBy: "git cat-file -e :".count)..<end.lowerBound])
                }
                return nil
            }
        }
    }
}

/// A word for /bin/sh: quoted when it needs to be.
func shellQuote(_ s: String) -> String {
    s.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:@%".contains($0) } ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
