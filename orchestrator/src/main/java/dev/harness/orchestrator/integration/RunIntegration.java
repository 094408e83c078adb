package dev.harness.orchestrator.integration;

import dev.harness.api.run.RunEvent;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.plan.TaskPacket;
import dev.harness.orchestrator.runlog.EventLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the pipeline asks of integration, in its own words: where a task starts (a verifying task
 * on the integration branch, a task sent back after a conflict on the integration tip with the
 * conflict as feedback), the final pass that builds the branch, the merge_conflict recipe (send
 * the owning task back once, then it is a failure like any other), and the summary lines.
 */
public final class RunIntegration {
    private final EventLog log;
    private final Integrator integrator;
    private final List<String> order;
    private final ConflictRecipe recipe;

    private RunIntegration(EventLog log, Integrator integrator, List<String> order, ConflictRecipe recipe) {
        this.log = log;
        this.integrator = integrator;
        this.order = List.copyOf(order);
        this.recipe = recipe;
    }

    /**
     * Integration for a run, or null when there is nothing to integrate: no agent (nothing is
     * committed) or a workspace outside git.
     */
    public static RunIntegration of(EventLog log, Path workspace, String runId, String agent, boolean keepWorktrees,
                                    List<String> dependencyOrder, ConflictRecipe recipe) {
        if (agent == null || agent.equals("none")) {
            return null;
        }
        Integrator integrator = Integrator.forWorkspace(log, workspace, runId, keepWorktrees);
        return integrator == null ? null : new RunIntegration(log, integrator, dependencyOrder, recipe);
    }

    public String branchName() {
        return integrator.branchName();
    }

    private IntegrationJournal journal() {
        return IntegrationJournal.of(IntegrationEvents.read(log.path()));
    }

    /** A task that verifies (no commit of its own) and builds on tasks that committed. */
    public static boolean verifies(TaskPacket packet, List<String> dependencyBranches) {
        return !wantsCommit(packet.commitPolicy()) && !dependencyBranches.isEmpty();
    }

