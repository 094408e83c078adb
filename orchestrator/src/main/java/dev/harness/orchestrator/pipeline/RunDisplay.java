package dev.harness.orchestrator.pipeline;

import dev.harness.api.run.TaskVerification;
import dev.harness.api.worker.WorkerEventPayload;

import dev.harness.orchestrator.evidence.FailingCheck;
import dev.harness.orchestrator.render.Console;
import dev.harness.orchestrator.runlog.EventLogReader;
import dev.harness.orchestrator.render.TaskOutcome;
import dev.harness.orchestrator.runlog.RunState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the pipeline tells the person, in the pipeline's terms (a task started, a phase passed),
 * rendered through the Console: numbered task lines, a progress bar, and the summary.
 */
public final class RunDisplay {
    private final Console console;
    private final Path logFile;
    private final Map<String, Integer> numbers = new ConcurrentHashMap<>();
    private final Map<String, String> running = new ConcurrentHashMap<>();
    private volatile int total;
    private volatile int done;

    public RunDisplay(Console console, Path logFile) {
        this.console = console;
        this.logFile = logFile;
    }

    public Console console() {
        return console;
    }

    public void info(String message) {
        console.info(message);
    }

    public void warn(String message) {
        console.warn(message);
    }

    public void error(String message) {
        console.error(message);
    }

    public void block(String text) {
        console.block(text);
    }

    /** Numbers the tasks in plan order: [Task n/total]. */
    void planStarted(List<dev.harness.api.plan.ApprovedPacket> packets) {
        numbers.clear();
        int n = 0;
        for (dev.harness.api.plan.ApprovedPacket packet : packets) {
            numbers.put(packet.id(), ++n);
        }
        total = n;
    }

    void phaseLine(int n, int count, String phase, boolean success, boolean recorded, Duration took, String detail) {
        String mark = success ? "✓" : "✗";
        String text = "[Bootstrap " + n + "/" + count + "] " + mark + " " + phase + " (" + Console.formatDuration(took)
                + (recorded ? ", recorded earlier" : "") + ")" + (detail == null || detail.isBlank() ? "" : " — " + detail);
        if (success) {
            console.info(text);
        } else {
            console.error(text);
        }
    }

    void started(String taskId, String title, String workerId) {
        line(taskId, title, TaskOutcome.STARTED, null, "worker " + workerId);
    }

    /** {@code again}: why this attempt follows another (attempt 1 was interrupted), or null. */
    void running(String taskId, String title, String workerId, int attempt, String again) {
        running.put(taskId, title);
        if (attempt > 1) {
            line(taskId, title, TaskOutcome.RETRYING, null, "attempt " + attempt + (again == null ? "" : " (" + again + ")"));
        }
        refresh();
    }

    void resumed(String taskId, String title, String workerId, String state) {
        line(taskId, title, TaskOutcome.STARTED, null, "resuming worker " + workerId + " (" + state + ")");
    }

    void completed(String taskId, String title, Duration elapsed, String branch, String commit) {
        completed(taskId, title, elapsed, branch, commit, null);
    }

    /** @param verification how far "completed" goes, when less than changed and verified (e.g. verified only) */
    void completed(String taskId, String title, Duration elapsed, String branch, String commit, String verification) {
        running.remove(taskId);
        String made = branch == null && commit == null ? null
                : (branch == null ? "" : "branch " + branch) + (commit == null ? "" : (branch == null ? "" : ", ") + "commit "
                + commit.substring(0, Math.min(12, commit.length())));
        String detail = verification == null ? made : made == null ? verification : verification + "; " + made;
        line(taskId, title, TaskOutcome.COMPLETED, elapsed, detail);
    }

    /**
     * How far a completed task was verified, as its task_completed records it: unverifiable when its packet says so,
     * else the worker manager's own finding (it diffs the task's scope against its base), else verified only when
     * no agent ran; null when nothing says.
     */
    static TaskVerification verificationOf(String agent, dev.harness.api.plan.TaskPacket packet,
                                           dev.harness.api.worker.Verification worker) {
        if (packet.verification() == dev.harness.api.plan.VerificationStrength.UNVERIFIABLE) {
            return TaskVerification.UNVERIFIABLE;
        }
        if (worker != null) {
            return worker == dev.harness.api.worker.Verification.VERIFIED_UNCHANGED
                    ? TaskVerification.VERIFIED_ONLY : TaskVerification.CHANGED_AND_VERIFIED;
        }
        return "none".equals(agent) ? TaskVerification.VERIFIED_ONLY : null;
    }

    /** The progress line's words for a verification (null: nothing to add). */
    static String words(TaskVerification verification) {
        if (verification == null) {
            return null;
        }
        return switch (verification) {
            case UNVERIFIABLE -> "unverified: no real check exists for this task";
            case VERIFIED_ONLY -> VERIFIED_ONLY;
            case CHANGED_AND_VERIFIED -> "changed and verified";
        };
    }

    /** The verification words with what the base run said of the task's own tests (issue 14): a warning when they are no evidence. */
    static String withTestEvidence(String verification, dev.harness.api.worker.TestEvidence evidence) {
        String warning = evidence == null ? null : evidence.warning();
        if (warning == null) {
            return verification;
        }
        return (verification == null ? "" : verification + "; ") + "warning: " + warning;
    }

