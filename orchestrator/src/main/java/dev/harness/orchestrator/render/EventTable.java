package dev.harness.orchestrator.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.RunEventCodec;
import dev.harness.api.run.SkipCause;
import dev.harness.api.worker.ChecksPlacement;
import dev.harness.api.worker.Evidence;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.protocol.Json;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The events of a run as a table for people ({@code orchestrator events RUN_ID} without --json):
 * SEQ, TIME, KIND, TASK, WORKER, DETAILS — the details one short line per event, chosen by kind.
 * The sentences read the typed events (api's {@link RunEvent}), so a kind added there without a
 * sentence here does not compile.
 */
public final class EventTable {
    static final int DETAILS_WIDTH = 100;

    public String render(List<LoggedEvent> events) {
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"SEQ", "TIME", "KIND", "TASK", "WORKER", "DETAILS"});
        for (LoggedEvent event : events) {
            rows.add(new String[] {
                Long.toString(event.seq()),
                SafeText.oneLine(event.time()),
                SafeText.oneLine(event.kind()),
                orDash(event.taskId()),
                orDash(event.workerId()),
                SafeText.brief(details(event), DETAILS_WIDTH)
            });
        }
        return Columns.format(rows) + (events.isEmpty() ? "(no events)\n" : "");
    }

    /**
     * One human sentence per kind (the orchestrator's own kinds and the worker manager's relayed
     * ones); a kind this version does not know shows its remaining fields.
     */
    static String details(LoggedEvent event) {
        return event.event().accept(SENTENCES);
    }

    private static final RunEvent.Visitor<String> SENTENCES = new RunEvent.Visitor<>() {
        @Override
        public String runStarted(RunEvent.RunStarted e) {
            return "objective: " + e.objective() + opt(" workspace: ", e.workspace());
        }

        @Override
        public String planCreated(RunEvent.PlanCreated e) {
            int warnings = e.warnings() == null ? 0 : e.warnings().size();
            return e.packets().size() + (e.packets().size() == 1 ? " task planned" : " tasks planned") + opt(" by ", e.planner())
                    + opt(", digest ", shortDigest(e.digest())) + (warnings > 0 ? ", " + warnings + (warnings == 1 ? " warning" : " warnings") : "");
        }

        @Override
        public String gateApprovalRequested(RunEvent.GateApprovalRequested e) {
            return "the " + e.gate() + " gate asks for approval" + opt(" of digest ", shortDigest(e.digest()));
        }

        @Override
        public String gateApproved(RunEvent.GateApproved e) {
            return gateDecision(e, "approved");
        }

        @Override
        public String gateRejected(RunEvent.GateRejected e) {
            return gateDecision(e, "rejected");
        }

        @Override
        public String gateModified(RunEvent.GateModified e) {
            return gateDecision(e, "modified");
        }

        private String gateDecision(RunEvent.GateDecision e, String how) {
            return e.gate() + " gate " + how + opt(" by ", e.approver()) + opt(" via ", str(e.source()))
                    + opt(", digest ", shortDigest(e.digest())) + opt(": ", e.comment());
        }

        @Override
        public String bootstrapPhaseStarted(RunEvent.BootstrapPhaseStarted e) {
            return "phase " + e.phase() + " started";
        }

        @Override
        public String bootstrapPhaseCompleted(RunEvent.BootstrapPhaseCompleted e) {
            List<String> diagnostics = e.diagnostics() == null ? List.of() : e.diagnostics();
            return "phase " + e.phase() + (e.success() ? " ok" : " FAILED")
                    + (diagnostics.isEmpty() ? "" : ": " + diagnostics.get(0)
                    + (diagnostics.size() > 1 ? " (+" + (diagnostics.size() - 1) + " more)" : ""));
        }

        @Override
        public String taskStarted(RunEvent.TaskStarted e) {
            return "attempt " + e.attempt() + " started";
        }

        @Override
        public String taskCompleted(RunEvent.TaskCompleted e) {
            return "completed in " + duration(e.durationMs()) + opt(" on branch ", e.branch())
                    + opt(", commit ", shortDigest(e.commit()));
        }

        @Override
        public String taskFailed(RunEvent.TaskFailed e) {
            return "failed: " + join(str(e.failureClass()), e.reason()) + (e.awaitsDecision() ? " (waits for a decision)" : "");
        }

        @Override
        public String taskSkipped(RunEvent.TaskSkipped e) {
            return (e.cause() == SkipCause.POSTPONED ? "postponed: " : "skipped: ") + e.reason();
        }

        @Override
        public String decisionRecorded(RunEvent.DecisionRecorded e) {
            return e.decision() + " decided" + opt(" by ", e.approver()) + opt(" via ", str(e.source()))
                    + opt(": ", e.comment());
        }

        @Override
        public String runPaused(RunEvent.RunPaused e) {
            return "paused, " + e.status() + opt(": ", e.reason());
        }

        @Override
        public String runResumed(RunEvent.RunResumed e) {
            return "resumed from " + e.fromStatus() + opt(", decision ", str(e.decision()))
                    + opt(", to run: ", list(e.tasksToRun()));
        }

        @Override
        public String runInterrupted(RunEvent.RunInterrupted e) {
            return "interrupted by " + e.signal() + opt("; cancelled ", list(e.runningTasks()));
        }

        @Override
        public String logRepaired(RunEvent.LogRepaired e) {
            return "line " + e.line() + " was cut off (" + e.droppedCharacters() + " characters dropped)"
                    + opt(", saved to ", e.savedTo());
        }

        @Override
        public String workerEventsUnavailable(RunEvent.WorkerEventsUnavailable e) {
            return "events of worker " + e.workerId() + " after " + orFirst(e.lastWorkerEventId(), "the start")
                    + " unavailable" + opt(": ", e.reason());
        }

        @Override
        public String executionComplete(RunEvent.ExecutionComplete e) {
            return e.status() + ": " + e.completed() + " completed, " + e.failed() + " failed, " + e.skipped() + " skipped";
        }

        @Override
        public String runCompleted(RunEvent.RunCompleted e) {
            return "run " + e.status() + opt(": ", e.completed(), " completed") + opt(", ", e.failed(), " failed")
                    + opt(", ", e.skipped(), " skipped") + opt(" (", e.reason(), ")");
        }

        @Override
        public String worktreePrepared(RunEvent.WorktreePrepared e) {
            return "worktree " + e.worktree() + " prepared" + opt(" by '", e.setupCommand(), "'")
                    + opt(" in ", e.durationMs() == null ? null : duration(e.durationMs()));
        }

        @Override
        public String setupFailed(RunEvent.SetupFailed e) {
            return failed("worktree setup '" + e.command() + "'", e.exitCode(), e.reason());
        }

        @Override
        public String mergeStarted(RunEvent.MergeStarted e) {
            return "merging " + e.branch() + opt(" (", shortDigest(e.commit()), ")") + " into " + e.target();
        }

        @Override
        public String mergeCompleted(RunEvent.MergeCompleted e) {
            return "merged " + e.branch() + " into " + e.target() + opt(" by ", str(e.how()))
                    + opt(", now ", shortDigest(e.result()));
        }

        @Override
        public String mergeConflict(RunEvent.MergeConflict e) {
            return "merging " + e.branch() + " into " + e.target() + " conflicts" + opt(" in ", list(e.files()));
        }

        @Override
        public String integrationCompleted(RunEvent.IntegrationCompleted e) {
            int merged = e.merged() == null ? 0 : e.merged().size();
            return "integrated " + merged + (merged == 1 ? " task on " : " tasks on ") + e.branch()
                    + opt(" at ", shortDigest(e.commit())) + opt(": ", e.diffstat());
        }

        @Override
        public String applyCompleted(RunEvent.ApplyCompleted e) {
            return "applied " + e.branch() + opt(" by ", e.how()) + opt(" to ", e.targetBranch())
                    + opt(" (", shortDigest(e.from())) + opt(" → ", shortDigest(e.to()), ")");
        }

        @Override
        public String worktreeRemoved(RunEvent.WorktreeRemoved e) {
            return "worktree " + e.worktree() + " removed";
        }

        @Override
        public String cleanCompleted(RunEvent.CleanCompleted e) {
            return "cleaned: " + size(e.removedWorktrees()) + " worktrees removed, " + size(e.deletedBranches())
                    + " branches deleted" + opt(", kept ", list(e.kept())) + (Boolean.TRUE.equals(e.forced()) ? " (forced)" : "");
        }

        @Override
        public String notificationSent(RunEvent.NotificationSent e) {
            return "notified (" + e.notification() + ")" + opt(" by '", e.command(), "'");
        }

        @Override
        public String notificationFailed(RunEvent.NotificationFailed e) {
            return failed("notification (" + e.notification() + ")", e.exitCode(), e.reason());
        }

        @Override
        public String workerEventRelayed(RunEvent.WorkerEventRelayed e) {
            try {
                return worker(e, e.details());
            } catch (IllegalArgumentException unreadable) {
                return rest(RunEventCodec.fields(e)); // as it is: the table never hides an event
            }
        }

        @Override
        public String unknown(RunEvent.Unknown e) {
            return rest(e.fields());
        }
    };

    /** The worker manager's events, relayed: one sentence per payload. */
    private static String worker(RunEvent.WorkerEventRelayed e, WorkerEventPayload payload) {
        return switch (e.workerKind()) {
            case SPAWNING -> {
                WorkerEventPayload.Spawning p = (WorkerEventPayload.Spawning) payload;
                yield "worker spawned" + opt(" for agent ", p.agent()) + opt(" in ", p.scopePath());
            }
            case TRUST_REQUIRED -> "the workspace needs trust" + opt(": ", ((WorkerEventPayload.StateChanged) payload).reason());
            case TRUST_RESOLVED -> {
                WorkerEventPayload.TrustResolved p = (WorkerEventPayload.TrustResolved) payload;
                yield "trusted" + opt(" by ", p.approver()) + opt(" via ", str(p.source()));
            }
            case TRUST_DENIED -> {
                WorkerEventPayload.TrustDenied p = (WorkerEventPayload.TrustDenied) payload;
                yield "trust denied" + opt(" by ", p.approver()) + opt(": ", p.reason());
            }
            case READY_FOR_PROMPT -> "ready to run";
            case RUNNING -> "running" + opt(" (", ((WorkerEventPayload.StateChanged) payload).reason(), ")");
            case FINISHED -> "worker finished: every check passed";
            case FAILED -> {
                WorkerEventPayload.StateChanged p = (WorkerEventPayload.StateChanged) payload;
                yield "worker failed" + opt(": ", join(str(p.failureClass()), p.reason()))
                        + (p.awaitsDecision() ? " (escalated)" : "");
            }
            case CANCELLED -> "worker cancelled" + opt(": ", ((WorkerEventPayload.StateChanged) payload).reason());
            case ATTEMPT_STARTED -> {
                WorkerEventPayload.AttemptStarted p = (WorkerEventPayload.AttemptStarted) payload;
                yield "attempt " + (p.attempt() != null ? p.attempt() : e.attempt()) + " started"
                        + opt(" with agent ", p.agent())
                        + (Boolean.TRUE.equals(p.withFeedback()) ? " (with the last failure as feedback)" : "");
            }
            case AGENT_EXITED -> {
                WorkerEventPayload.AgentExited p = (WorkerEventPayload.AgentExited) payload;
                yield "agent " + orFirst(p.agent(), "") + " exited "
                        + (Boolean.TRUE.equals(p.timedOut()) ? "(timed out)" : "with code " + p.exitCode())
                        + opt(" after ", p.durationMs() == null ? null : duration(p.durationMs()))
                        + opt(": ", p.startError());
            }
            case ACCEPTANCE_TEST_RESULT -> {
                WorkerEventPayload.AcceptanceTestResult p = (WorkerEventPayload.AcceptanceTestResult) payload;
                yield "check " + dev.harness.protocol.CommandWords.shown(p.command()) + " " + (Boolean.TRUE.equals(p.passed()) ? "passed"
                        : Boolean.TRUE.equals(p.timedOut()) ? "timed out" : "failed with exit code " + p.exitCode())
                        + opt(", log ", p.log());
            }
            case COMMIT_CREATED -> {
                WorkerEventPayload.CommitCreated p = (WorkerEventPayload.CommitCreated) payload;
                yield "committed " + shortDigest(p.commit()) + opt(" on ", p.branch());
            }
            case COMMIT_SKIPPED -> "no commit" + opt(": ", ((WorkerEventPayload.CommitSkipped) payload).reason());
            case PERMISSION_REQUIRED -> "permission required"
                    + opt(": ", ((WorkerEventPayload.PermissionRequired) payload).reason());
            case FAILURE_CLASSIFIED -> {
                WorkerEventPayload.FailureClassified p = (WorkerEventPayload.FailureClassified) payload;
                Evidence evidence = p.evidence();
                yield "classified " + p.failureClass() + opt(" from ", evidence == null ? null : evidence.source())
                        + opt(": ", evidence == null ? null : evidence.detail());
            }
            case RECOVERY_ATTEMPTED -> {
                WorkerEventPayload.RecoveryAttempted p = (WorkerEventPayload.RecoveryAttempted) payload;
                yield p.action() + " for " + p.failureClass() + opt(", retry ", p.retry()) + opt(" of ", p.maxRetries())
                        + opt(", next attempt ", p.nextAttempt());
            }
            case RECOVERY_APPLIED -> {
                WorkerEventPayload.RecoveryApplied p = (WorkerEventPayload.RecoveryApplied) payload;
                yield "recovery " + p.outcome() + opt(" (now ", str(p.newFailureClass()), ")");
            }
            case RECOVERY_ESCALATION -> {
                WorkerEventPayload.RecoveryEscalation p = (WorkerEventPayload.RecoveryEscalation) payload;
                yield "escalated to a person: " + join(str(p.failureClass()), orFirst(p.summary(), p.reason()))
                        + opt("; may decide ", list(p.allowedDecisions()));
            }
            case DECISION_RECORDED -> {
                WorkerEventPayload.DecisionRecorded p = (WorkerEventPayload.DecisionRecorded) payload;
                yield p.decision() + " decided" + opt(" by ", p.approver()) + opt(" via ", str(p.source()))
                        + opt(": ", p.comment());
            }
            case INTERRUPTED -> "found interrupted" + opt(": ", ((WorkerEventPayload.Interrupted) payload).reason());
            case WORKTREE_CREATED -> {
                WorkerEventPayload.WorktreeCreated p = (WorkerEventPayload.WorktreeCreated) payload;
                yield "worktree " + p.worktree() + opt(" on branch ", p.branch());
            }
            case WORKTREE_PREPARED -> {
                WorkerEventPayload.WorktreePrepared p = (WorkerEventPayload.WorktreePrepared) payload;
                // source "none": nothing to prepare (no setup command, no npm project), not a command named null
                yield p.command() == null ? "worktree ready (no setup command)"
                        : "worktree prepared by '" + p.command() + "'" + opt(" (exit ", p.exitCode(), ")");
            }
            case SETUP_FAILED -> {
                WorkerEventPayload.SetupFailed p = (WorkerEventPayload.SetupFailed) payload;
                yield "worktree setup '" + p.command() + "' failed" + opt(" with exit code ", p.exitCode());
            }
            case WORKTREE_RESET -> "worktree reset" + opt(" to ", shortDigest(((WorkerEventPayload.WorktreeReset) payload).commit()));
            case HOST_ASSIGNED -> {
                WorkerEventPayload.HostAssigned p = (WorkerEventPayload.HostAssigned) payload;
                yield "on worker host " + p.host() + opt(" (dispatch ", p.hostAttempt(), ")");
            }
            case HOST_LOST -> {
                WorkerEventPayload.HostLost p = (WorkerEventPayload.HostLost) payload;
                yield "worker host " + p.host() + " lost" + opt(" (dispatch ", p.hostAttempt(), ")") + opt(": ", p.reason());
            }
            case CHECKS_PLACED -> {
                WorkerEventPayload.ChecksPlaced p = (WorkerEventPayload.ChecksPlaced) payload;
                ChecksPlacement placement = p.placement() == null ? ChecksPlacement.IN_PLACE : p.placement();
                yield switch (placement) {
                    case GIT_CHECKOUT -> "checks run in a throwaway checkout of " + p.workdir()
                            + (p.reason() == null ? " (your files untouched)" : ": " + p.reason());
                    case COPY -> "checks run in a throwaway copy of " + p.workdir() + " (your files untouched)";
                    case IN_PLACE -> "checks run in place, in " + p.directory() + opt(": ", p.reason());
                };
            }
            case USAGE_RECORDED -> {
                WorkerEventPayload.UsageRecorded p = (WorkerEventPayload.UsageRecorded) payload;
                yield "used" + opt(" $", p.costUsd()) + opt(", ", p.inputTokens(), " tokens in")
                        + opt(", ", p.outputTokens(), " out") + opt(", ", p.numTurns(), " turns") + opt(" (", p.source(), ")");
            }
        };
    }

    /** Fields not already in their own column, as compact JSON (state first for worker events). */
    private static String rest(ObjectNode fields) {
        ObjectNode rest = fields.deepCopy();
        rest.remove(List.of("task_id", "worker_id"));
        if (rest.isEmpty()) {
            return "";
        }
        if (rest.get("state") != null && rest.get("state").isValueNode()) {
            String state = rest.remove("state").asText();
            return "state " + state + (rest.isEmpty() ? "" : " " + Json.write(rest));
        }
        return Json.write(rest);
    }

    private static String duration(Long ms) {
        return ms == null ? "done" : Console.formatDuration(Duration.ofMillis(ms));
    }

    private static String shortDigest(String digest) {
        return digest == null ? null : digest.substring(0, Math.min(12, digest.length()));
    }

    private static String list(List<?> items) {
        return items == null ? null : items.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static int size(List<?> items) {
        return items == null ? 0 : items.size();
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b == null ? "" : b;
        }
        return b == null ? a : a + ": " + b;
    }

    /** "WHAT failed with exit code N: REASON", each part only when known (a setup command, a notifier). */
    private static String failed(String what, Integer exitCode, String reason) {
        return what + " failed" + opt(" with exit code ", exitCode) + opt(": ", reason);
    }

    private static String opt(String label, Object value) {
        return opt(label, value, "");
    }

    private static String opt(String label, Object value, String after) {
        String text = value == null ? null : Objects.toString(value);
        return text == null || text.isEmpty() ? "" : label + text + after;
    }

    private static String orFirst(String a, String b) {
        return a != null && !a.isEmpty() ? a : b;
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : SafeText.brief(s, 40);
    }
}
