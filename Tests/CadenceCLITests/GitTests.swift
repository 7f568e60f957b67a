import Foundation
import Testing

/// A team of two on one calendar: a bare origin and two clones (alice, bob), each set up with
/// `cadence git-setup`, driven through git and the built binary.
struct Team {
    let origin: URL
    let alice: CLI
    let bob: CLI
    /// Ids of the two posts in the first commit.
    let first: String
    let second: String

    /// Without `bobSetsUp`, Bob's clone has the team's .gitattributes but never ran git-setup.
    init(preCommit: Bool = false, bobSetsUp: Bool = true) {
        origin = FileManager.default.temporaryDirectory.appendingPathComponent("cadence-origin-\(UUID().uuidString).git")
        alice = CLI()
        bob = CLI()
        Team.git(["init", "-q", "--bare", "-b", "main", origin.path], in: alice)
        for (cli, name) in [(alice, "Alice"), (bob, "Bob")] {
            Team.git(["clone", "-q", origin.path, "."], in: cli)
            Team.git(["config", "user.name", name], in: cli)
            Team.git(["config", "user.email", "\(name.lowercased())@example.com"], in: cli)
            Team.git(["config", "pull.rebase", "false"], in: cli)
        }
        precondition(alice.run("init", "--timezone", "Europe/Berlin").status == 0)
        first = alice.add("--channel", "facebook", "--at", "2026-11-21 09:00", "--title", "First", "--text", "One")
        second = alice.add("--channel", "twitter", "--at", "2026-11-21 10:00", "--title", "Second", "--text", "Two")
        precondition(alice.run("git-setup").status == 0)
        Team.git(["add", "-A"], in: alice)
        Team.git(["commit", "-q", "-m", "Start the calendar"], in: alice)
        Team.git(["push", "-q", "origin", "main"], in: alice)
        Team.git(["pull", "-q", "origin", "main"], in: bob)
        guard bobSetsUp else { return }
        let setup = preCommit ? bob.run("git-setup", "--pre-commit") : bob.run("git-setup")
        precondition(setup.status == 0, setup.stderr)
    }

    @discardableResult
    static func git(_ arguments: [String], in cli: CLI, path: String? = nil) -> CLI.Result {
        var extra = ["GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"]
        if let path { extra["PATH"] = path }
        return cli.run(URL(fileURLWithPath: "/usr/bin/env"), ["git"] + arguments, extra: extra)
    }

    /// Commits everything in a clone.
    func commit(_ cli: CLI, _ message: String) {
        Team.git(["add", "-A"], in: cli)
        let result = Team.git(["commit", "-q", "-m", message], in: cli)
        precondition(result.status == 0, result.stderr + result.stdout)
    }

    func push(_ cli: CLI) {
        let result = Team.git(["push", "-q", "origin", "main"], in: cli)
        precondition(result.status == 0, result.stderr)
    }

    func pull(_ cli: CLI) -> CLI.Result { Team.git(["pull", "--no-rebase", "origin", "main"], in: cli) }

    /// Edits the calendar file as text (a hand edit), for what the command line does not change.
    func editFile(_ cli: CLI, _ change: (String) -> String) {
        let text = cli.text()
        let changed = change(text)
        precondition(changed != text, "the edit changed nothing")
        cli.write("calendar.json", changed)
    }

    /// Bob renames the second post, commits, and pulls what Alice pushed.
    func bobEditsAndPulls(sourceLocation: SourceLocation = #_sourceLocation) -> CLI.Result {
        #expect(bob.run("update", second, "--title", "Bob's second").status == 0, sourceLocation: sourceLocation)
        commit(bob, "Bob edits")
        return pull(bob)
    }

    func titles(_ cli: CLI) -> Set<String> { Set(cli.listJSON().compactMap { $0["title"] as? String }) }
}