    /**
     * A completed task's words. A task that commits nothing (it only verifies) but whose agent changed files in
     * its own checkout (a branch, no commit) leaves those changes behind with the checkout: "changed and verified"
     * would say they are somewhere, and "added no test" would ask for a test of a change that is not kept.
     */
    static String completedWords(TaskVerification verification, dev.harness.api.worker.TestEvidence evidence,
                                 String branch, String commit) {
        if (verification == TaskVerification.CHANGED_AND_VERIFIED && branch != null && commit == null) {
            return CHANGES_NOT_KEPT;
        }
        return withTestEvidence(words(verification), evidence);
    }

    static final String CHANGES_NOT_KEPT = "verified; its agent's changes were not kept (this task commits nothing)";

    /** The built-in worker changes nothing: its completed tasks only passed their checks. */
    public static final String VERIFIED_ONLY = "verified only — nothing was changed";

    void failed(String taskId, String title, Duration elapsed, String failureClass, String reason, boolean escalation) {
        failed(taskId, title, elapsed, failureClass, reason, escalation, null);
    }

    /** The failure line, then the failing check's evidence under it (command, exit, assertions, log). */
    void failed(String taskId, String title, Duration elapsed, String failureClass, String reason, boolean escalation,
                FailingCheck check) {
        running.remove(taskId);
        line(taskId, title, escalation ? TaskOutcome.WAITING : TaskOutcome.FAILED, elapsed,
                failureClass + ": " + reason + (escalation ? " (needs a decision)" : ""));
        evidence(check);
    }

    /** The lines of a failing check, indented under the task line they explain. */
    void evidence(FailingCheck check) {
        if (check != null) {
            StringBuilder text = new StringBuilder();
            check.lines().forEach(line -> text.append("      ").append(dev.harness.orchestrator.render.SafeText.oneLine(line)).append('\n'));
            console.block(text.toString());
        }
    }

    void skipped(String taskId, String title, String reason) {
        running.remove(taskId);
        line(taskId, title, TaskOutcome.SKIPPED, null, reason);
    }

    void postponed(String taskId, String title, String reason) {
        running.remove(taskId);
        line(taskId, title, TaskOutcome.POSTPONED, null, reason);
    }

    /** Recovery steps and permission requests from worker-manager, as task lines. */
    void workerEvent(String taskId, WorkerEventPayload details, int attempt) {
        if (taskId == null) {
            return;
        }
        String title = titles.getOrDefault(taskId, taskId);
        if (details instanceof WorkerEventPayload.FailureClassified classified && classified.evidence() != null) {
            lastFailure.put(taskId, classified.evidence().detail() == null ? "" : classified.evidence().detail());
        } else if (details instanceof WorkerEventPayload.RecoveryAttempted recovery) {
            line(taskId, title, TaskOutcome.RETRYING, null, retryWords(recovery, lastFailure.remove(taskId)));
        } else if (details instanceof WorkerEventPayload.PermissionRequired permission) {
            line(taskId, title, TaskOutcome.WAITING, null, "permission required"
                    + (permission.reason() == null || permission.reason().isBlank() ? "" : " (" + permission.reason() + ")"));
        } else if (details instanceof WorkerEventPayload.ChecksPlaced placed
                && placed.placement() == dev.harness.api.worker.ChecksPlacement.IN_PLACE && inPlaceSaid.add(taskId)) {
            // the one case where the tests may write into the person's directory: said, once per task
            console.warn(title + ": " + (placed.reason() == null ? "its checks run in " + placed.directory() : placed.reason()));
        }
    }

    /**
     * The worker manager's retry, without an attempt number: its numbers count the worker's attempts from 1, while
     * the task's go on across workers (after an interruption), so "attempt 1" could follow "attempt 2".
     */
    static String retryWords(WorkerEventPayload.RecoveryAttempted recovery, String why) {
        String after = recovery.failureClass() == null ? "a failure" : recovery.failureClass().wire();
        String count = recovery.retry() == null ? "" : recovery.maxRetries() == null ? " " + recovery.retry()
                : " " + recovery.retry() + " of " + recovery.maxRetries();
        // why it failed, as the worker manager classified it ("… fails on the unchanged project too: not caused by
        // this run"): otherwise only the events say it while the retry runs
        return "retry" + count + " after " + after + (why == null || why.isBlank() ? "" : ": " + why);
    }

    /** Each task's last classified failure, until its retry line is shown. */
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();

    private final java.util.Set<String> inPlaceSaid = ConcurrentHashMap.newKeySet();

    private final Map<String, String> titles = new ConcurrentHashMap<>();

    void title(String taskId, String title) {
        titles.put(taskId, title);
    }

    void bar(int finished) {
        done = finished;
        refresh();
    }

    private void refresh() {
        if (total > 0) {
            console.progress(done, total, running.isEmpty() ? "" : "running: " + String.join(", ",
                    new LinkedHashMap<>(running).values()));
        }
    }

    private void line(String taskId, String title, TaskOutcome outcome, Duration elapsed, String detail) {
        titles.put(taskId, title);
        console.taskLine(numbers.getOrDefault(taskId, 0), total, title, outcome, elapsed, detail);
    }

    void summary(RunState state) {
        console.clearProgress();
        java.util.Map<String, FailingCheck> checks;
        try {
            checks = FailingCheck.lastPerTask(EventLogReader.readAll(logFile, true));
        } catch (RuntimeException e) {
            checks = Map.of(); // the summary still says what the state says
        }
        console.summary(state, logFile, checks);
    }
}
