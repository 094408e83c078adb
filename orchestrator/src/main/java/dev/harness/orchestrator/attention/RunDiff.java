package dev.harness.orchestrator.attention;

import dev.harness.orchestrator.integration.IntegrationJournal;
import dev.harness.protocol.git.Git;
import dev.harness.protocol.process.ChildResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A diff for the dashboard: one task's verified commit against where the task started, or the
 * run's integrated result against the commit the run started from — the same ranges as
 * {@code orchestrator diff RUN [TASK]}. Read through the suite's neutralised git (no external diff,
 * no textconv, no filters: a page view runs nothing of the repository's), and capped: file by file
 * until {@code cap} bytes, a file's own patch only when it is small enough; the rest is named with
 * its line counts, and the command that shows it whole.
 */
public final class RunDiff {
    /** One changed file: its path, lines added and removed (-1 for a binary file) and its patch, or null when not shown. */
    public record FileDiff(String path, int added, int removed, String patch) {}

    /** What was shown, and the files left out because of the cap. */
    public record Shown(String from, String to, List<FileDiff> files, int omitted, String problem) {
        static Shown failed(String problem) {
            return new Shown(null, null, List.of(), 0, problem);
        }
    }

    private static final Duration LIMIT = Duration.ofSeconds(30);
    private final int cap;
    private final int perFile;

    /**
     * @param cap     bytes of patch text per page, in all
     * @param perFile bytes of one file's patch at most (a longer one is listed, not shown)
     */
    public RunDiff(int cap, int perFile) {
        this.cap = cap;
        this.perFile = perFile;
    }

    /** The range a task's change spans: its verified commit's first parent to the commit. */
    public static Optional<String[]> taskRange(IntegrationJournal journal, String taskId) {
        IntegrationJournal.TaskWork work = journal.workOf(taskId);
        return work == null ? Optional.empty() : Optional.of(new String[] {work.commit() + "^1", work.commit()});
    }

    /** The range the run's integrated result spans: the commit it started from to its integration branch's tip. */
    public static Optional<String[]> runRange(IntegrationJournal journal) {
        return journal.base() == null || journal.tip() == null ? Optional.empty()
                : Optional.of(new String[] {journal.base(), journal.tip()});
    }

    public Shown show(Path workspace, String from, String to) {
        if (workspace == null || !Files.isDirectory(workspace)) {
            return Shown.failed("The run's workspace " + workspace + " is not there any more.");
        }
        Optional<Git> pinned = Git.at(workspace).trusted(false).timeout(LIMIT).pinDrivers();
        if (pinned.isEmpty()) {
            return Shown.failed("git could not read the repository at " + workspace + ".");
        }
        Git git = pinned.get();
        ChildResult numstat = git.run("diff", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--numstat",
                "-z", from, to, "--");
        if (!numstat.ok()) {
            return Shown.failed("git diff " + from + " " + to + " failed: " + numstat.describe()
                    + (numstat.stderr().text().isBlank() ? "" : " — " + numstat.stderr().text().strip()));
        }
        if (numstat.stdout().truncated()) {
            return Shown.failed("The change touches too many files to list here; see orchestrator diff --stat.");
        }
        List<FileDiff> files = new ArrayList<>();
        int used = 0;
        int omitted = 0;
        // -z: "added\tremoved\tpath\0" per file, paths verbatim (no quoting of odd names)
        for (String entry : numstat.stdout().text().split("\0")) {
            String[] parts = entry.split("\t", 3);
            if (parts.length < 3) {
                continue;
            }
            int added = parts[0].equals("-") ? -1 : Integer.parseInt(parts[0].strip());
            int removed = parts[1].equals("-") ? -1 : Integer.parseInt(parts[1].strip());
            String path = parts[2];
            String patch = null;
            if (used < cap) {
                ChildResult one = git.run("diff", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", from, to,
                        "--", ":(literal)" + path);
                if (one.ok() && !one.stdout().truncated() && one.stdout().totalBytes() <= Math.min(perFile, cap - used)) {
                    patch = one.stdout().text();
                    used += patch.length();
                }
            }
            if (patch == null) {
                omitted++;
            }
            files.add(new FileDiff(path, added, removed, patch));
        }
        return new Shown(commitOf(git, from), to, files, omitted, null);
    }

    /** A task's range starts at {@code COMMIT^1}: shown as that parent's own id, not cut to the task's commit. */
    private static String commitOf(Git git, String revision) {
        if (!revision.contains("^")) {
            return revision;
        }
        ChildResult parsed = git.run("rev-parse", "--verify", "--quiet", revision + "^{commit}");
        return parsed.ok() && !parsed.stdout().text().isBlank() ? parsed.stdout().text().strip() : revision;
    }
}
