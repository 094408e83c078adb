package dev.harness.orchestrator.attention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.RunEventCodec;
import dev.harness.api.run.RunStatus;
import dev.harness.orchestrator.runlog.EventLog;
import dev.harness.orchestrator.runlog.EventLogReader;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.orchestrator.runlog.RunLogException;
import dev.harness.orchestrator.runlog.RunState;
import dev.harness.protocol.Json;
import dev.harness.protocol.process.ChildProcess;
import dev.harness.protocol.process.ChildResult;
import dev.harness.protocol.secrets.Redactor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells a person when a run starts waiting for them (plan approval, trust, a decision on an
 * escalated task) and when it ends, by running their notifier command: an argv (never a shell)
 * with the notification as JSON on stdin and a one-line summary in {@code HARNESS_NOTIFY_SUMMARY}.
 * It listens to the run's log (and to the terminal's prompts, which wait without an event); each
 * waiting point is told once, however many events describe it. Notifiers run one at a time on a
 * background thread with a timeout (the whole process tree is killed then), so a failing or hanging
 * notifier never blocks or fails the run; each outcome is logged as notification_sent or
 * notification_failed. Everything it sends goes through the secrets {@link Redactor}.
 */
public final class RunNotifier implements Consumer<ObjectNode>, AutoCloseable {
    public static final String SUMMARY_VARIABLE = "HARNESS_NOTIFY_SUMMARY";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final String SENT = "notification_sent";
    static final String FAILED = "notification_failed";

    private final EventLog log;
    private final RunDirectory dir;
    private final List<List<String>> commands;
    private final Duration timeout;
    private final Redactor redactor;
    private final ExecutorService worker;
    private String waitingKey; // the waiting point last told, until the run moves on
    private String objective;

    private RunNotifier(EventLog log, RunDirectory dir, List<List<String>> commands, Duration timeout, Redactor redactor) {
        this.log = log;
        this.dir = dir;
        this.commands = List.copyOf(commands);
        this.timeout = timeout;
        this.redactor = redactor;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "notifier");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Listens to the log; with no command nothing is ever run (and null is returned). */
    public static RunNotifier attach(EventLog log, RunDirectory dir, List<List<String>> commands, Duration timeout,
                                     Redactor redactor) {
        if (commands.isEmpty()) {
            return null;
        }
        RunNotifier notifier = new RunNotifier(log, dir, commands, timeout == null ? DEFAULT_TIMEOUT : timeout, redactor);
        try { // a resumed run's objective is in its log already
            notifier.objective = RunState.rebuild(EventLogReader.read(dir.eventsFile(), true).events()).objective();
        } catch (RunLogException e) {
            notifier.objective = null; // a new run: run_started will say it
        }
        log.addListener(notifier);
        return notifier;
    }

    /** A terminal prompt is about to wait for the person (it logs nothing until answered). */
    public synchronized void atPrompt(RunStatus status, String taskId, String reason) {
        waiting(status == RunStatus.AWAITING_APPROVAL && taskId != null ? RunStatus.AWAITING_TRUST : status, taskId, reason, null);
    }

    @Override
    public synchronized void accept(ObjectNode line) {
        String kind = line.path("kind").asText("");
        if (kind.equals(SENT) || kind.equals(FAILED)) {
            return;
        }
        LoggedEvent logged;
        try {
            logged = RunEventCodec.fromJson(line);
        } catch (IllegalArgumentException e) {
            return; // the writer wrote it, so it parses; a newer kind is simply not a trigger
        }
        RunEvent event = logged.event();
        if (event instanceof RunEvent.RunStarted started) {
            objective = started.objective();
        } else if (event instanceof RunEvent.PlanCreated plan && objective == null) {
            objective = plan.objective();
        } else if (event instanceof RunEvent.RunPaused paused && paused.status() != null) {
            // a run without a terminal pauses at each gate; at a terminal the prompt says so (atPrompt).
            // gate_approval_requested and an escalated task_failed are not enough: --yes or
            // --decision may answer them at once, and then nobody is waited for.
            RunStatus status = RunStatus.fromWire(paused.status().wire());
            // the trust gate pauses as awaiting_approval with its task: a person is asked for trust there
            waiting(status == RunStatus.AWAITING_APPROVAL && paused.taskId() != null ? RunStatus.AWAITING_TRUST : status,
                    paused.taskId(), paused.reason(), line);
        } else if (event instanceof RunEvent.GateDecision || event instanceof RunEvent.RunResumed
                || event instanceof RunEvent.TaskStarted || event instanceof RunEvent.DecisionRecorded) {
            waitingKey = null;
        } else if (event instanceof RunEvent.ExecutionComplete done && done.status() != null) {
            ended(done.status().wire(), done.completed(), done.failed(), done.skipped(), line);
        } else if (event instanceof RunEvent.RunCompleted completed && completed.status() != null) {
            ended(completed.status().wire(), completed.completed(), completed.failed(), completed.skipped(), line);
        }
    }

