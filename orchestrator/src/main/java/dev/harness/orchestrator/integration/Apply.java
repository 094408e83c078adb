package dev.harness.orchestrator.integration;

import dev.harness.api.run.RunEvent;
import dev.harness.orchestrator.pipeline.RunContext;
import dev.harness.orchestrator.runlog.EventLog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings a run's verified integration branch into the person's current branch: a fast-forward
 * when possible, else a merge commit, or one squashed commit. Refuses, changing nothing, when
 * uncommitted changes (staged, unstaged or untracked) sit in a file the run touches, naming them,
 * or when the merge would conflict with the person's own new commits; unrelated uncommitted
 * changes are left as they are.
 */
public final class Apply {
    /** How it went: {@code how} is fast_forward, merge, squash or already_applied; else refused. */
    public record Result(boolean applied, String how, String message, List<String> blocking) {}

    private final GitCli git;

    public Apply(GitCli git) {
        this.git = git;
    }

    public Result apply(EventLog log, String runId, IntegrationJournal journal, boolean squash) {
        if (!journal.completed() || journal.tip() == null) {
            return refused("run " + runId + " has no verified integration branch"
                    + (journal.tip() == null ? " (it committed nothing, or integration never started)"
                    : " yet (" + journal.branch() + " was not verified as a whole)"), List.of());
        }
        String tip = journal.tip();
        if (git.commitOf(tip) == null) {
            return refused("the integration commit " + Integrator.abbreviate(tip) + " is gone from the repository", List.of());
        }
        GitCli.Result branch = git.run("symbolic-ref", "--quiet", "--short", "HEAD");
        if (!branch.ok()) {
            return refused("HEAD is detached; check out the branch to apply the run to, then try again", List.of());
        }
        if (git.commitOf("MERGE_HEAD") != null) {
            return refused("a merge is in progress in your checkout; finish or abort it first (git merge --abort)", List.of());
        }
        String head = git.commitOf("HEAD");
        if (head != null && git.isAncestor(tip, head)) {
            record(log, journal, "already_applied", branch.text(), head, head);
            return new Result(true, "already_applied", "Run " + runId + " is already in " + branch.text() + ".", List.of());
        }
        String from = head == null ? journal.base() : git.run("merge-base", head, tip).text();
        Set<String> touched = new LinkedHashSet<>(lines(git.run("diff", "--name-only", "--no-renames", from, tip)));
        List<String> blocking = new ArrayList<>();
        for (String dirty : uncommitted()) {
            if (touched.contains(dirty) || touched.stream().anyMatch(t -> t.startsWith(dirty.endsWith("/") ? dirty : dirty + "/"))) {
                blocking.add(dirty);
            }
        }
        if (!blocking.isEmpty()) {
            return refused("you have uncommitted changes in files the run changes: " + String.join(", ", blocking)
                    + ". Commit or stash them, then apply again; nothing was changed.", blocking);
        }
        if (!git.run("diff", "--cached", "--quiet").ok()) {
            return refused("you have staged changes; git would refuse to merge over them (commit or unstage them first)."
                    + " Nothing was changed.", List.of());
        }
        boolean fastForward = !squash && git.isAncestor(head, tip);
        if (!fastForward) {
            GitCli.Result check = git.run("merge-tree", "--write-tree", "--name-only", "--no-messages", head, tip);
            if (check.exit() == 1) {
                List<String> files = lines(check).subList(1, lines(check).size());
                return refused("the run's work conflicts with commits on " + branch.text() + " in: " + String.join(", ", files)
                        + ". Nothing was changed; merge " + journal.branch() + " yourself to resolve them.", files);
            }
        }
        GitCli.Result done;
        String how;
        if (fastForward) {
            how = "fast_forward";
            done = git.run("merge", "--ff-only", "-q", tip);
        } else if (squash) {
            how = "squash";
            done = git.run("merge", "--squash", "-q", tip);
            if (done.ok()) {
                done = git.run(withIdentity("commit", "-q", "--no-verify", "-m", squashMessage(runId, journal, from, tip)));
            }
        } else {
            how = "merge";
            done = git.run(withIdentity("merge", "--no-ff", "-q", "--no-edit", "-m",
                    "harness: apply run " + runId + " (" + journal.branch() + ")", tip));
        }
        if (!done.ok()) {
            return refused("git could not apply the run: " + done.said(), List.of());
        }
        String now = git.commitOf("HEAD");
        record(log, journal, how, branch.text(), head, now);
        return new Result(true, how, "Applied run " + runId + " to " + branch.text() + " (" + how.replace('_', '-') + "): "
                + Integrator.abbreviate(head) + " → " + Integrator.abbreviate(now) + ".", List.of());
    }

