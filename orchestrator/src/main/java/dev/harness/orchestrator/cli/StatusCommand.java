package dev.harness.orchestrator.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.OrchestratorException;
import dev.harness.orchestrator.runlog.RunDirectory;
import java.nio.file.Path;
import dev.harness.orchestrator.render.CommandName;
import dev.harness.orchestrator.runlog.Escalation;
import dev.harness.orchestrator.runlog.RunState;
import dev.harness.orchestrator.runlog.OutputSnapshot;
import dev.harness.api.run.RunStatus;
import dev.harness.api.run.RunStatusReport;
import dev.harness.orchestrator.runlog.RunSummary;
import dev.harness.orchestrator.evidence.FailingCheck;
import dev.harness.orchestrator.runlog.TaskState;
import dev.harness.api.run.TaskStatus;
import dev.harness.api.run.TaskVerification;
import dev.harness.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code status [RUN_ID]}: where a run stands, rebuilt from its log, and how to continue it. Without
 * RUN_ID, the workspace's newest run (as watch follows), saying which, like {@code git status} needs no argument.
 */
@Command(name = "status", description = {"Show a run's status, its tasks, what it waits for and how to continue, from its events.jsonl.",
        "Without RUN_ID: the workspace's newest run (it says which)."})
public final class StatusCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_ID")
    String runId;

    @ParentCommand
    RunInvocation parent;

    @Override
    public Integer call() {
        CommonOptions c = parent.commonOptions();
        if (runId == null) {
            return newest(c);
        }
        System.out.print(answer(RunLookup.locate(c, runId), runId, c.json));
        System.out.flush();
        return ExitCode.SUCCESS.code();
    }

    /** The workspace's newest run, said which above its status (not with --json: stdout is the report alone). */
    private static int newest(CommonOptions c) {
        Path here = c.workspace != null ? c.resolvedWorkspace() : Path.of("").toAbsolutePath();
        Path stateDir = c.resolvedStateDir(here);
        List<RunSummary> runs = RunDirectory.list(stateDir).stream().filter(r -> r.problemText().isEmpty()).toList();
        Optional<RunSummary> newest = WatchCommand.newest(runs);
        if (newest.isEmpty()) {
            throw OrchestratorException.usage("No run in this workspace (" + here + ") yet: start one with " + CommandName.current()
                    + " \"OBJECTIVE\", or give a RUN_ID (" + CommandName.current() + " runs --all lists every workspace's runs).");
        }
        String id = newest.get().runId();
        String shown = answer(RunLookup.locate(c, id), id, c.json);
        int others = runs.size() - 1;
        System.out.print(c.json ? shown : "The newest run of this workspace" + (others == 0 ? "" : " (" + others
                + " older: " + CommandName.current() + " runs; " + CommandName.current()
                + " status RUN_ID for one of them)") + ".\n\n" + shown);
        System.out.flush();
        return ExitCode.SUCCESS.code();
    }

    /**
     * What status prints for the run at {@code place} (QuickAnswer's too, without the command line): an
     * unchanged log prints what it printed last time (OutputSnapshot), its live status asked anew; else
     * the log is replayed and every status it can show is kept.
     */
    static String answer(RunLookup.Place place, String runId, boolean json) {
        String view = json ? "json" : "text";
        Optional<OutputSnapshot.Key> key = OutputSnapshot.Key.of(place.dir());
        Optional<String> kept = key.flatMap(k -> QuickAnswer.keptStatus(place, k, view));
        if (kept.isPresent()) {
            return kept.get();
        }
        RunLookup found = place.read();
        RunState state = RunState.rebuild(found.events());
        RunStatus status = RunSummary.liveStatus(state, found.dir());
        String output = render(runId, state, status, found, json);
        if (key.isPresent()) {
            // every status this log can show: a running run's writer may be gone next time
            Map<String, String> views = new java.util.LinkedHashMap<>();
            views.put(OutputSnapshot.statusView(view, status), output);
            for (RunStatus other : state.status() == RunStatus.RUNNING ? List.of(RunStatus.RUNNING, RunStatus.INTERRUPTED) : List.of(state.status())) {
                views.computeIfAbsent(OutputSnapshot.statusView(view, other), v -> render(runId, state, other, found, json));
            }
            OutputSnapshot.STATUS.keep(place.dir(), key.get(), state.status(), views);
        }
        return output;
    }

    /** What status printed last time for the log as it is now, if kept (its live status asked anew); else empty. */
    static Optional<String> kept(RunLookup.Place place, boolean json) {
        return OutputSnapshot.Key.of(place.dir()).flatMap(k -> QuickAnswer.keptStatus(place, k, json ? "json" : "text"));
    }

    /** What status prints of {@code state} when the run's live status is {@code status}. */
    private static String render(String runId, RunState state, RunStatus status, RunLookup found, boolean json) {
        if (json) {
            return Json.write(json(state, status, found)) + System.lineSeparator();
        }
        StringBuilder out = new StringBuilder();
        out.append("Run:        ").append(runId).append('\n');
        out.append("Status:     ").append(status.wire())
                .append(status == RunStatus.INTERRUPTED && state.status() == RunStatus.RUNNING
                        ? " (its log says running, but no orchestrator is running it)" : "").append('\n');
        out.append("Objective:  ").append(Table.clean(state.objective())).append('\n');
        out.append("Workspace:  ").append(state.workspace()).append('\n');
        out.append("Plan:       ").append(state.taskCount()).append(state.taskCount() == 1 ? " task, digest " : " tasks, digest ").append(abbreviate(state.planDigest()))
                .append(state.approvedDigest() == null ? " (not approved)"
                        : state.approvalHolds() ? " (approved)" : " (CHANGED since approval " + abbreviate(state.approvedDigest()) + ")")
                .append('\n');
        if (!state.bootstrapPhases().isEmpty()) {
            List<String> phases = new ArrayList<>();
            for (Map.Entry<String, Boolean> phase : state.bootstrapPhases().entrySet()) {
                phases.add(phase.getKey() + (phase.getValue() ? " ✓" : " ✗"));
            }
            out.append("Bootstrap:  ").append(String.join(", ", phases)).append('\n');
        }
        out.append("Tasks:      ").append(state.completedCount()).append(" completed, ").append(state.failedCount())
                .append(" failed, ").append(state.skippedCount()).append(" skipped\n");
        out.append("Usage:      ").append(state.usage().describe()).append('\n');
        dev.harness.orchestrator.spend.RunSpend.describe(state.budget(), state.usage(), state.packets())
                .ifPresent(line -> out.append("Budget:     ").append(line).append('\n'));
        out.append('\n');
        List<List<String>> rows = new ArrayList<>();
        for (TaskState task : state.tasks(status)) {
            String why = task.failureClass() == null ? (task.lastReason() == null ? "" : task.lastReason())
                    : task.failureClass() + (task.lastReason() == null ? "" : ": " + task.lastReason());
            if (why.isEmpty() && task.status() == TaskStatus.COMPLETED && task.testWarning() != null) {
                why = "warning: " + task.testWarning();
            }
            rows.add(List.of(task.id(), task.status().wire() + (task.status() == TaskStatus.COMPLETED
                    && state.verificationOf(task) == TaskVerification.VERIFIED_ONLY ? " (verified only)"
                    : task.status() == TaskStatus.COMPLETED
                    && state.verificationOf(task) == TaskVerification.UNVERIFIABLE ? " (unverified)" : ""),
                    String.valueOf(task.attempts()), task.usage().brief(),
                    task.workerId() == null ? "-" : task.workerId(), Table.clean(task.title()), why.isEmpty() ? "-" : why));
        }
        out.append(Table.of(List.of("TASK", "STATUS", "ATTEMPTS", "USAGE", "WORKER", "TITLE", "LAST FAILURE / REASON"), rows));
        out.append(filesBlock(state.tasks()));
        Map<String, FailingCheck> checks = FailingCheck.lastPerTask(found.events());
        for (TaskState task : state.tasks(status)) {
            FailingCheck check = checks.get(task.id());
            if (check != null && (task.status() == TaskStatus.FAILED || task.status() == TaskStatus.AWAITING_DECISION)) {
                out.append('\n').append("Task ").append(task.id()).append(": ");
                List<String> lines = check.lines();
                out.append(dev.harness.orchestrator.render.SafeText.oneLine(lines.get(0))).append('\n');
                lines.subList(1, lines.size()).forEach(line -> out.append("  ").append(dev.harness.orchestrator.render.SafeText.oneLine(line)).append('\n'));
            }
        }
        Optional<Escalation> escalation = state.pendingEscalation();
        String where = state.workspace() == null ? "" : " --workspace " + dev.harness.protocol.CommandWords.quote(state.workspace());
        out.append('\n');
        if (escalation.isPresent()) {
            out.append("Waiting for a decision on task ").append(escalation.get().taskId()).append(": " + CommandName.current() + " resume ")
                    .append(runId).append(" --decision ")
                    .append(String.join("|", FailingCheck.allowedDecisions(found.events(), escalation.get().taskId()))).append(where).append('\n');
            if (escalation.get().reason() != null) { // the table cuts it; what to fix before deciding is here whole
                out.append("  Why: ").append(dev.harness.orchestrator.render.SafeText.oneLine(escalation.get().reason())).append('\n');
            }
        } else if (state.status() == RunStatus.AWAITING_APPROVAL) {
            out.append("Waiting for approval").append(state.pauseReason().map(r -> " (" + r + ")").orElse(""))
                    .append(": " + CommandName.current() + " resume ").append(runId).append(state.approvedDigest() == null ? " --yes --trust" : " --trust").append(where).append('\n');
        } else if (status == RunStatus.ABORTED) {
            out.append("Aborted: final. To run its unfinished tasks anyway: " + CommandName.current() + " resume ").append(runId)
                    .append(" --reopen").append(where).append('\n');
        } else if (status == RunStatus.RUNNING) {
            out.append("An orchestrator is running it now.\n");
        } else if (!status.isTerminal() || status == RunStatus.FAILED) {
            if (!state.tasksToRun().isEmpty()) {
                out.append("To continue: " + CommandName.current() + " resume ").append(runId).append(where).append('\n');
            }
        }
        for (String anomaly : state.anomalies()) {
            out.append("warning: ").append(anomaly).append('\n');
        }
        for (String warning : found.warnings()) {
            out.append("warning: ").append(warning).append('\n');
        }
        out.append("Log:        ").append(found.dir().eventsFile()).append('\n');
        return out.toString();
    }

    private static RunStatusReport json(RunState state, RunStatus status, RunLookup found) {
        List<ObjectNode> tasks = new ArrayList<>();
        for (TaskState task : state.tasks(status)) {
            tasks.add((ObjectNode) Json.toNode(task));
        }
        ObjectNode checks = Json.object();
        FailingCheck.lastPerTask(found.events()).forEach((task, check) -> checks.set(task, check.toJson()));
        return new RunStatusReport(found.dir().runId(), status, state.objective(), state.workspace(), state.planDigest(),
                state.approvedDigest(), state.approvalHolds(), state.completedCount(), state.failedCount(),
                state.skippedCount(), state.usage(), state.budget().isNone() ? null : state.budget(), tasks,
                state.pendingEscalation().map(Json::toNode).orElse(null), checks, state.tasksToRun(),
                found.dir().eventsFile().toString());
    }

    private static String abbreviate(String digest) {
        return digest == null ? "none" : digest.substring(0, Math.min(12, digest.length()));
    }

    /** Characters of one task's file list in the text status before it is cut (whole in status --json). */
    static final int FILES_WIDTH = 100;

    /**
     * "Files:" and a line per task whose packet lists the files it is expected to change; nothing
     * when no packet lists any (plans written before packets had the field).
     */
    static String filesBlock(List<TaskState> tasks) {
        List<List<String>> rows = new ArrayList<>();
        for (TaskState task : tasks) {
            if (!task.files().isEmpty()) {
                rows.add(List.of("  " + task.id(), dev.harness.orchestrator.render.SafeText.brief(String.join(", ", task.files()), FILES_WIDTH)));
            }
        }
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\nFiles (what each task is expected to change):\n");
        for (List<String> row : rows) {
            out.append(row.get(0)).append("  ").append(row.get(1)).append('\n');
        }
        return out.toString();
    }
}