    /** The worker manager's reading of commit_policy (CommitPolicy), for the orchestrator's side. */
    static boolean wantsCommit(String policy) {
        if (policy == null) {
            return false;
        }
        String text = policy.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty() || text.equals("none") || text.startsWith("no ") || text.startsWith("no_")
                || text.contains("do not commit") || text.contains("don't commit") || text.contains("never commit")) {
            return false;
        }
        return text.contains("commit");
    }

    /**
     * Before a verifying task starts: its dependencies' work is integrated so it can run on the
     * whole. Empty when it may start; otherwise why it cannot (a conflict, which the pipeline
     * sends back to its owner after this pass).
     */
    public Optional<String> beforeVerifying(TaskPacket packet, List<String> dependencyBranches) {
        if (!verifies(packet, dependencyBranches)) {
            return Optional.empty();
        }
        Integrator.Outcome outcome = integrator.integrate(order);
        if (outcome instanceof Integrator.Outcome.Conflict c) {
            return Optional.of("the work of " + c.taskId() + " conflicts with the integration branch in "
                    + String.join(", ", c.files()) + "; it is sent back to its agent first");
        }
        if (outcome instanceof Integrator.Outcome.Failed f) {
            return Optional.of("the integration branch could not be built: " + f.message());
        }
        return Optional.empty();
    }

    /**
     * Where a task's worker starts: a verifying task on the integration branch, a task sent back
     * after a conflict on the integration tip; otherwise its dependencies' branches.
     */
    public List<String> baseRefs(TaskPacket packet, List<String> dependencyBranches) {
        IntegrationJournal journal = journal();
        if (journal.conflictOf(packet.id()) != null || verifies(packet, dependencyBranches)) {
            return journal.tip() == null ? dependencyBranches : List.of(integrator.branchName());
        }
        return dependencyBranches;
    }

    /** The feedback for a task sent back after a conflict: the files and both sides. */
    public Optional<String> feedback(String taskId) {
        IntegrationJournal.Conflict conflict = journal().conflictOf(taskId);
        if (conflict == null) {
            return Optional.empty();
        }
        return Optional.of("Your previous work (" + conflict.branch() + ") conflicts with the work of the other tasks,"
                + " now on " + integrator.branchName() + ", in: " + String.join(", ", conflict.files())
                + ". You now start from that integrated work: make your change again on top of it, keeping what the"
                + " other tasks did.\n" + conflict.sides());
    }

    /**
     * Right after a committing task completes: its branch joins the integration branch at once,
     * so little is left to do when the last task finishes. A conflict is only recorded here; the
     * pipeline sends the task back after the pass.
     */
    public void taskCompleted() {
        integrator.integrate(order);
    }

    /** What the pipeline does after a pass of the scheduler. */
    public sealed interface Next {
        /** Every committing task is in the branch (or none committed). */
        record Done(Integrator.Outcome outcome) implements Next {}

        /** A task was sent back to its agent after a conflict: run the scheduler again. */
        record RunAgain(String taskId) implements Next {}

        /** A conflict whose recipe's retries are used up: a person (or the packet's policy) decides. */
        record Escalate(String taskId, String reason) implements Next {}

        /** git failed (not a conflict): the run fails with this reason. */
        record Failed(String taskId, String reason) implements Next {}
    }

    /**
     * Integrates what is left; a conflict is a task failure of class merge_conflict, sent back to
     * its owner while the recipe allows, a failure of the run afterwards.
     */
    public Next afterPass() {
        Integrator.Outcome outcome = integrator.integrate(order);
        if (outcome instanceof Integrator.Outcome.Conflict c) {
            String reason = "its branch " + c.branch() + " conflicts with " + integrator.branchName()
                    + " in " + String.join(", ", c.files());
            if (recipe.retriesAfter(journal().sentBack(c.taskId()))) {
                sendBack(c.taskId(), reason + " (sent back to its agent on the integration tip)");
                return new Next.RunAgain(c.taskId());
            }
            return new Next.Escalate(c.taskId(), reason + " (the merge_conflict recipe's " + recipe.maxRetries()
                    + " retries are used up)");
        }
        if (outcome instanceof Integrator.Outcome.Failed f) {
            return new Next.Failed(null, f.message());
        }
        return new Next.Done(outcome);
    }

    /** The task fails with merge_conflict and runs again on the integration tip with the conflict as feedback. */
    public void sendBack(String taskId, String reason) {
        failed(log, taskId, reason, false);
    }

    /** The task fails with merge_conflict and waits for a person's decision (retry / skip / abort). */
    public void escalated(String taskId, String reason) {
        failed(log, taskId, reason, true);
    }

    /** A task_failed of class merge_conflict (also written by resume for a person's retry). */
    public static void failed(EventLog log, String taskId, String reason, boolean escalation) {
        log.append(new RunEvent.TaskFailed(taskId, null, FailureClass.MERGE_CONFLICT, reason, escalation));
    }

    /** The whole passed its verification: recorded, and the integrated tasks' worktrees go. */
    public void completed(Integrator.Outcome outcome, Collection<String> completedTasks) {
        if (outcome instanceof Integrator.Outcome.Integrated integrated) {
            integrator.complete(integrated, completedTasks);
        }
    }

    /** Lines for the summary: the branch, its commits and diffstat, and how to take it. */
    public List<String> summary(String runId) {
        return summaryLines(journal(), new GitCli(integratorRepo()), runId);
    }

    private Path integratorRepo() {
        return integrator.repo();
    }

    /** The repository the run's branches live in. */
    public Path repo() {
        return integrator.repo();
    }

    /** The summary of a run's integration from its journal (also used by status-like commands). */
    public static List<String> summaryLines(IntegrationJournal journal, GitCli git, String runId) {
        List<String> lines = new ArrayList<>();
        if (journal.tip() == null || journal.base() == null) {
            return lines;
        }
        String range = journal.base() + ".." + journal.tip();
        GitCli.Result log = git.run("log", "--format=  %h %s", "--no-merges", range);
        GitCli.Result stat = git.run("diff", "--shortstat", journal.base(), journal.tip());
        lines.add("Integration branch: " + journal.branch() + (journal.completed() ? " (verified as a whole)" : " (not verified yet)"));
        if (log.ok() && !log.text().isBlank()) {
            lines.add("Commits:");
            log.out().lines().filter(l -> !l.isBlank()).forEach(lines::add);
        }
        if (stat.ok() && !stat.text().isBlank()) {
            lines.add("Changes: " + stat.text());
        }
        if (journal.completed()) {
            // named as the person ran it (bin/orchestrator), like every other hint, so it can be pasted as it is
            String self = dev.harness.orchestrator.render.CommandName.current();
            lines.add("Take it into your branch: " + self + " apply " + runId + "   (see each task's change: " + self + " diff "
                    + runId + " TASK)");
        }
        return lines;
    }
}