    /** The run's end (execution_complete, or run_completed where that is written): told once. */
    private void ended(String outcome, Integer completed, Integer failed, Integer skipped, ObjectNode trigger) {
        if (("ended:" + outcome).equals(waitingKey)) {
            return;
        }
        waitingKey = "ended:" + outcome;
        String summary = "harness run " + dir.runId() + " " + outcome.replace('_', ' ')
                + (completed == null ? "" : " (" + completed + " completed, " + failed + " failed, " + skipped + " skipped)")
                + objectiveSuffix();
        send(outcome.equals("completed") || outcome.equals("completed_with_skips") ? "completed" : "ended",
                outcome, null, summary, trigger);
    }

    private void waiting(RunStatus status, String taskId, String what, ObjectNode trigger) {
        String key = status.wire() + ":" + (taskId == null ? "" : taskId);
        if (key.equals(waitingKey)) {
            return;
        }
        waitingKey = key;
        String asked = switch (status) {
            case AWAITING_APPROVAL -> "approval of the plan";
            case AWAITING_TRUST -> "trust in the workspace" + (taskId == null ? "" : " (task " + taskId + ")");
            case AWAITING_DECISION -> "a decision on task " + taskId;
            default -> status.wire().replace('_', ' ');
        };
        // one sentence: a gate's own reason only restates what it waits for; a decision's reason is the failure
        String summary = "harness run " + dir.runId() + " waits for " + asked + objectiveSuffix()
                + (status != RunStatus.AWAITING_DECISION || what == null || what.isBlank() ? "" : " — " + what);
        send("waiting", status.wire(), taskId, summary, trigger);
    }

    private String objectiveSuffix() {
        return objective == null ? "" : ": " + objective;
    }

    /**
     * What a notifier command reads on stdin (README, "--notify"): task_id and trigger only when
     * there are any; objective always, null when the run has none.
     */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Message(String event, String runId, String status,
                   @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String taskId,
                   String summary, String objective, String runDir, String eventsFile,
                   @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) JsonNode trigger) {}

    Message message(String event, String status, String taskId, String summary, ObjectNode trigger) {
        return new Message(event, dir.runId(), status, taskId, summary, objective, dir.path().toString(),
                dir.eventsFile().toString(), trigger);
    }

    private void send(String event, String status, String taskId, String summary, ObjectNode trigger) {
        JsonNode safe = redactor.redactJson(Json.toNode(message(event, status, taskId, summary, trigger)));
        String text = redactor.redact(summary).replaceAll("[\\r\\n]+", " ");
        long seq = trigger == null ? 0 : trigger.path("seq").asLong(0);
        for (List<String> argv : commands) {
            worker.execute(() -> run(argv, Json.write(safe) + "\n", text, event, status, seq));
        }
    }

    private void run(List<String> argv, String stdin, String summary, String event, String status, long seq) {
        ChildResult result = ChildProcess.of(argv).stdin(stdin).env(SUMMARY_VARIABLE, summary)
                .timeout(timeout).grace(Duration.ofSeconds(1)).capture(4096).mergeStderr(true).run();
        String command = redactor.redact(argv.get(0));
        Long trigger = seq > 0 ? seq : null;
        RunEvent outcome;
        if (result.ok()) {
            outcome = new RunEvent.NotificationSent(event, status, trigger, command, result.durationMs());
        } else {
            String output = result.stdout().text().strip();
            outcome = new RunEvent.NotificationFailed(event, status, trigger, command, result.durationMs(),
                    "the notifier " + result.describe(), result.exitCode() >= 0 ? result.exitCode() : null,
                    output.isEmpty() ? null : redactor.redact(output));
        }
        try {
            log.append(outcome);
        } catch (RuntimeException e) {
            // the log closed under us (the run ended while the notifier ran): the notifier's fate is lost, not the run
            System.err.println("orchestrator: notifier " + argv.get(0) + ": " + result.describe());
        }
    }

    /**
     * Lets the notifications already due finish (each is bounded by the timeout, after which its
     * tree is killed), so the run's last notification is sent and logged before the log closes.
     */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(timeout.toMillis() * 4 + 5_000, TimeUnit.MILLISECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.removeListener(this);
    }
}