@Suite("Teams in git", .serialized)
struct GitTests {
    @Test func gitSetupSaysWhatItDidAndIsIdempotent() throws {
        let team = Team()
        let again = team.bob.run("git-setup")
        #expect(again.status == 0)
        #expect(again.stdout == """
            Already in .gitattributes: /calendar.json merge=cadence
            Already set in .git/config: merge.cadence.driver
            Already in .git/info/exclude: the recovery, lock and markers files
            Tip: 'cadence git-setup --pre-commit' also stops a commit while the calendar holds an unsettled merge conflict or an error

            """)
        // A clone set up before the markers file existed gets that line alone.
        let exclude = team.bob.path(".git/info/exclude")
        let lines = try String(contentsOfFile: exclude, encoding: .utf8)
        try lines.replacingOccurrences(of: "/calendar.json.markers*\n", with: "").write(toFile: exclude, atomically: true, encoding: .utf8)
        #expect(team.bob.run("git-setup").stdout.contains("Added to .git/info/exclude: calendar.json.markers*\n"))
        #expect(try String(contentsOfFile: exclude, encoding: .utf8).components(separatedBy: "/calendar.json.recovery*").count == 2, "nothing twice")
        #expect(String(decoding: team.bob.read(".gitattributes")!, as: UTF8.self) == "/calendar.json merge=cadence\n")
        let binary = CLI.binary.resolvingSymlinksInPath().path
        #expect(Team.git(["config", "merge.cadence.driver"], in: team.bob).stdout.hasPrefix("if [ -x \(binary) ]; then exec \(binary) merge-driver %O %A %B %P; fi;"))
        // Run by its bare name from PATH, git-setup still names the binary by its full path.
        let fresh = CLI()
        Team.git(["init", "-q", "-b", "main"], in: fresh)
        #expect(fresh.run("init").status == 0)
        fresh.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "cadence git-setup >/dev/null"], extra: ["PATH": CLI.binary.deletingLastPathComponent().path + ":/usr/bin:/bin"])
        #expect(Team.git(["config", "merge.cadence.driver"], in: fresh).stdout.hasPrefix("if [ -x \(binary) ]; then exec \(binary) merge-driver %O %A %B %P; fi;"))
        let outside = CLI()
        let refused = outside.run("git-setup")
        #expect(refused.status == 2)
        #expect(refused.stderr == "cadence: not inside a git repository (run 'git init' first, or cd into one)\n")
        let elsewhere = team.bob.run("git-setup", "--file", "plans.json")
        #expect(elsewhere.status == 0)
        #expect(elsewhere.stderr == "cadence: note: there is no plans.json yet; the setup is for that path (give --file for another calendar)\n")
    }

    @Test func aCloneThatNeverRanGitSetupIsToldSoBeforeGitMergesTheFileAsText() {
        let team = Team(bobSetsUp: false)
        let note = "this clone would merge calendar.json as text: run 'cadence git-setup' once here"
        let check = team.bob.run("check")
        #expect(check.status == 0)
        #expect(check.stderr.contains("cadence: note: " + note), "\(check.stderr)")
        #expect(!team.alice.run("check").stderr.contains(note), "Alice's clone has the driver")
        let tmux = TmuxSession(cli: team.bob)
        tmux.waitFor("This clone would merge calendar.json as text")
        tmux.keys("q")
        #expect(tmux.exitStatus() == 0)
        #expect(team.bob.run("git-setup").status == 0)
        #expect(team.bob.run("check").stderr.isEmpty)
    }

    @Test func twoClonesAddOnTheSameDayAndEditDifferentPostsThenMergeCleanly() throws {
        let team = Team()
        // Alice adds a post on Saturday and retitles the first post.
        team.alice.add("--channel", "facebook", "--at", "2026-11-21 12:00", "--title", "Alice's noon post")
        #expect(team.alice.run("update", team.first, "--title", "First, by Alice").status == 0)
        team.commit(team.alice, "Alice plans")
        team.push(team.alice)
        // Bob, on his clone, adds a post the same day and rewrites the second post's text.
        team.bob.add("--channel", "facebook", "--at", "2026-11-21 15:00", "--title", "Bob's afternoon post")
        #expect(team.bob.run("update", team.second, "--text", "Two, by Bob").status == 0)
        team.commit(team.bob, "Bob plans")
        let pull = team.pull(team.bob)
        #expect(pull.status == 0, "\(pull.stdout) \(pull.stderr)")
        #expect(team.titles(team.bob) == ["First, by Alice", "Second", "Alice's noon post", "Bob's afternoon post"])
        let second = team.bob.listJSON().first { $0["id"] as? String == team.second }
        #expect(second?["text"] as? String == "Two, by Bob")
        #expect(second?["changedBy"] as? String == "Bob")
        #expect(team.bob.listJSON().first { $0["id"] as? String == team.first }?["changedBy"] as? String == "Alice")
        let check = team.bob.run("check", "--format", "json")
        #expect(check.status != 2, "\(check.stderr)")
        #expect(check.stdout.contains("\"errors\"") && !check.stdout.contains("merge-conflict"))
        #expect(Team.git(["status", "--porcelain"], in: team.bob).stdout.isEmpty, "merged and committed by git")
        // The merged file is canonical: saving it again changes nothing.
        let merged = team.bob.read()
        #expect(team.bob.run("update", team.first, "--title", "First, by Alice").status == 0)
        let resaved = try #require(team.bob.read())
        let strip = { (data: Data) in String(decoding: data, as: UTF8.self).split(separator: "\n").filter { !$0.contains("\"changed") }.joined(separator: "\n") }
        #expect(strip(resaved) == strip(merged!))
        // And Alice gets it all back with a plain pull.
        team.push(team.bob)
        #expect(team.pull(team.alice).status == 0)
        #expect(team.titles(team.alice) == team.titles(team.bob))
    }

    /// Each planned a fine Tuesday; together it holds two posts at one minute. The merge is
    /// clean (both are kept), and the pull says what the two plans break together.
    @Test func aCleanMergeSaysWhatTheTwoPlansBreakTogether() {
        let team = Team()
        team.alice.add("--channel", "facebook", "--at", "2026-12-15 09:00", "--title", "Alice's Tuesday", "--status", "approved")
        team.commit(team.alice, "Alice plans Tuesday")
        team.push(team.alice)
        team.bob.add("--channel", "facebook", "--at", "2026-12-15 09:00", "--title", "Bob's Tuesday", "--status", "approved")
        #expect(team.bob.run("check", "--week", "2026-W51", "--strict").stdout.contains("spacing") == false, "fine alone")
        team.commit(team.bob, "Bob plans Tuesday")
        let pull = team.pull(team.bob)
        #expect(pull.status == 0, "\(pull.stdout) \(pull.stderr)")
        let said = pull.stdout + pull.stderr
        #expect(said.contains("cadence: calendar.json: the merged plan has a problem neither side had as it stands ('cadence check' lists every problem):"), "\(said)")
        // The two named in the order of their ids, which are random.
        let line = said.split(separator: "\n").first { $0.hasPrefix("  warning  Tue 15 Dec 2026 · Facebook: ") } ?? ""
        #expect(line.hasSuffix(" at 09:00 are 0 min apart, at least 1 h") && line.contains("“Alice's Tuesday” at 09:00") && line.contains("“Bob's Tuesday” at 09:00"), "\(said)")
        #expect(team.titles(team.bob).isSuperset(of: ["Alice's Tuesday", "Bob's Tuesday"]))
        // A merge that brings nothing new together says nothing of the kind.
        team.push(team.bob)
        team.alice.add("--channel", "twitter", "--at", "2026-12-16 09:00", "--title", "Tweet", "--status", "approved")
        team.commit(team.alice, "Alice tweets")
        let quiet = team.pull(team.alice)
        #expect(quiet.status == 0 && !(quiet.stdout + quiet.stderr).contains("the merged plan has"), "\(quiet.stdout) \(quiet.stderr)")
    }

    @Test func aTimeZoneMovedOnOneSideTakesTheOtherSidesPostsAtTheirWallClockTimes() throws {
        let team = Team()
        // Alice moves the calendar to New York; Bob, still in Berlin, plans a post at 08:30.
        #expect(team.alice.run("settings", "--timezone", "America/New_York").status == 0)
        team.commit(team.alice, "The team is in New York now")
        team.push(team.alice)
        team.bob.add("--channel", "twitter", "--at", "2026-12-15 08:30", "--title", "Bob's morning tweet")
        // And two tweets an hour apart in Berlin's repeated hour, and one at a time New York's
        // clocks skip: the merge cannot keep those as they were, and says so.
        team.bob.add("--channel", "twitter", "--at", "2027-10-31 02:30+02:00", "--title", "First 02:30", "--status", "approved")
        let second = team.bob.add("--channel", "twitter", "--at", "2027-10-31 02:30+01:00", "--title", "Second 02:30", "--status", "approved")
        let skipped = team.bob.add("--channel", "twitter", "--at", "2027-03-14 02:30", "--title", "Skipped in New York", "--status", "approved")
        team.commit(team.bob, "Bob plans")
        let pull = team.pull(team.bob)
        #expect(pull.status == 0, "\(pull.stdout) \(pull.stderr)")
        #expect(pull.stderr.contains("calendar.json: the time zone changed: post \(second) “Second 02:30” (2027-10-31 02:30 in Europe/Berlin) was the second of a time that happens twice; America/New_York has it once"), "\(pull.stderr)")
        #expect(pull.stderr.contains("calendar.json: the time zone changed: post \(skipped) “Skipped in New York” (2027-03-14 02:30 in Europe/Berlin) falls in a time the clocks of America/New_York skip: it is at 03:30 now"), "\(pull.stderr)")
        let posts = team.bob.listJSON()
        #expect(posts.first { $0["title"] as? String == "Bob's morning tweet" }?["time"] as? String == "08:30", "as Bob planned it, not 02:30")
        #expect(posts.first { $0["id"] as? String == team.first }?["time"] as? String == "09:00")
        #expect(team.bob.text().contains("\"timeZone\": \"America/New_York\""))
        #expect(!team.bob.run("check").stdout.contains("merge-conflict"))
    }

    @Test func theSameFieldEditedOnBothSidesIsAConflictThatCheckReportsAndThePlannerResolves() throws {
        let team = Team(preCommit: true)
        #expect(team.alice.run("update", team.first, "--title", "Alice's title").status == 0)
        team.commit(team.alice, "Alice retitles")
        team.push(team.alice)
        #expect(team.bob.run("update", team.first, "--title", "Bob's title").status == 0)
        team.commit(team.bob, "Bob retitles")
        let pull = team.pull(team.bob)
        #expect(pull.status != 0)
        #expect(pull.stdout.contains("CONFLICT") && pull.stdout.contains("calendar.json"))
        #expect(pull.stderr.contains("calendar.json: merged, with 1 conflict to resolve"))
        // The file is still a valid calendar, with both titles in it.
        let file = team.bob.text()
        #expect(!file.contains("<<<<<<<"))
        #expect(file.contains("\"ours\": \"Bob's title\"") && file.contains("\"theirs\": \"Alice's title\""))
        let check = team.bob.run("check")
        #expect(check.status == 1)
        #expect(check.stdout.contains("error    Sat 21 Nov 2026 09:00 · Facebook · “Bob's title”: merge conflict: title (Bob “Bob's title”, Alice “Alice's title”)  [merge-conflict]"))
        // The pre-commit hook will not let it be committed unresolved.
        Team.git(["add", "calendar.json"], in: team.bob)
        let blocked = Team.git(["commit", "-q", "--no-edit"], in: team.bob)
        #expect(blocked.status != 0)
        #expect((blocked.stdout + blocked.stderr).contains("merge conflict"))
        // Bob settles it in the planner: the cell's list, the post, take theirs, save.
        let tmux = TmuxSession(cli: team.bob)
        tmux.waitFor("[Week]")
        #expect(tmux.screen().contains("1 merge conflict (!)"))
        tmux.keys("Enter")
        tmux.waitFor("Sat 21 Nov 2026 · Facebook")
        tmux.keys("Enter")
        tmux.waitFor("Merge conflict · Sat 21 Nov 2026 09:00 · Facebook")
        let lines = tmux.screen().split(separator: "\n")
        #expect(lines.contains { $0.contains("m Bob:") && $0.contains("“Bob's title”") })
        #expect(lines.contains { $0.contains("t Alice:") && $0.contains("“Alice's title”") })
        #expect(lines.contains { $0.contains("m take Bob's") })
        tmux.keys("t")
        tmux.waitFor("Settled · no conflicts left")
        tmux.saveAndQuit()
        let settled = team.bob.run("check")
        #expect(settled.status == 0, "\(settled.stdout) \(settled.stderr)")
        #expect(!settled.stdout.contains("merge-conflict"))
        #expect(team.titles(team.bob).contains("Alice's title"))
        Team.git(["add", "calendar.json"], in: team.bob)
        let commit = Team.git(["commit", "-q", "--no-edit"], in: team.bob)
        #expect(commit.status == 0, "\(commit.stdout) \(commit.stderr)")
    }

    @Test func anUpdateSaysWhichConflictsItSettledAndWhatIsLeft() throws {
        let team = Team()
        #expect(team.alice.run("update", team.first, "--title", "Alice's title", "--text", "Alice's text").status == 0)
        team.commit(team.alice, "Alice rewrites")
        team.push(team.alice)
        #expect(team.bob.run("update", team.first, "--title", "Bob's title", "--text", "Bob's text").status == 0)
        team.commit(team.bob, "Bob rewrites")
        let pull = team.pull(team.bob)
        #expect(pull.stderr.contains("calendar.json: merged, with 1 conflict to resolve: run 'cadence check --file calendar.json' to see them, then settle them in the planner ('cadence --file calendar.json') or with 'cadence resolve' (--all --take mine or theirs, or post ids), then git add it"), "\(pull.stderr)")
        let title = team.bob.run("update", team.first, "--title", "Our title")
        #expect(title.stdout == """
            Updated \(team.first) “Our title”
              settled the merge conflict on title with the value given; still to settle: text (cadence resolve \(team.first) --take mine or theirs)

            """)
        // Giving the value the file holds now (Bob's own) settles it too: keep mine, said by hand.
        let text = team.bob.run("update", team.first, "--text", "Bob's text")
        #expect(text.stdout == "Updated \(team.first) “Our title”\n  settled the merge conflict on text with the value given\n")
        #expect(team.bob.text().contains("Bob's text"))
        #expect(team.bob.run("check").status == 0)
        #expect(team.bob.run("update", team.first, "--text", "Plain edit").stdout == "Updated \(team.first) “Our title”\n", "no conflict, no word of one")
    }

    @Test func inARebaseMineIsStillTheOwnEdit() throws {
        let team = Team()
        #expect(team.alice.run("update", team.first, "--title", "Alice's title").status == 0)
        team.editFile(team.alice) { $0.replacingOccurrences(of: "\"name\": \"Content calendar\"", with: "\"name\": \"Alice's plan\"") }
        team.commit(team.alice, "Alice retitles")
        team.push(team.alice)
        #expect(team.bob.run("update", team.first, "--title", "Bob's title").status == 0)
        team.editFile(team.bob) { $0.replacingOccurrences(of: "\"name\": \"Content calendar\"", with: "\"name\": \"Bob's plan\"") }
        team.commit(team.bob, "Bob retitles")
        // Git swaps the sides in a rebase: Bob's own commit is the one replayed onto Alice's.
        let pull = Team.git(["pull", "--rebase", "origin", "main"], in: team.bob)
        #expect(pull.status != 0)
        #expect(pull.stderr.contains("calendar.json: merged, with 2 conflicts to resolve"), "\(pull.stdout) \(pull.stderr)")
        let file = team.bob.text()
        #expect(file.contains("\"ours\": \"Bob's title\"") && file.contains("\"theirs\": \"Alice's title\""))
        #expect(file.contains("\"ours\": \"Bob's plan\"") && file.contains("\"theirs\": \"Alice's plan\""))
        let check = team.bob.run("check")
        #expect(check.stdout.contains("merge conflict: title (Bob “Bob's title”, Alice “Alice's title”)"), "\(check.stdout)")
        // Mine is Bob's, as it would be in a merge.
        let settings = team.bob.run("resolve", "--settings", "--take", "mine")
        #expect(settings.status == 0, "\(settings.stderr)")
        let post = team.bob.run("resolve", team.first, "--take", "mine")
        #expect(post.status == 0, "\(post.stderr)")
        #expect(team.titles(team.bob).contains("Bob's title"))
        #expect(team.bob.text().contains("\"name\": \"Bob's plan\""))
        Team.git(["add", "calendar.json"], in: team.bob)
        let done = team.bob.run(URL(fileURLWithPath: "/usr/bin/env"), ["git", "-c", "core.editor=true", "rebase", "--continue"], extra: ["GIT_CONFIG_NOSYSTEM": "1"])
        #expect(done.status == 0, "\(done.stdout) \(done.stderr)")
        #expect(Team.git(["log", "--format=%s", "-2"], in: team.bob).stdout == "Bob retitles\nAlice retitles\n")
    }

    @Test func inAStashPopMineIsStillTheOwnEdit() throws {
        let team = Team()
        #expect(team.alice.run("update", team.first, "--title", "Alice's title").status == 0)
        team.commit(team.alice, "Alice retitles")
        team.push(team.alice)
        // Bob's edit is not committed: he puts it aside, pulls, and takes it back.
        #expect(team.bob.run("update", team.first, "--title", "Bob's title").status == 0)
        Team.git(["stash", "-q"], in: team.bob)
        #expect(team.pull(team.bob).status == 0)
        let pop = Team.git(["stash", "pop"], in: team.bob)
        #expect(pop.status != 0)
        #expect(team.bob.text().contains("\"ours\": \"Bob's title\"") && team.bob.text().contains("\"theirs\": \"Alice's title\""), "git passes the stash as THEIRS")
        let mine = team.bob.run("resolve", "--all", "--take", "mine")
        #expect(mine.status == 0, "\(mine.stderr)")
        #expect(mine.stdout.hasPrefix("Settled \(team.first) “Bob's title” with Bob: title\n"), "named as it is once settled: \(mine.stdout)")
        #expect(team.titles(team.bob).contains("Bob's title"))
    }

    @Test func aDeletionAgainstAnEditKeepsThePostAsAConflict() throws {
        let team = Team()
        #expect(team.alice.run("remove", team.second).status == 0)
        team.commit(team.alice, "Alice drops the second post")
        team.push(team.alice)
        #expect(team.bob.run("update", team.second, "--text", "Bob still wants it").status == 0)
        team.commit(team.bob, "Bob edits it")
        #expect(team.pull(team.bob).status != 0)
        let post = team.bob.listJSON().first { $0["id"] as? String == team.second }
        #expect(post?["text"] as? String == "Bob still wants it")
        let check = team.bob.run("check")
        #expect(check.status == 1)
        #expect(check.stdout.contains("“Second”: merge conflict: the side Bob merged in deleted it, and it was changed by Bob"))
        #expect(team.bob.run("list").stdout.contains("Second  (!) merge conflict"))
        // Settled from the command line: Bob keeps his edit.
        #expect(team.bob.run("resolve", team.first, "--take", "mine").stderr.contains("has no merge conflict"))
        let resolve = team.bob.run("resolve", team.second, "--take", "mine")
        #expect(resolve.status == 0, "\(resolve.stderr)")
        #expect(resolve.stdout == """
            Settled \(team.second) “Second” with Bob: kept, though deleted on the side Bob merged in
            No merge conflicts left: check the plan ('cadence check'), then git add calendar.json

            """)
        #expect(team.bob.run("check").status == 0)
        #expect(team.bob.listJSON().first { $0["id"] as? String == team.second }?["text"] as? String == "Bob still wants it")
        team.commit(team.bob, "Merge, keeping the second post")
        #expect(team.bob.run("resolve", "--all", "--take", "theirs").stdout == "No merge conflicts to settle in calendar.json\n")
    }

    /// A clone without the driver committed git's text-merge markers: the message says so,
    /// and offers no checkout, which cannot mend a commit.
    @Test func aSideCommittedWithConflictMarkersIsNamedSo() throws {
        let team = Team(preCommit: false)
        team.editFile(team.alice) { "<<<<<<< HEAD\n" + $0 + "=======\n" + $0 + ">>>>>>> other\n" }
        team.commit(team.alice, "Alice commits a text merge as it was")
        team.push(team.alice)
        let pull = team.bobEditsAndPulls()
        #expect(pull.status != 0)
        #expect(pull.stderr.contains("their version could not be read: MERGE_HEAD:calendar.json holds the conflict markers of a merge git made line by line, committed as they were"), "\(pull.stderr)")
        #expect(!pull.stderr.contains("checkout -m"))
    }

    @Test func aSideThatCannotBeReadIsRecordedNotLost() throws {
        let team = Team(preCommit: true)
        team.editFile(team.alice) { $0.replacingOccurrences(of: "\"title\": \"First\",", with: "\"title\": \"First\",,") }
        team.commit(team.alice, "Alice breaks the file")
        team.push(team.alice)
        let pull = team.bobEditsAndPulls()
        #expect(pull.status != 0)
        #expect(pull.stderr.contains("calendar.json: their version could not be read: MERGE_HEAD:calendar.json:"), "the line and column of what git show MERGE_HEAD:calendar.json shows: \(pull.stderr)")
        let check = team.bob.run("check")
        #expect(check.status == 1)
        #expect(check.stdout.contains("Settings · file: merge conflict: their version could not be read"))
        Team.git(["add", "calendar.json"], in: team.bob)
        let blocked = Team.git(["commit", "-q", "--no-edit"], in: team.bob)
        #expect(blocked.status != 0, "the hook stops it")
        #expect((blocked.stdout + blocked.stderr).contains("merge conflict"))
        // The side that is not in the file cannot be taken.
        let missing = team.bob.run("resolve", "--settings", "--take", "theirs")
        #expect(missing.status == 2 && missing.stderr.contains("cannot be taken: that version is not in the file"), "\(missing.stderr)")
        // Once someone has looked, settling it says what it means.
        let settled = team.bob.run("resolve", "--settings", "--take", "mine")
        #expect(settled.stdout.hasPrefix("Settled: the version that could not be read stays out; the file is the version that could\n"), "\(settled.stdout)")
        #expect(team.bob.run("check").status == 0)
    }

    @Test func sidesThatMakeAnInvalidCalendarTogetherAreRecordedNotLost() throws {
        let team = Team(preCommit: true)
        // Alice wants at least three Facebook posts a day, Bob at most two: each valid alone.
        team.editFile(team.alice) { $0.replacingOccurrences(of: "\"max\": 5,\n          \"min\": 1", with: "\"max\": 5,\n          \"min\": 3") }
        #expect(team.alice.run("add", "--channel", "linkedin", "--at", "2026-11-24 09:00", "--title", "Alice's launch").status == 0)
        team.commit(team.alice, "Alice")
        team.push(team.alice)
        team.editFile(team.bob) { $0.replacingOccurrences(of: "\"max\": 5,\n          \"min\": 1", with: "\"max\": 2,\n          \"min\": 1") }
        team.commit(team.bob, "Bob")
        let pull = team.pull(team.bob)
        #expect(pull.status != 0)
        #expect(pull.stderr.contains("max (2) is below min (3); their changes to the settings are not in it, and the file says so"), "\(pull.stderr)")
        #expect(!pull.stderr.contains("merge:"), "no line and column of a file that is not there: \(pull.stderr)")
        let check = team.bob.run("check")
        #expect(check.status == 1)
        #expect(check.stdout.contains("Settings · merge: merge conflict: their changes to the settings could not be merged into a valid calendar"), "\(check.stdout)")
        #expect(check.stdout.contains("they are not in this file, their posts are"))
        #expect(team.titles(team.bob).contains("Alice's launch"), "Alice's post came in with the merge")
        #expect(check.stdout.contains("git show MERGE_HEAD:calendar.json"))
        Team.git(["add", "calendar.json"], in: team.bob)
        let blocked = Team.git(["commit", "-q", "--no-edit"], in: team.bob)
        #expect(blocked.status != 0, "the hook stops it: Alice's rule is not in the file")
        #expect(team.bob.run("resolve", "--settings", "--take", "theirs").status == 2)
        // Bob decides on the rule (Alice's minimum of three is left out), then settles it.
        let settled = team.bob.run("resolve", "--settings", "--take", "mine")
        #expect(settled.stdout.hasPrefix("Settled: the changes that could not be merged stay out; the file is Bob's side\n"), "\(settled.stdout)")
        #expect(team.bob.run("check").status == 0)
    }

    @Test func theHookChecksWhatIsStagedAndGitTextMergesGetAHint() throws {
        let team = Team(preCommit: true)
        #expect(team.bob.run("add", "--channel", "instagram", "--at", "2026-11-21 12:00", "--title", "No picture").status == 0)
        Team.git(["add", "calendar.json"], in: team.bob)
        // Fixed in the working file only: what would be committed still breaks a rule.
        let id = team.bob.listJSON().first { $0["title"] as? String == "No picture" }!["id"] as! String
        #expect(team.bob.run("update", id, "--media", "img/a.jpg").status == 0)
        let blocked = Team.git(["commit", "-q", "-m", "x"], in: team.bob)
        #expect(blocked.status != 0)
        #expect((blocked.stdout + blocked.stderr).contains("no image or video"))
        #expect(!(blocked.stdout + blocked.stderr).contains("warning "), "only what stops the commit is shown")
        team.commit(team.bob, "With the picture")
        // An error in a past week is history: it does not stop a commit (now is 21 Nov 2026).
        #expect(team.bob.run("add", "--channel", "instagram", "--at", "2026-10-06 12:00", "--title", "Old, no picture").status == 0)
        #expect(team.bob.run("check").status == 1)
        Team.git(["add", "calendar.json"], in: team.bob)
        let past = Team.git(["commit", "-q", "-m", "An old post"], in: team.bob)
        #expect(past.status == 0, "\(past.stdout) \(past.stderr)")
        // A clone without git-setup merges as text; Cadence says how to merge it by meaning.
        team.bob.write("calendar.json", "<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> other\n")
        #expect(team.bob.run("list").stderr.contains("the file holds git's conflict markers (git merged it as text): while the merge is on, run 'cadence git-setup', then 'git checkout -m calendar.json' to merge it by meaning; once they are committed, 'cadence resolve --markers --take mine' (or theirs) rebuilds one side"))
    }

    @Test func aMergeDriverWhoseBinaryIsGoneFallsBackNeverDroppingTheirSide() throws {
        let team = Team()
        // Bob set up with a cadence that is later removed (moved, reinstalled, rebuilt elsewhere).
        let gone = FileManager.default.temporaryDirectory.appendingPathComponent("cadence-gone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: gone, withIntermediateDirectories: true)
        let copy = gone.appendingPathComponent("cadence")
        try FileManager.default.copyItem(at: CLI.binary, to: copy)
        #expect(team.bob.run(copy, ["git-setup"]).stdout.contains("Set in .git/config: merge.cadence.driver, which runs \(copy.path) merge-driver"))
        try FileManager.default.removeItem(at: gone)
        func alicePushesAndBobPulls(_ round: Int, path: String) -> CLI.Result {
            #expect(team.alice.run("add", "--channel", "twitter", "--at", "2026-11-24 1\(round):00", "--title", "Alice's tweet \(round)").status == 0)
            team.commit(team.alice, "Alice adds \(round)")
            team.push(team.alice)
            #expect(team.bob.run("add", "--channel", "twitter", "--at", "2026-11-24 1\(round):30", "--title", "Bob's tweet \(round)").status == 0)
            team.commit(team.bob, "Bob adds \(round)")
            return Team.git(["pull", "--no-rebase", "origin", "main"], in: team.bob, path: path)
        }
        // With a cadence on PATH, that one merges by meaning: both posts are kept.
        let onPath = alicePushesAndBobPulls(1, path: CLI.binary.deletingLastPathComponent().path + ":/usr/bin:/bin")
        #expect(onPath.status == 0, "\(onPath.stdout) \(onPath.stderr)")
        #expect(team.titles(team.bob).contains("Alice's tweet 1") && team.titles(team.bob).contains("Bob's tweet 1"))
        // With none at all, git's text merge marks the file, and says what to do: their side is
        // in the file to be seen, not silently dropped as a driver that cannot start leaves it.
        let none = alicePushesAndBobPulls(2, path: "/usr/bin:/bin")
        #expect(none.status != 0)
        #expect(none.stderr.contains("cadence: the merge driver (\(copy.path)) is not there any more, and there is no cadence on PATH; git merged calendar.json as text: run 'cadence git-setup' again"), "\(none.stderr)")
        let marked = team.bob.text()
        #expect(marked.contains("<<<<<<< ours") && marked.contains("Alice's tweet 2") && marked.contains("Bob's tweet 2"), "\(marked)")
        #expect(team.bob.run("check").status == 2, "the marked file is explained, never taken for a plan")
        // Taking one side now would drop the other's posts: refused while git is merging.
        let taking = team.bob.run("resolve", "--markers", "--take", "mine")
        #expect(taking.status == 2)
        #expect(taking.stderr.contains("git is still merging calendar.json: run 'cadence git-setup' (once per clone), then 'git checkout -m calendar.json'"), "\(taking.stderr)")
        #expect(team.bob.text() == marked)
        // Set up again, git merges it by meaning.
        #expect(team.bob.run("git-setup").status == 0)
        let remerged = Team.git(["checkout", "-m", "calendar.json"], in: team.bob)
        #expect(remerged.status == 0, "\(remerged.stdout) \(remerged.stderr)")
        #expect(team.bob.run("check").status == 0)
        #expect(team.titles(team.bob).contains("Alice's tweet 2") && team.titles(team.bob).contains("Bob's tweet 2"))
    }

    @Test func markersCommittedByAMergeAsTextAreRebuiltFromTheSideTaken() throws {
        let team = Team()
        // Bob's clone lost the merge driver: the next pull merges the calendar as text.
        Team.git(["config", "--remove-section", "merge.cadence"], in: team.bob)
        #expect(team.alice.run("update", team.first, "--title", "Alice's first").status == 0)
        team.commit(team.alice, "Alice renames")
        team.push(team.alice)
        #expect(team.bob.run("update", team.first, "--title", "Bob's first").status == 0)
        team.commit(team.bob, "Bob renames")
        #expect(team.pull(team.bob).status != 0, "a text conflict")
        team.commit(team.bob, "Merged (markers and all)")
        let marked = team.bob.text()
        #expect(marked.contains("<<<<<<< HEAD"))
        #expect(team.bob.run("list").status == 2, "no command reads it")
        // No merge is in progress any more: Cadence rebuilds the side asked for.
        // The merge that committed them still has both sides: they are merged by meaning, and
        // what both changed (the title) is settled with the side asked for.
        let rebuilt = team.bob.run("resolve", "--markers", "--take", "theirs")
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.hasPrefix("Merged by meaning the two sides of commit "), "\(rebuilt.stdout)")
        #expect(rebuilt.stdout.contains(", which committed git's markers: the posts of both are kept, each with its own fields; the file as it was is in calendar.json.markers, to compare\n"), "\(rebuilt.stdout)")
        #expect(rebuilt.stdout.contains("settled with theirs (the side marked >>>>>>> in "), "\(rebuilt.stdout)")
        #expect(rebuilt.stdout.contains("with Alice: title"), "\(rebuilt.stdout)")
        #expect(team.titles(team.bob) == ["Alice's first", "Second"])
        #expect(team.bob.text("calendar.json.markers") == marked, "the marked file is kept")
        // A file without markers is refused, unchanged.
        let before = team.bob.text()
        let none = team.bob.run("resolve", "--markers", "--take", "mine")
        #expect(none.status == 2 && none.stderr.contains("holds no git conflict markers"), "\(none.stderr)")
        #expect(team.bob.text() == before)
    }

    @Test func postsOnlyTheOtherSideOfTheMarkersHasAreKeptAndNamed() throws {
        let team = Team()
        Team.git(["config", "--remove-section", "merge.cadence"], in: team.bob)
        team.alice.add("--channel", "facebook", "--at", "2026-12-04 12:00", "--title", "Alice Fri", "--status", "approved")
        team.commit(team.alice, "Alice plans Friday")
        team.push(team.alice)
        team.bob.add("--channel", "facebook", "--at", "2026-12-04 12:00", "--title", "Bob Fri", "--status", "approved")
        team.commit(team.bob, "Bob plans Friday")
        #expect(team.pull(team.bob).status != 0, "a text conflict")
        team.commit(team.bob, "Merged (markers and all)")
        let marked = team.bob.text()
        #expect(marked.contains("<<<<<<< HEAD"))
        // Markers touched since the merge committed them (a space here): only the lines are
        // left to go by. Mine is Bob's side; Alice's post, on the other, is kept and named.
        team.bob.write("calendar.json", marked.replacingOccurrences(of: "{\n", with: "{ \n"))
        let rebuilt = team.bob.run("resolve", "--markers", "--take", "mine")
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.hasPrefix("Took mine (the lines marked <<<<<<< HEAD)"), "\(rebuilt.stdout)")
        #expect(rebuilt.stdout.contains("Kept 1 post only theirs had (added on their side, or deleted on yours; 'cadence remove ID' if it was meant to go):\n"), "\(rebuilt.stdout)")
        #expect(rebuilt.stdout.contains("Fri 4 Dec 2026 12:00 · Facebook · “Alice Fri”"), "\(rebuilt.stdout)")
        #expect(Set(team.titles(team.bob)).isSuperset(of: ["Alice Fri", "Bob Fri"]))
        // The markers as the merge committed them: its two sides are merged by meaning instead.
        team.bob.write("calendar.json", marked)
        let merged = team.bob.run("resolve", "--markers", "--take", "mine")
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.hasPrefix("Merged by meaning the two sides of commit "), "\(merged.stdout)")
        #expect(Set(team.titles(team.bob)).isSuperset(of: ["Alice Fri", "Bob Fri"]))
        #expect(team.bob.run("check").status != 2)
    }

    @Test func aSideOfTheMarkersThatIsNoCalendarIsRefusedAndNothingWritten() {
        let cli = CLI.withCalendar()
        let valid = cli.text()
        // Theirs is cut short: taking it gives no calendar.
        let marked = "<<<<<<< HEAD\n" + valid + "=======\n{\n>>>>>>> other\n"
        cli.write("calendar.json", marked)
        cli.write("calendar.json.markers", "an earlier marked file")
        let refused = cli.run("resolve", "--markers", "--take", "theirs")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("theirs of every marked block does not give a valid calendar"), "\(refused.stderr)")
        let markedLines = marked.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(refused.stderr.contains("calendar.json:\(markedLines):"), "named by the marked file's own line: \(refused.stderr)")
        #expect(cli.text() == marked, "nothing was written")
        let mine = cli.run("resolve", "--markers", "--take", "mine")
        #expect(mine.stdout.contains("the file as it was is in calendar.json.markers.2"))
        // What theirs alone had cannot be looked at: said, not passed over.
        #expect(mine.stdout.contains("Could not read theirs ("), "\(mine.stdout)")
        #expect(mine.stdout.contains("posts only it had are not in the file; compare with calendar.json.markers.2"), "\(mine.stdout)")
        #expect(cli.text() == valid)
        #expect(cli.text("calendar.json.markers") == "an earlier marked file", "an earlier marked file stays")
        // An unfinished block is named by its line.
        cli.write("calendar.json", valid + "<<<<<<< HEAD\n")
        let unfinished = cli.run("resolve", "--markers", "--take", "mine")
        #expect(unfinished.stderr.contains("the conflict block that starts here ('<<<<<<<') never ends"), "\(unfinished.stderr)")
    }

    @Test func aHookWhoseCadenceIsGoneSaysSoAndFindsOneOnThePath() throws {
        let team = Team()
        // Bob sets up the hooks from a cadence that he later removes (a build folder cleaned).
        let old = team.bob.path("old-bin/cadence")
        try FileManager.default.createDirectory(atPath: team.bob.path("old-bin"), withIntermediateDirectories: true)
        // Copied by cp, not here: a file this process has open for writing can be inherited by
        // a program another test starts at that moment, and then it cannot run ("text file busy").
        #expect(team.bob.run(URL(fileURLWithPath: "/bin/cp"), [CLI.binary.path, old]).status == 0)
        #expect(team.bob.run(URL(fileURLWithPath: old), ["git-setup", "--pre-commit"]).status == 0)
        try FileManager.default.removeItem(atPath: team.bob.path("old-bin"))
        #expect(team.bob.run("add", "--channel", "twitter", "--at", "2026-11-25 10:00", "--title", "Fine").status == 0)
        Team.git(["add", "calendar.json"], in: team.bob)
        let blocked = Team.git(["commit", "-q", "-m", "x"], in: team.bob)
        #expect(blocked.status != 0)
        let said = blocked.stdout + blocked.stderr
        #expect(said.contains("cadence: this hook runs \(old), which is not there any more, and there is no cadence on PATH; run 'cadence git-setup --pre-commit' again"), "\(said)")
        #expect(!said.contains("does not pass"), "the calendar is not blamed")
        // With a cadence on PATH, the hook checks with that one.
        let bin = team.bob.path("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/cadence", withDestinationPath: CLI.binary.path)
        let path = ["PATH": "\(bin):/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1"]
        #expect(team.bob.run("add", "--channel", "instagram", "--at", "2026-11-26 12:00", "--title", "No picture").status == 0)
        Team.git(["add", "calendar.json"], in: team.bob)
        let checked = team.bob.run(URL(fileURLWithPath: "/usr/bin/env"), ["git", "commit", "-q", "-m", "y"], extra: path)
        #expect(checked.status != 0 && (checked.stdout + checked.stderr).contains("no image or video"), "\(checked.stderr)")
    }

    @Test func aCleanMergeThatBreaksARuleIsNotCommittedAndSaysWhy() throws {
        let team = Team(preCommit: true)
        // Each adds one humour post to the same week: both fine alone, two together.
        #expect(team.alice.run("add", "--channel", "facebook", "--at", "2026-12-08 10:00", "--title", "Alice's joke", "--category", "humour").status == 0)
        team.commit(team.alice, "Alice's joke")
        team.push(team.alice)
        #expect(team.bob.run("add", "--channel", "facebook", "--at", "2026-12-09 10:00", "--title", "Bob's joke", "--category", "humour").status == 0)
        team.commit(team.bob, "Bob's joke")
        let pull = Team.git(["pull", "--no-rebase", "--no-edit", "origin", "main"], in: team.bob)
        #expect(pull.status != 0, "the merge stops before its commit")
        let said = pull.stdout + pull.stderr
        #expect(said.contains("cadence: calendar.json, as staged, does not pass 'cadence check':"))
        #expect(said.contains("2 posts in Humour, at most 1 a week"))
        #expect(said.contains("cadence: the merge is not committed."))
        #expect(team.titles(team.bob).isSuperset(of: ["Alice's joke", "Bob's joke"]), "both edits are in the working file")
        // Bob moves his joke to the next week; the merge commits.
        let id = team.bob.listJSON().first { $0["title"] as? String == "Bob's joke" }!["id"] as! String
        #expect(team.bob.run("update", id, "--at", "2026-12-16 10:00").status == 0)
        team.commit(team.bob, "Merge, one joke a week")
        #expect(Team.git(["log", "-1", "--format=%P"], in: team.bob).stdout.split(separator: " ").count == 2, "a merge commit")
    }

    @Test func gitSetupSaysSoWhenAnotherAttributeLineOverridesItsOwn() throws {
        let team = Team()
        team.bob.write(".gitattributes", "/calendar.json merge=cadence\n*.json -merge\n")
        let setup = team.bob.run("git-setup")
        #expect(setup.status == 2)
        #expect(setup.stderr == "cadence: git still reads 'merge: unset' for calendar.json: another line in .gitattributes or .git/info/attributes overrides '/calendar.json merge=cadence'; remove it, then run git-setup again\n")
    }

    @Test func aRebaseThatBreaksARuleIsNotPushed() throws {
        // Each adds a humour post to the same week: fine alone, two too many together. A rebase
        // runs no commit hook; the push is where it is caught.
        let team = Team(preCommit: true)
        #expect(team.alice.run("git-setup", "--pre-commit").status == 0)
        #expect(team.alice.run("add", "--channel", "facebook", "--at", "2026-11-24 12:00", "--title", "Alice's joke", "--category", "humour").status == 0)
        team.commit(team.alice, "Alice's joke")
        team.push(team.alice)
        #expect(team.bob.run("add", "--channel", "facebook", "--at", "2026-11-26 12:00", "--title", "Bob's joke", "--category", "humour").status == 0)
        team.commit(team.bob, "Bob's joke")
        #expect(Team.git(["pull", "--rebase", "origin", "main"], in: team.bob).status == 0)
        let push = Team.git(["push", "origin", "main"], in: team.bob)
        #expect(push.status != 0)
        #expect(push.stderr.contains("cadence: calendar.json, in commit "), "\(push.stderr)")
        #expect(push.stderr.contains("Humour, at most 1 a week") && push.stderr.contains("cadence: the push is stopped"), "\(push.stderr)")
    }

    @Test func aHookOfTheUsersOwnIsLeftAloneAndGetsTheLineToAdd() throws {
        let team = Team()
        let bob = team.bob
        let own = "#!/bin/sh\necho lint >&2\n"
        bob.write(".git/hooks/pre-commit", own)
        chmod(bob.path(".git/hooks/pre-commit"), 0o755)
        let setup = bob.run("git-setup", "--pre-commit")
        #expect(setup.status == 1)
        #expect(setup.stdout.contains("Installed the pre-merge-commit, pre-push and cadence-check hooks: commits (merge commits too) and pushes stop while"))
        let hooks = bob.path(".git/hooks")
        #expect(setup.stderr == "cadence: \(hooks)/pre-commit is a hook of your own, so it is left as it is; to check the calendar too, add this line to it: \(hooks)/cadence-check || exit 1\n")
        #expect(bob.text(".git/hooks/pre-commit") == own)
        // The line commented out runs nothing: still not wired.
        bob.write(".git/hooks/pre-commit", own + "# \(hooks)/cadence-check || exit 1\n")
        #expect(bob.run("git-setup", "--pre-commit").status == 1)
        #expect(bob.run("git-setup").stdout.contains("Tip: 'cadence git-setup --pre-commit'"))
        // With the line added, the user's hook stops a commit that breaks a rule.
        bob.write(".git/hooks/pre-commit", own + "\(hooks)/cadence-check || exit 1\n")
        chmod(bob.path(".git/hooks/pre-commit"), 0o755)
        let id = bob.add("--channel", "instagram", "--at", "2026-11-21 12:00", "--title", "No picture")
        Team.git(["add", "-A"], in: bob)
        let blocked = Team.git(["commit", "-q", "-m", "x"], in: bob)
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("lint") && blocked.stderr.contains("no image or video"))
        #expect(bob.run("update", id, "--media", "img/a.jpg").status == 0)
        team.commit(bob, "Clean")
        let again = bob.run("git-setup", "--pre-commit")
        #expect(again.status == 0 && again.stdout.contains("Already installed: the pre-merge-commit, pre-push and cadence-check hooks"), "the hook runs the check now")
        #expect(again.stderr.isEmpty)
    }

    @Test func aSecondCalendarJoinsTheHookInsteadOfReplacingIt() throws {
        let team = Team(preCommit: true)
        let bob = team.bob
        try FileManager.default.createDirectory(atPath: bob.path("plans"), withIntermediateDirectories: true)
        #expect(bob.run("init", "--file", "plans/team.json", "--timezone", "Europe/Berlin").status == 0)
        let setup = bob.run("git-setup", "--pre-commit", "--file", "plans/team.json")
        #expect(setup.status == 0, "\(setup.stderr)")
        #expect(setup.stdout.contains("Installed the pre-commit, pre-merge-commit and pre-push hooks: commits (merge commits too) and pushes stop while 'cadence check' finds an error from today on, or a merge conflict, in calendar.json, plans/team.json"))
        #expect(bob.run("git-setup", "--pre-commit", "--file", "plans/team.json").stdout.contains("Already installed: the pre-commit, pre-merge-commit and pre-push hooks"))
        #expect(bob.run("git-setup", "--pre-commit").stdout.contains("Already installed: the pre-commit, pre-merge-commit and pre-push hooks"))
        // Both are checked: an error in either stops the commit.
        for file in ["calendar.json", "plans/team.json"] {
            let id = bob.add("--file", file, "--channel", "instagram", "--at", "2026-11-21 12:00", "--title", "No picture")
            Team.git(["add", "-A"], in: bob)
            let blocked = Team.git(["commit", "-q", "-m", "x"], in: bob)
            #expect(blocked.status != 0, "\(file)")
            #expect((blocked.stdout + blocked.stderr).contains("no image or video"), "\(file)")
            #expect(bob.run("update", "--file", file, id, "--media", "img/a.jpg").status == 0)
        }
        team.commit(bob, "Both calendars clean")
    }

    @Test func channelsCategoriesAndRulesChangedOnBothSidesMerge() throws {
        let team = Team()
        team.editFile(team.alice) {
            $0.replacingOccurrences(of: "\"name\": \"Twitter\"", with: "\"name\": \"X\"")
                .replacingOccurrences(of: "\"max\": 5,\n          \"min\": 1", with: "\"max\": 4,\n          \"min\": 1")
        }
        team.commit(team.alice, "Alice: X, and at most 4 on Facebook")
        team.push(team.alice)
        team.editFile(team.bob) {
            $0.replacingOccurrences(of: "\"name\": \"Content calendar\"", with: "\"name\": \"Acme Coffee\"")
                .replacingOccurrences(of: "{\n      \"id\": \"humour\",\n      \"name\": \"Humour\"\n    }", with: "{\n      \"id\": \"humour\",\n      \"name\": \"Humour\"\n    },\n    {\n      \"id\": \"events\",\n      \"name\": \"Events\"\n    }")
        }
        #expect(team.bob.run("channels").status == 0, "Bob's hand edit is a valid calendar")
        team.commit(team.bob, "Bob: a name and an events category")
        let pull = team.pull(team.bob)
        #expect(pull.status == 0, "\(pull.stdout) \(pull.stderr)")
        let channels = team.bob.run("channels").stdout
        #expect(channels.contains("twitter  X  (network: X (Twitter))"))
        #expect(channels.contains("posts-per-day      1–4 a day"))
        #expect(team.bob.text().contains("\"name\": \"Acme Coffee\""))
        #expect(team.bob.add("--channel", "facebook", "--title", "Meetup", "--category", "events").count == 10)
        // The same channel renamed two ways is a settings conflict, reported by check.
        team.editFile(team.alice) { $0.replacingOccurrences(of: "\"name\": \"Facebook\"", with: "\"name\": \"Facebook page\"") }
        team.commit(team.alice, "Alice renames Facebook")
        team.push(team.alice)
        team.commit(team.bob, "Bob adds a meetup")
        team.editFile(team.bob) { $0.replacingOccurrences(of: "\"name\": \"Facebook\"", with: "\"name\": \"FB\"") }
        team.commit(team.bob, "Bob renames Facebook")
        #expect(team.pull(team.bob).status != 0)
        let check = team.bob.run("check")
        #expect(check.stdout.contains("Settings · channel facebook › name: merge conflict: Bob's side “FB”, the side Bob merged in “Facebook page”"))
        let resolve = team.bob.run("resolve", "--settings", "--take", "theirs")
        #expect(resolve.stdout.hasPrefix("Settled channel facebook › name with the side Bob merged in\n"), "\(resolve.stdout) \(resolve.stderr)")
        #expect(team.bob.run("channels").stdout.contains("facebook  Facebook page"))
        #expect(!team.bob.run("check").stdout.contains("merge-conflict"))
    }

    @Test func aChannelDeletedOnOneSideButUsedOnTheOtherIsKeptAndResolveSaysSo() throws {
        let team = Team()
        team.editFile(team.alice) {
            $0.replacingOccurrences(of: ",\n    {\n      \"id\": \"linkedin\",\n      \"name\": \"LinkedIn\",\n      \"network\": \"linkedin\",\n      \"postingTimes\": [\"08:00\", \"12:00\"],\n      \"rules\": {}\n    }", with: "")
                .replacingOccurrences(of: "\"name\": \"Instagram\"", with: "\"name\": \"IG\"")
        }
        #expect(!team.alice.run("channels").stdout.contains("linkedin"), "Alice's edit took the channel out")
        team.commit(team.alice, "Alice: no LinkedIn")
        team.push(team.alice)
        team.bob.add("--channel", "linkedin", "--at", "2026-11-24 08:00", "--title", "Hiring")
        team.editFile(team.bob) { $0.replacingOccurrences(of: "\"name\": \"Instagram\"", with: "\"name\": \"Insta\"") }
        team.commit(team.bob, "Bob: a LinkedIn post")
        #expect(team.pull(team.bob).status != 0)
        #expect(team.bob.run("check").stdout.contains("Settings · channel linkedin: merge conflict: deleted on the side Bob merged in, but 1 post still uses it; kept"))
        // Among others, a deletion that must wait is left for later, and resolve says so
        // with a non-zero exit, so that a script does not git add it as settled.
        let some = team.bob.run("resolve", "--all", "--take", "theirs")
        #expect(some.status == 1)
        #expect(some.stdout.contains("Settled channel instagram › name with the side Bob merged in\n"), "\(some.stdout)")
        #expect(some.stdout.contains("Left channel linkedin unsettled: channel linkedin cannot be deleted as the side Bob merged in did: 1 post still uses it ("))
        #expect(some.stdout.hasSuffix("1 merge conflict left ('cadence check' lists them)\n"))
        // Taking the side that deleted it waits until no post uses it; the other side keeps it.
        let before = team.bob.read()
        let refused = team.bob.run("resolve", "--settings", "--take", "theirs")
        #expect(refused.status == 2)
        let hiring = try #require(team.bob.listJSON().first { $0["title"] as? String == "Hiring" }?["id"] as? String)
        #expect(refused.stderr == "cadence: channel linkedin cannot be deleted as the side Bob merged in did: 1 post still uses it (\(hiring) “Hiring”); move or remove it first, or take Bob's side to keep it\n", "\(refused.stderr)")
        #expect(team.bob.read() == before)
        #expect(team.bob.run("update", hiring, "--channel", "facebook").status == 0)
        #expect(team.bob.run("check").stdout.contains("Settings · channel linkedin: merge conflict: deleted on the side Bob merged in; no post uses it now: taking that side deletes it, the other keeps it"))
        let resolve = team.bob.run("resolve", "--settings", "--take", "theirs")
        #expect(resolve.stdout.hasPrefix("Deleted channel linkedin, as the side Bob merged in did\n"), "\(resolve.stdout) \(resolve.stderr)")
        #expect(!team.bob.run("channels").stdout.contains("linkedin"))
        #expect(team.bob.run("list").stdout.contains("Hiring"))
    }
}
