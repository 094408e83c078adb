package dev.harness.orchestrator.integration;

import dev.harness.api.run.RunEvent;
import dev.harness.orchestrator.runlog.EventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes what a run left in the repository once its work is safe: task worktrees and branches
 * whose commits are in the integration branch (or in the person's branch, after apply), and the
 * integration branch once applied. An unmerged branch stays unless forced; the run's log always
 * stays. Every step can be repeated, so a kill part-way leaves nothing half-removed that the next
 * clean would not finish.
 */
public final class Cleanup {
    /** What was removed and what was kept (with why). */
    public record Report(List<String> removedWorktrees, List<String> deletedBranches, List<String> kept) {}

    private final GitCli git;

    public Cleanup(GitCli git) {
        this.git = git;
    }

    public Report clean(EventLog log, IntegrationJournal journal, boolean force) {
        String tip = journal.branch() == null ? null : git.commitOf("refs/heads/" + journal.branch());
        String head = git.commitOf("HEAD");
        List<String> removed = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        Set<String> branches = new LinkedHashSet<>();
        for (IntegrationJournal.Worktree w : journal.worktrees()) {
            if (w.branch() != null) {
                branches.add(w.branch());
            }
        }
        journal.work().forEach(work -> {
            if (work.branch() != null) {
                branches.add(work.branch());
            }
        });
        Set<String> safeBranches = new LinkedHashSet<>();
        for (String branch : branches) {
            String commit = git.commitOf("refs/heads/" + branch);
            if (commit == null) {
                continue; // already deleted (an earlier clean)
            }
            boolean safe = (tip != null && git.isAncestor(commit, tip)) || (head != null && git.isAncestor(commit, head));
            if (safe || force) {
                safeBranches.add(branch);
            } else {
                kept.add(branch + " (not merged; --force deletes it)");
            }
        }
        for (IntegrationJournal.Worktree w : journal.worktrees()) {
            if (w.path() == null || !Files.isDirectory(Path.of(w.path()))) {
                continue;
            }
            if (w.branch() == null || safeBranches.contains(w.branch()) || git.commitOf("refs/heads/" + w.branch()) == null) {
                GitCli.Result gone = git.run("worktree", "remove", "--force", w.path());
                if (gone.ok()) {
                    removed.add(w.path());
                } else {
                    kept.add(w.path() + " (" + gone.said() + ")");
                }
            } else {
                kept.add(w.path() + " (its branch " + w.branch() + " is not merged)");
            }
        }
        git.run("worktree", "prune");
        for (String branch : safeBranches) {
            if (git.run("branch", "-D", "-q", branch).ok()) {
                deleted.add(branch);
            }
        }
        if (tip != null) {
            boolean applied = head != null && git.isAncestor(tip, head);
            if (applied || force) {
                if (git.run("branch", "-D", "-q", journal.branch()).ok()) {
                    deleted.add(journal.branch());
                }
            } else {
                kept.add(journal.branch() + " (not applied yet: orchestrator apply RUN, or --force)");
            }
        }
        if (log != null) {
            log.append(new RunEvent.CleanCompleted(removed, deleted, kept, force));
        }
        return new Report(removed, deleted, kept);
    }
}
