package dev.harness.orchestrator.integration;

import dev.harness.api.run.MergeMethod;
import dev.harness.api.run.RunEvent;
import dev.harness.orchestrator.runlog.EventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Brings a run's task branches together on {@code harness/run-<run_id>}, one at a time in
 * dependency order, journaling the tip in the run's log before each merge ({@code merge_started})
 * and the result after it ({@code merge_completed} or {@code merge_conflict}), so a killed
 * orchestrator's resume continues exactly where it stopped. Integrated tasks' worktrees are
 * removed unless the person keeps them. Thread-safe: tasks finish on several threads.
 */
public final class Integrator {
    /** What an integration pass came to. */
    public sealed interface Outcome {
        /** No task made a commit: nothing to integrate (and no branch is made). */
        record Nothing() implements Outcome {}

        record Integrated(String branch, String base, String tip) implements Outcome {}

        record Conflict(String taskId, String branch, List<String> files, String sides, String tip) implements Outcome {}

        record Failed(String message) implements Outcome {}
    }

    private final EventLog log;
    private final GitCli git;
    private final IntegrationBranch branch;
    private final boolean keepWorktrees;

    private Integrator(EventLog log, GitCli git, String runId, boolean keepWorktrees) {
        this.log = log;
        this.git = git;
        this.branch = new IntegrationBranch(git, runId);
        this.keepWorktrees = keepWorktrees;
    }

    /** The integrator of a run in {@code workspace}, or null when the workspace is not in a git repository. */
    public static Integrator forWorkspace(EventLog log, Path workspace, String runId, boolean keepWorktrees) {
        Path top = GitCli.topLevel(workspace);
        return top == null ? null : new Integrator(log, new GitCli(top), runId, keepWorktrees);
    }

    public String branchName() {
        return branch.name();
    }

    /** The top of the repository the branch lives in. */
    public Path repo() {
        return git.repo();
    }

    private IntegrationJournal journal() {
        return IntegrationJournal.of(IntegrationEvents.read(log.path()));
    }

    /**
     * Merges every completed task's verified commit not yet in the branch, in {@code order}
     * (the plan's dependency order). A conflicting commit is recorded once and passed over (the
     * others still come together); the outcome then names the first conflicting task.
     */
    public synchronized Outcome integrate(List<String> order) {
        IntegrationJournal journal = journal();
        List<IntegrationJournal.TaskWork> todo = new ArrayList<>();
        for (String taskId : order) {
            IntegrationJournal.TaskWork work = journal.workOf(taskId);
            if (work != null && !journal.isMerged(work)) {
                todo.add(work);
            }
        }
        if (journal.work().isEmpty()) {
            return new Outcome.Nothing();
        }
        String base = journal.base() != null ? journal.base() : runBase(journal);
        if (base == null) {
            return new Outcome.Failed("the repository has no commit to integrate onto");
        }
        String tip = branch.tip();
        if (tip == null) {
            tip = branch.start(base);
        } else if (journal.tip() != null && !tip.equals(journal.tip()) && !git.isAncestor(journal.tip(), tip)) {
            return new Outcome.Failed(branch.name() + " was moved outside the harness (it no longer contains "
                    + abbreviate(journal.tip()) + "); delete or rename it, then resume");
        }
        Outcome.Conflict firstConflict = null;
        for (IntegrationJournal.TaskWork work : todo) {
            IntegrationJournal.Conflict known = journal.conflictOf(work.taskId());
            if (known != null && work.commit().equals(known.commit())) {
                // this very commit conflicted before: its task must be sent back, merging it again cannot help
                if (firstConflict == null) {
                    firstConflict = new Outcome.Conflict(work.taskId(), work.branch(), known.files(), known.sides(), known.tip());
                }
                continue;
            }
            log.append(new RunEvent.MergeStarted(work.taskId(), branch.name(), work.branch(), work.commit(), base, tip));
            IntegrationBranch.Step step = branch.merge(tip, work.taskId(), work.branch(), work.commit());
            if (step instanceof IntegrationBranch.Step.Conflict c) {
                log.append(new RunEvent.MergeConflict(work.taskId(), branch.name(), work.branch(), work.commit(), tip,
                        c.files(), c.sides()));
                if (firstConflict == null) {
                    firstConflict = new Outcome.Conflict(work.taskId(), work.branch(), c.files(), c.sides(), tip);
                }
                continue; // the other tasks' work still comes together; the conflicting task is sent back
            }
            if (step instanceof IntegrationBranch.Step.Failed f) {
                return new Outcome.Failed(f.message());
            }
            String next;
            MergeMethod how;
            if (step instanceof IntegrationBranch.Step.AlreadyIn a) {
                next = a.tip();
                how = MergeMethod.ALREADY_IN;
            } else if (step instanceof IntegrationBranch.Step.FastForward ff) {
                next = ff.tip();
                how = MergeMethod.FAST_FORWARD;
            } else {
                next = ((IntegrationBranch.Step.Merged) step).tip();
                how = MergeMethod.MERGE;
            }
            log.append(new RunEvent.MergeCompleted(work.taskId(), branch.name(), work.branch(), work.commit(), next, how));
            tip = next;
            removeWorktrees(journal, List.of(work.taskId()));
        }
        return firstConflict != null ? firstConflict : new Outcome.Integrated(branch.name(), base, tip);
    }

    /**
     * The commit the run's tasks started from: the base of the first worktree a worker made,
     * else the repository's HEAD now.
     */
    private String runBase(IntegrationJournal journal) {
        for (IntegrationJournal.Worktree w : journal.worktrees()) {
            if (w.base() != null) {
                return w.base();
            }
        }
        return git.commitOf("HEAD");
    }

    /** The verified whole: the event that says the branch holds every task's work and passed. */
    public synchronized void complete(Outcome.Integrated integrated, Collection<String> completedTasks) {
        GitCli.Result count = git.run("rev-list", "--count", integrated.base() + ".." + integrated.tip());
        GitCli.Result stat = git.run("diff", "--shortstat", integrated.base(), integrated.tip());
        log.append(new RunEvent.IntegrationCompleted(integrated.branch(), integrated.tip(), integrated.base(), integrated.tip(),
                IntegrationJournal.of(IntegrationEvents.read(log.path())).mergedTasks(),
                count.ok() ? Integer.parseInt(count.text()) : 0, stat.ok() ? stat.text() : ""));
        removeWorktrees(journal(), completedTasks);
    }

    private void removeWorktrees(IntegrationJournal journal, Collection<String> taskIds) {
        if (keepWorktrees) {
            return;
        }
        for (IntegrationJournal.Worktree w : journal.worktrees()) {
            if (w.path() == null || !taskIds.contains(w.taskId()) || journal.removed(w.path())) {
                continue;
            }
            if (Files.isDirectory(Path.of(w.path()))) {
                GitCli.Result removed = git.run("worktree", "remove", "--force", w.path());
                if (!removed.ok()) {
                    continue; // kept; clean reports and retries it
                }
            }
            git.run("worktree", "prune");
            log.append(new RunEvent.WorktreeRemoved(w.taskId(), w.path()));
        }
    }

    static String abbreviate(String commit) {
        return commit == null ? "none" : commit.substring(0, Math.min(10, commit.length()));
    }
}