    /**
     * The commit goes on the person's own branch: it is theirs, made with their git identity; the
     * harness's own only stands in where none is configured (git would refuse to commit).
     */
    private String[] withIdentity(String... args) {
        List<String> argv = new ArrayList<>();
        if (!git.run("config", "--get", "user.name").ok() || !git.run("config", "--get", "user.email").ok()) {
            argv.addAll(List.of("-c", "user.name=harness", "-c", "user.email=harness@localhost"));
        }
        argv.addAll(List.of(args));
        return argv.toArray(String[]::new);
    }

    /** What the squashed commit holds: the tasks' own commit subjects (one task: its subject), then where it came from. */
    private String squashMessage(String runId, IntegrationJournal journal, String from, String tip) {
        List<String> subjects = lines(git.run("log", "--reverse", "--no-merges", "--format=%s", from + ".." + tip));
        StringBuilder message = new StringBuilder(subjects.size() == 1 ? subjects.get(0)
                : "Run " + runId + ": " + subjects.size() + " task commits squashed").append("\n\n");
        if (subjects.size() > 1) {
            subjects.forEach(subject -> message.append("- ").append(subject).append('\n'));
            message.append('\n');
        }
        return message.append("Squashed from ").append(journal.branch()).append(" (harness run ").append(runId).append(").\n")
                .toString();
    }

    /** Paths with uncommitted changes (staged, unstaged, untracked), as git status names them. */
    private List<String> uncommitted() {
        GitCli.Result status = git.run("status", "--porcelain=v1", "-z", "--untracked-files=all");
        List<String> paths = new ArrayList<>();
        String[] entries = status.out().split("\0");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            if (entry.length() < 4) {
                continue;
            }
            paths.add(entry.substring(3));
            if (entry.charAt(0) == 'R' || entry.charAt(0) == 'C') {
                i++; // the rename's source follows
                if (i < entries.length) {
                    paths.add(entries[i]);
                }
            }
        }
        return paths;
    }

    private static List<String> lines(GitCli.Result result) {
        return result.out().lines().filter(l -> !l.isBlank()).toList();
    }

    private static Result refused(String message, List<String> blocking) {
        return new Result(false, "refused", message, List.copyOf(blocking));
    }

    private static void record(EventLog log, IntegrationJournal journal, String how, String branch, String from, String to) {
        log.append(new RunEvent.ApplyCompleted(journal.branch(), to, how, branch, from, to));
    }

    /** --apply on a run: apply right after a completed run; false when it was refused. */
    public static boolean afterRun(RunContext ctx, RunIntegration integration) {
        IntegrationJournal journal = IntegrationJournal.of(IntegrationEvents.read(ctx.log().path()));
        if (journal.tip() == null) {
            ctx.console().info("Nothing to apply: the run committed nothing.");
            return true;
        }
        Result result = new Apply(new GitCli(integration.repo())).apply(ctx.log(), ctx.dir().runId(), journal, false);
        ctx.console().info(result.applied() ? result.message() : "Not applied: " + result.message());
        return result.applied();
    }
}
