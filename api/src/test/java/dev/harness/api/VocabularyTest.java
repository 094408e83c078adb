package dev.harness.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.bootstrap.BootstrapContext;
import dev.harness.api.bootstrap.BootstrapPlan;
import dev.harness.api.bootstrap.BootstrapStatus;
import dev.harness.api.bootstrap.Phase;
import dev.harness.api.bootstrap.PhaseArtifacts;
import dev.harness.api.bootstrap.PhaseCompleted;
import dev.harness.api.bootstrap.PhaseRecord;
import dev.harness.api.bootstrap.PhaseRecordStatus;
import dev.harness.api.bootstrap.PhaseResult;
import dev.harness.api.bootstrap.PhaseStarted;
import dev.harness.api.bootstrap.PlanResult;
import dev.harness.api.plan.Plan;
import dev.harness.api.plan.PlanFinding;
import dev.harness.api.plan.PlanReport;
import dev.harness.api.plan.Scope;
import dev.harness.api.plan.TaskPacket;
import dev.harness.api.plan.VerificationStrength;
import dev.harness.api.rpc.BootstrapError;
import dev.harness.api.rpc.BootstrapMethods;
import dev.harness.api.rpc.MethodDescriptor;
import dev.harness.api.rpc.PlanningError;
import dev.harness.api.rpc.PlanningMethods;
import dev.harness.api.rpc.WorkerError;
import dev.harness.api.rpc.WorkerErrorData;
import dev.harness.api.rpc.WorkerMethods;
import dev.harness.api.run.Gate;
import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.PauseStatus;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.RunEventCodec;
import dev.harness.api.run.MergeMethod;
import dev.harness.api.run.RunEventKind;
import dev.harness.api.run.RunOutcome;
import dev.harness.api.run.RunStatus;
import dev.harness.api.run.RunStatusReport;
import dev.harness.api.run.SkipCause;
import dev.harness.api.run.TaskVerification;
import dev.harness.api.run.TaskStatus;
import dev.harness.api.worker.Approval;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.worker.Budget;
import dev.harness.api.worker.Decision;
import dev.harness.api.worker.UsageTotal;
import dev.harness.api.worker.DecisionRecord;
import dev.harness.api.worker.Evidence;
import dev.harness.api.worker.EvidenceSource;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.RecoveryAction;
import dev.harness.api.worker.TestEvidence;
import dev.harness.api.worker.TestResult;
import dev.harness.api.worker.TrustAssessment;
import dev.harness.api.worker.TrustDenial;
import dev.harness.api.worker.TrustVerdictKind;
import dev.harness.api.worker.Verification;
import dev.harness.api.worker.WorkerEvent;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.api.worker.WorkerSnapshot;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.Contract;
import dev.harness.protocol.Json;
import dev.harness.protocol.SchemaCatalog;
import dev.harness.protocol.SchemaCatalog.CompiledSchema;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The vocabulary against the spec, record by record and enum by enum: every record serialises to
 * JSON its schema accepts and reads back equal; every enum's wire names are exactly its schema's
 * enum; every method descriptor and error name is exactly the contract's.
 */
class VocabularyTest {
    private static final SchemaCatalog CATALOG = SchemaCatalog.shared();
    private static final Contract PLANNING = Contract.load("planning-service");
    private static final Contract BOOTSTRAP = Contract.load("bootstrap-service");
    private static final Contract WORKERS = Contract.load("worker-manager");

    // ---- samples: one or more instances of every record, each with the schema it must satisfy ----

    private record Sample(Object value, CompiledSchema schema) {}

    private static CompiledSchema def(String file, String def) {
        ObjectNode ref = Json.object().put("$ref", file + ".schema.json#/$defs/" + def);
        return CATALOG.embedded(SchemaCatalog.BASE + "schemas/vocabulary-test.json", "/" + file + "/" + def, ref);
    }

    static TaskPacket packet(String id, String... deps) {
        return new TaskPacket(id, "Title " + id, "Do " + id, null, Scope.MODULE, "src/" + id, List.of("test -d src"),
                List.of(deps), "single verified commit", "ask", VerificationStrength.TARGETED, true, 600);
    }

    static ArrayNode packetsJson(TaskPacket... packets) {
        return (ArrayNode) Json.toNode(List.of(packets));
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) Json.parse(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final TaskPacket WORKSPACE_PACKET = new TaskPacket("all", null, "Check everything", "why", Scope.WORKSPACE,
            null, List.of("true"), null, null, null, null, null, null);
    private static final Approval APPROVAL = new Approval("ana", ApprovalSource.HUMAN_TTY, "2026-01-01T00:00:00.000Z",
            "looked fine", "a".repeat(64), null, null);
    private static final Evidence EVIDENCE = new Evidence("exit_code", "the agent exited 126", 126, null, null, null, "tail", 429, null, null);
    private static final DecisionRecord DECISION = new DecisionRecord(Decision.RETRY, "ana", ApprovalSource.HUMAN_DECISION,
            "2026-01-01T00:00:00.000Z", null, FailureClass.PERMISSION, "b".repeat(64), true, null, null, 2, true, 3);
    private static final TestResult TEST = new TestResult(0, "make test", null, false, true, 1200L, "...", 3000L, true, "/tmp/t.log");

    private static List<Sample> samples() {
        List<Sample> s = new ArrayList<>();
        CompiledSchema packetSchema = CATALOG.named("task-packet");
        s.add(new Sample(packet("a"), packetSchema));
        s.add(new Sample(packet("b", "a"), CATALOG.named("planned-task-packet")));
        s.add(new Sample(WORKSPACE_PACKET, packetSchema));
        s.add(new Sample(new TaskPacket("spend", null, "Spend a little", null, Scope.WORKSPACE, null, List.of("true"), null,
                null, null, null, false, 2.5, 400_000L, 60), packetSchema));
        s.add(new Sample(new TaskPacket("files", null, "Parse the prefix", null, Scope.WORKSPACE, ".", List.of("go test ./..."),
                null, null, null, null, true, null, null, 60, List.of("uuid.go", "cmd/x/main_test.go")), packetSchema));
        s.add(new Sample(new Plan("p1", "obj", List.of(packet("a"), packet("b", "a")), List.of("w"), "built_in", "/w",
                "2026-01-01T00:00:00Z", "c".repeat(64)), CATALOG.named("plan")));
        PlanFinding finding = new PlanFinding("cycle", "a depends on itself", "a", "/0/depends_on");
        s.add(new Sample(finding, null)); // inside the report below
        s.add(new Sample(new PlanReport(false, List.of(finding), List.of(new PlanFinding("vague", "vague", null, null))),
                PLANNING.resultSchema("validate")));
        s.add(new Sample(new PlanningMethods.DecomposeParams("add dark mode", object("{\"cwd\":\"/w\"}")),
                PLANNING.paramsSchema("decompose")));
        s.add(new Sample(new PlanningMethods.RefineParams(List.of((ObjectNode) Json.toNode(packet("a"))), "drop b", "obj", null),
                PLANNING.paramsSchema("refine")));
        s.add(new Sample(new PlanningMethods.Where("/w", null, "clean", java.math.BigInteger.valueOf(5)), null)); // decompose's context
        s.add(new Sample(new PlanningMethods.ValidateParams(List.of(object("{\"id\":\"x\"}"))),
                PLANNING.paramsSchema("validate")));

        BootstrapContext context = new BootstrapContext("/w", List.of("CLAUDE.md"), "/r", "none", packet("a"), false,
                List.of("src"), 10, 20);
        s.add(new Sample(context, def("bootstrap-plan", "context")));
        s.add(new Sample(new BootstrapPlan(List.of(Phase.CLI_ENTRY, Phase.MAIN_RUNTIME), context, true),
                CATALOG.named("bootstrap-plan")));
        PhaseResult result = new PhaseResult(Phase.MCP_FASTPATH, true, List.of("2 servers"),
                object("{\"servers_ok\":2}"), false, List.of(Phase.CLI_ENTRY), "2026-01-01T00:00:00Z", 12L);
        s.add(new Sample(result, BOOTSTRAP.resultSchema("execute_phase")));
        s.add(new Sample(new PlanResult(false, List.of(result), Phase.MAIN_RUNTIME), BOOTSTRAP.resultSchema("execute_plan")));
        PhaseRecord record = new PhaseRecord(Phase.CLI_ENTRY, PhaseRecordStatus.SUCCEEDED, "2026-01-01T00:00:00Z", true);
        s.add(new Sample(record, null)); // inside the status below
        s.add(new Sample(new BootstrapStatus("/w", "/r", List.of(record), false), BOOTSTRAP.resultSchema("get_status")));
        s.add(new Sample(new PhaseStarted(Phase.CLI_ENTRY, 1L, "t", "/w"), BOOTSTRAP.notificationSchema("phase_started")));
        s.add(new Sample(new PhaseCompleted(Phase.CLI_ENTRY, true, false, Json.object(), List.of(), 1L, "t", 3L),
                BOOTSTRAP.notificationSchema("phase_completed")));
        s.add(new Sample(new BootstrapMethods.ExecutePhaseParams(Phase.CLI_ENTRY, context, false),
                BOOTSTRAP.paramsSchema("execute_phase")));
        s.add(new Sample(new BootstrapMethods.GetStatusParams(BootstrapContext.of("/w")), BOOTSTRAP.paramsSchema("get_status")));

        ObjectNode packetJson = (ObjectNode) Json.toNode(packet("a"));
        s.add(new Sample(new WorkerMethods.SpawnParams(packetJson, "/w", "none", "a", "p1", List.of("harness/x"),
                "20261130-010203-abcd", "npm ci", "merge conflict in src/x", "/r/prompt.md", new Budget(1.5, null),
                new Budget(4.0, 200_000L)), WORKERS.paramsSchema("spawn_worker")));
        s.add(new Sample(new WorkerMethods.SpawnParams(packetJson, "/w"),
                WORKERS.paramsSchema("spawn_worker")));
        s.add(new Sample(new WorkerMethods.SpawnResult("w1", WorkerState.SPAWNING), WORKERS.resultSchema("spawn_worker")));
        s.add(new Sample(new WorkerMethods.WorkerRef("w1"), WORKERS.paramsSchema("check_trust")));
        s.add(new Sample(new WorkerMethods.CheckTrustResult(true, "not under a trusted root", WorkerState.TRUST_REQUIRED),
                WORKERS.resultSchema("check_trust")));
        s.add(new Sample(new WorkerMethods.GrantTrustParams("20261130-010203-abcd", "/work/app", List.of("d".repeat(64)),
                ApprovalSource.HUMAN_TTY, "ana", "trusted at the terminal"), WORKERS.paramsSchema("grant_trust")));
        s.add(new Sample(new WorkerMethods.GrantTrustResult("requires_approval", "not under a trusted root", true, 1),
                WORKERS.resultSchema("grant_trust")));
        s.add(new Sample(new WorkerMethods.MarkTrustedParams("w1", ApprovalSource.CLI_FLAG, "ana", "--trust", "d".repeat(64)),
                WORKERS.paramsSchema("mark_trusted")));
        s.add(new Sample(new WorkerMethods.MarkTrustedResult(true, WorkerState.READY_FOR_PROMPT, "d".repeat(64)),
                WORKERS.resultSchema("mark_trusted")));
        s.add(new Sample(new WorkerMethods.DenyTrustParams("w1", "ana", "no"), WORKERS.paramsSchema("deny_trust")));
        s.add(new Sample(new WorkerMethods.DenyTrustResult(true, WorkerState.FAILED), WORKERS.resultSchema("deny_trust")));
        s.add(new Sample(new WorkerMethods.RunParams("w1", "be brief"), WORKERS.paramsSchema("run_worker")));
        s.add(new Sample(new WorkerMethods.RunResult("w1", WorkerState.RUNNING), WORKERS.resultSchema("run_worker")));
        s.add(new Sample(new WorkerMethods.WaitParams("w1", 500L), WORKERS.paramsSchema("wait_worker")));
        s.add(new Sample(new WorkerMethods.ListParams(WorkerState.FAILED), WORKERS.paramsSchema("list_workers")));
        s.add(new Sample(new WorkerMethods.ListParams(null, "w1", 50), WORKERS.paramsSchema("list_workers")));
        s.add(new Sample(new WorkerMethods.CancelParams("w1", "enough"), WORKERS.paramsSchema("cancel_worker")));
        s.add(new Sample(new WorkerMethods.DecideParams("w1", Decision.SKIP, "ana", "later", false, ApprovalSource.WEB),
                WORKERS.paramsSchema("decide")));

        WorkerEvent event = new WorkerEvent("w1:3", WorkerEventKind.FAILURE_CLASSIFIED, "w1", 1L, "t", 3L, WorkerState.RUNNING,
                "a", 1, (ObjectNode) Json.toNode(new WorkerEventPayload.FailureClassified(FailureClass.PERMISSION, EVIDENCE)));
        s.add(new Sample(event, CATALOG.named("worker-event")));
        WorkerSnapshot snapshot = new WorkerSnapshot("w1", "a", "p1", WorkerState.FAILED, packetJson, "d".repeat(64), "/w",
                "src/a", "none", 2, true, FailureClass.PERMISSION, EVIDENCE, "exit 126",
                new TrustAssessment(TrustVerdictKind.TRUSTED, "under /w", "/w", "/etc/policy.yaml"), APPROVAL, DECISION,
                List.of(DECISION, new DecisionRecord(null, "policy", ApprovalSource.POLICY, "t", null, null, "e".repeat(64),
                        null, "denied root", "/w", null, null, null)),
                "/w/src", "/wt", "harness/a", "abc", List.of("harness/r/b"), "def", Verification.CHANGED_AND_VERIFIED,
                new TestEvidence(TestEvidence.Kind.NEW_TEST_FAILS_ON_BASE, "abc", List.of("test/a.test.js"),
                        List.of(TestEvidence.BaseRun.of("npm test", 1, false, 40L, "/l/base-test-1.log")), "fails on the base"),
                new WorkerSnapshot.Changes(1, List.of("src/a/x.js")), List.of(TEST), List.of(object("{\"attempt\":1}")),
                List.of("/l"), "t0", "t1", "t2", "t3", 5L, 4, List.of(event), false);
        s.add(new Sample(snapshot, WORKERS.resultSchema("get_worker")));
        s.add(new Sample(new WorkerMethods.WorkerList(List.of(snapshot)), WORKERS.resultSchema("list_workers")));
        s.add(new Sample(new WorkerMethods.WorkerList(List.of(snapshot), "w1", false), WORKERS.resultSchema("list_workers")));
        s.add(new Sample(new WorkerMethods.EventsParams("w1", 2L, null, 100), WORKERS.paramsSchema("get_worker_events")));
        s.add(new Sample(new WorkerMethods.WorkerEvents("w1", WorkerState.RUNNING, 4L, List.of(event), 3L, true),
                WORKERS.resultSchema("get_worker_events")));
        s.add(new Sample(new WorkerSnapshot.Changes(2, List.of("a", "b")), null)); // inside the snapshot
        // views of phase artifacts (open objects in the contract: no schema of their own)
        var git = new PhaseArtifacts.GitState(true, true, "main", true, null);
        var credential = new PhaseArtifacts.Credential("ANTHROPIC_API_KEY", false);
        var agent = new PhaseArtifacts.AgentCheck("claude", "flag", List.of(credential), false);
        var file = new PhaseArtifacts.InstructionFile("AGENTS.md", "instructions", true, 120L);
        var prompt = new PhaseArtifacts.PromptFile("/r/prompt.md", 993L, "e".repeat(64));
        var server = new PhaseArtifacts.McpServer("tools", true, true, null, 2, null);
        var command = new PhaseArtifacts.CommandCheck("agent", "claude", true, true, 0);
        var writable = new PhaseArtifacts.WritablePath("src", true);
        for (Object view : List.of(git, credential, agent, file, prompt, server, command, writable,
                new PhaseArtifacts.CliEntry(git, agent, "/r"), new PhaseArtifacts.SystemPrompt(List.of(file), prompt),
                new PhaseArtifacts.Mcp(List.of(server)), new PhaseArtifacts.DaemonWorker(List.of(command), List.of(writable)),
                new PhaseArtifacts.MainRuntime(true, "/r/report.json"))) {
            s.add(new Sample(view, null));
        }
        s.add(new Sample(new TestEvidence(TestEvidence.Kind.TESTS_PASS_ON_BASE, "abc", List.of("test/a_test.py"),
                List.of(TestEvidence.BaseRun.of("pytest test/a_test.py", 0, false, 900L, "/l/base-test-1.log")),
                "every acceptance test already passes on the base"), def("worker-event", "test_evidence")));
        s.add(new Sample(TestEvidence.BaseRun.of("npm test", null, true, 60_000L, null), null)); // inside test_evidence
        // records embedded in others: checked inside the snapshot's schema
        s.add(new Sample(APPROVAL, null));
        s.add(new Sample(DECISION, null));
        s.add(new Sample(EVIDENCE, null));
        s.add(new Sample(TEST, null));
        s.add(new Sample(new TrustAssessment(TrustVerdictKind.DENIED, "denied root", "/w", null), null));
        s.add(new Sample(new Budget(2.5, 400_000L), def("run-event", "budget")));
        // orchestrator status --json (read by harness-mcp; no schema of its own)
        s.add(new Sample(new RunStatusReport("r1", RunStatus.AWAITING_TRUST, "add dark mode", "/w", "a".repeat(64),
                "a".repeat(64), true, 0, 0, 0, UsageTotal.NONE, new Budget(2.5, null),
                List.of(object("{\"id\":\"t1\",\"title\":\"Add a toggle\",\"status\":\"pending\"}")), null,
                Json.object(), List.of("t1"), "/runs/r1/events.jsonl"), null));
        s.add(new Sample(new RunStatusReport.TaskLine("t1", "Add a toggle"), null));
        s.add(new Sample(new Budget(null, 1L), def("run-event", "budget")));
        s.add(new Sample(UsageTotal.NONE.plus(new WorkerEventPayload.UsageRecorded(1, "claude_result", 0.0421, 12L, 340L, 9000L,
                150L, 3, false, 0)), null)); // status --json and runs --json carry it
        // error data (the contract declares the errors, not their data's shape)
        s.add(new Sample(new WorkerErrorData.TrustRefused("w1", WorkerState.TRUST_REQUIRED, "/w", "denied root", "/w",
                "a".repeat(64), "b".repeat(64)), null));
        s.add(new Sample(new WorkerErrorData.WorkspaceMissing("/nowhere"), null));
        s.add(new Sample(new WorkerErrorData.ScopeOutside("../x", "/w", "/x"), null));
        s.add(new Sample(new WorkerErrorData.IllegalTransition(WorkerState.FAILED, WorkerState.RUNNING,
                List.of(WorkerState.READY_FOR_PROMPT, WorkerState.CANCELLED)), null));
        s.add(new Sample(new WorkerErrorData.NoEscalationPending(WorkerState.RUNNING, false), null));
        s.add(new Sample(new TrustDenial("ana", ApprovalSource.HUMAN_DENIAL, "t", "no", null, "c", "f".repeat(64)),
                def("worker-event", "payload_trust_denied")));
        return s;
    }

    /** One payload per worker event kind; each is checked inside a whole worker_event of its kind. */
    static Map<WorkerEventKind, WorkerEventPayload> payloads() {
        var state = new WorkerEventPayload.StateChanged(WorkerState.RUNNING, WorkerState.FAILED, "tests failed",
                FailureClass.LOGIC_ERROR, true, Decision.ABORT, 2, 5000L, 1, "abc", "harness/a",
                Verification.VERIFIED_UNCHANGED, 0, List.of(),
                TestEvidence.notChecked(null, List.of(), "the workspace is not a git work tree"), false, "none");
        return Map.ofEntries(
                Map.entry(WorkerEventKind.SPAWNING, new WorkerEventPayload.Spawning("/w", "src", "none", "d".repeat(64), "p1")),
                Map.entry(WorkerEventKind.TRUST_REQUIRED, state),
                Map.entry(WorkerEventKind.READY_FOR_PROMPT, state),
                Map.entry(WorkerEventKind.RUNNING, state),
                Map.entry(WorkerEventKind.FINISHED, state),
                Map.entry(WorkerEventKind.FAILED, state),
                Map.entry(WorkerEventKind.CANCELLED, state),
                Map.entry(WorkerEventKind.TRUST_RESOLVED, new WorkerEventPayload.TrustResolved("policy",
                        ApprovalSource.AUTO_ALLOWLIST, "t", null, "d".repeat(64), "/w", "/p.yaml")),
                Map.entry(WorkerEventKind.TRUST_DENIED, new WorkerEventPayload.TrustDenied("ana", ApprovalSource.HUMAN_DENIAL,
                        "t", "no", "/w", "c", "d".repeat(64))),
                Map.entry(WorkerEventKind.ATTEMPT_STARTED, new WorkerEventPayload.AttemptStarted(1, "claude", "/w", "/l", false)),
                Map.entry(WorkerEventKind.AGENT_EXITED, new WorkerEventPayload.AgentExited("claude", null, true, 10L, null,
                        "/l/agent.log", object("{\"subtype\":\"success\"}"), "tail", 4L, false)),
                Map.entry(WorkerEventKind.ACCEPTANCE_TEST_RESULT, new WorkerEventPayload.AcceptanceTestResult(0, "make",
                        1, false, false, 3L, "FAIL", 4L, false, null)),
                Map.entry(WorkerEventKind.COMMIT_CREATED, new WorkerEventPayload.CommitCreated("harness/a", "/wt", "abc")),
                Map.entry(WorkerEventKind.COMMIT_SKIPPED, new WorkerEventPayload.CommitSkipped("nothing changed", null, null)),
                Map.entry(WorkerEventKind.USAGE_RECORDED, new WorkerEventPayload.UsageRecorded(1, "claude_result", 0.0421,
                        1200L, 340L, 9000L, 150L, 3, false, 0)),
                Map.entry(WorkerEventKind.HOST_ASSIGNED, new WorkerEventPayload.HostAssigned("build-1", 2, "harness")),
                Map.entry(WorkerEventKind.HOST_LOST, new WorkerEventPayload.HostLost("build-2", 1, "activity Heartbeat timeout")),
                Map.entry(WorkerEventKind.PERMISSION_REQUIRED, new WorkerEventPayload.PermissionRequired("denied",
                        EVIDENCE, "grant it")),
                Map.entry(WorkerEventKind.FAILURE_CLASSIFIED, new WorkerEventPayload.FailureClassified(
                        FailureClass.MERGE_CONFLICT, EVIDENCE)),
                Map.entry(WorkerEventKind.RECOVERY_ATTEMPTED, new WorkerEventPayload.RecoveryAttempted(FailureClass.TRANSIENT,
                        RecoveryAction.RETRY_WITH_FEEDBACK, 1, 2, 2, 5000L, true)),
                Map.entry(WorkerEventKind.RECOVERY_APPLIED, new WorkerEventPayload.RecoveryApplied(FailureClass.TRANSIENT,
                        "failed_again", FailureClass.LOGIC_ERROR)),
                Map.entry(WorkerEventKind.RECOVERY_ESCALATION, new WorkerEventPayload.RecoveryEscalation(FailureClass.UNKNOWN,
                        "escalates", "exit 3", List.of(Decision.SKIP, Decision.ABORT), 0, "ask")),
                Map.entry(WorkerEventKind.DECISION_RECORDED, new WorkerEventPayload.DecisionRecorded(Decision.SKIP, "policy",
                        ApprovalSource.RECIPE, "t", "recipe", FailureClass.UNRECOVERABLE, "d".repeat(64), null, 1, false, 2)),
                Map.entry(WorkerEventKind.INTERRUPTED, new WorkerEventPayload.Interrupted("manager stopped", 42L)),
                Map.entry(WorkerEventKind.WORKTREE_CREATED, new WorkerEventPayload.WorktreeCreated("/wt", "harness/a", "abc",
                        "abd", List.of("harness/r/b"))),
                Map.entry(WorkerEventKind.WORKTREE_PREPARED, new WorkerEventPayload.WorktreePrepared("/wt", "npm", "npm ci",
                        0, 900L, "")),
                Map.entry(WorkerEventKind.SETUP_FAILED, new WorkerEventPayload.SetupFailed("/wt", "setup_command", "make deps",
                        2, 10L, "no rule")),
                Map.entry(WorkerEventKind.WORKTREE_RESET, new WorkerEventPayload.WorktreeReset("/wt", "abc")),
                Map.entry(WorkerEventKind.CHECKS_PLACED, new WorkerEventPayload.ChecksPlaced(dev.harness.api.worker.ChecksPlacement.GIT_CHECKOUT,
                        "/repo/src", "/state/logs/w1/attempt-1/checkout/src", null, 3, java.util.List.of("../node_modules"), 41L)));
    }

    /** One event per run-log record (the relayed worker event and an unknown kind included). */
    static List<RunEvent> runEvents() {
        ArrayNode packets = packetsJson(packet("a"), packet("b", "a"));
        String digest = "a".repeat(64);
        return List.of(
                new RunEvent.RunStarted("obj", "/w", new RunEvent.RunOptions(2, "none", true, new Budget(5.0, null), true, "npm ci")),
                new RunEvent.PlanCreated("p1", "obj", packets, List.of("vague"), digest, "built_in"),
                new RunEvent.GateApprovalRequested(Gate.PLAN, digest, null),
                new RunEvent.GateApproved(Gate.PLAN, digest, "ana", ApprovalSource.CLI_FLAG, "--yes", null),
                new RunEvent.GateRejected(Gate.TRUST, digest, "trust-policy", ApprovalSource.POLICY, "denied", "a"),
                new RunEvent.GateModified(Gate.PLAN, digest, "ana", ApprovalSource.HUMAN_TTY, "edited", null, packets),
                new RunEvent.BootstrapPhaseStarted(Phase.CLI_ENTRY),
                new RunEvent.BootstrapPhaseCompleted(Phase.CLI_ENTRY, true, false, List.of("ok"), object("{\"workspace\":\"/w\"}")),
                new RunEvent.TaskStarted("a", "w1", 1),
                new RunEvent.TaskCompleted("a", "w1", 1200L, "harness/a", "abc"),
                new RunEvent.TaskCompleted("a", "w1", 1200L, "harness/a", "abc", TaskVerification.VERIFIED_ONLY),
                new RunEvent.TaskFailed("a", "w1", FailureClass.BUDGET_EXCEEDED, "spent", true),
                new RunEvent.TaskSkipped("b", "dependency a failed", SkipCause.DEPENDENCY),
                new RunEvent.DecisionRecorded("a", "w1", Decision.RETRY, "ana", ApprovalSource.HUMAN_TTY, "again"),
                new RunEvent.RunPaused(PauseStatus.AWAITING_DECISION, "logic_error: tests", "a"),
                new RunEvent.RunResumed(RunStatus.AWAITING_DECISION, List.of("a", "b"), Decision.RETRY),
                new RunEvent.RunResumed(RunStatus.AWAITING_DECISION, List.of("a"), Decision.RETRY, new Budget(10.0, 2_000_000L)),
                new RunEvent.RunInterrupted("SIGINT", "interrupted by the person", List.of("a")),
                new RunEvent.LogRepaired(7, 12, "/r/events.jsonl.torn"),
                new RunEvent.WorkerEventsUnavailable("a", "w1", "w1:4", "unknown worker w1"),
                new RunEvent.ExecutionComplete(1, 0, 1, RunOutcome.COMPLETED_WITH_SKIPS),
                new RunEvent.RunCompleted(RunOutcome.INTERRUPTED, 1, 0, 0, "SIGTERM"),
                new RunEvent.WorktreePrepared("a", "w1", "/wt", "harness/a", "npm ci", 900L),
                new RunEvent.SetupFailed("a", "w1", "npm ci", 1, "npm ci failed", "ERR"),
                new RunEvent.DecisionRecorded("b", null, Decision.SKIP, "ana", ApprovalSource.CLI_FLAG,
                        FailureClass.MERGE_CONFLICT, "resume --decision skip"),
                new RunEvent.MergeStarted("a", "harness/run-1", "harness/a", "abc", "000", "000"),
                new RunEvent.MergeCompleted("a", "harness/run-1", "harness/a", "abc", "abc", MergeMethod.FAST_FORWARD),
                new RunEvent.MergeConflict("b", "harness/run-1", "harness/b", "bcd", "abc", List.of("src/x"),
                        "src/x:\n<<<<<<<\nx=a\n=======\nx=b\n>>>>>>>\n"),
                new RunEvent.IntegrationCompleted("harness/run-1", "abc", "000", "abc", List.of("a"), 1, "1 file changed"),
                new RunEvent.ApplyCompleted("harness/run-1", "def", "merge", "main", "eee", "def"),
                new RunEvent.WorktreeRemoved("a", "/state/runs/run-1/worktrees/a"),
                new RunEvent.CleanCompleted(List.of("/state/runs/run-1/worktrees/b"), List.of("harness/a"),
                        List.of("harness/b (not merged)"), false),
                new RunEvent.NotificationSent("run_paused", "awaiting_decision", 12L, "notify-send", 40L),
                new RunEvent.NotificationFailed("run_completed", "completed", 20L, "/bin/hook", 10_001L,
                        "the notifier timed out", 143, "***"),
                new RunEvent.WorkerEventRelayed(WorkerEventKind.DECISION_RECORDED, "a", "w1", "w1:9", WorkerState.FAILED, 1,
                        (ObjectNode) Json.toNode(payloads().get(WorkerEventKind.DECISION_RECORDED))),
                new RunEvent.Unknown("a_kind_from_the_future", object("{\"task_id\":\"a\",\"x\":1}")));
    }

    // ---- (a) round trips ----

    @Test
    void everyRecordSerialisesToJsonItsSchemaAcceptsAndReadsBackEqual() throws IOException {
        for (Sample sample : samples()) {
            JsonNode json = Json.toNode(sample.value());
            if (sample.schema() != null) {
                assertThat(sample.schema().validate(json)).as("%s as %s", sample.value().getClass().getName(), json).isEmpty();
            }
            Object back = Json.MAPPER.treeToValue(json, sample.value().getClass());
            assertThat(back).as(json.toString()).isEqualTo(sample.value());
        }
    }

    @Test
    void everyWorkerEventPayloadIsValidInsideAnEventOfItsKindAndReadsBackEqual() {
        CompiledSchema schema = CATALOG.named("worker-event");
        Map<WorkerEventKind, WorkerEventPayload> payloads = payloads();
        assertThat(payloads.keySet()).containsExactlyInAnyOrder(WorkerEventKind.values());
        payloads.forEach((kind, payload) -> {
            ObjectNode json = (ObjectNode) Json.toNode(payload);
            WorkerEvent event = new WorkerEvent("w1:1", kind, "w1", 1L, "t", 1L, WorkerState.RUNNING, "a", 1, json);
            JsonNode wire = Json.toNode(event);
            assertThat(schema.validate(wire)).as("%s: %s", kind, wire).isEmpty();
            assertThat(Json.convert(wire, WorkerEvent.class).details()).as(kind.wire()).isEqualTo(payload);
        });
    }

    @Test
    void aPayloadThatBreaksItsKindsSpecIsRefusedByTheSchema() {
        ObjectNode event = object("{\"event_id\":\"w:1\",\"kind\":\"failure_classified\",\"worker_id\":\"w\","
                + "\"timestamp\":1,\"payload\":{\"failure_class\":\"sleepy\"}}");
        assertThat(CATALOG.named("worker-event").validate(event)).isNotEmpty();
        event.withObject("/payload").put("failure_class", "merge_conflict");
        assertThat(CATALOG.named("worker-event").validate(event)).isEmpty();
    }

    @Test
    void everyRunEventIsALineTheRunEventSchemaAcceptsAndReadsBackEqual() throws IOException {
        CompiledSchema schema = CATALOG.named("run-event");
        JsonNode runSchema = schemaFile("run-event");
        Set<Class<?>> covered = new HashSet<>();
        long seq = 0;
        for (RunEvent event : runEvents()) {
            LoggedEvent logged = new LoggedEvent(++seq, "2026-01-01T00:00:00.000Z", "run-1", event);
            ObjectNode line = RunEventCodec.toJson(logged);
            if (!(event instanceof RunEvent.Unknown)) {
                assertThat(schema.validate(line)).as(line.toString()).isEmpty();
                // and no field the schema does not name (a stray getter would add one silently)
                String def = event instanceof RunEvent.WorkerEventRelayed ? "worker_event_relayed" : event.kind();
                Set<String> declared = new HashSet<>(RunEventCodec.RESERVED);
                runSchema.at("/$defs/" + def + "/properties").fieldNames().forEachRemaining(declared::add);
                line.fieldNames().forEachRemaining(field -> assertThat(declared).as(event.kind()).contains(field));
            }
            assertThat(RunEventCodec.fromJson(line)).as(line.toString()).isEqualTo(logged);
            covered.add(event.getClass());
        }
        Set<Class<?>> records = new HashSet<>();
        for (Class<?> nested : RunEvent.class.getDeclaredClasses()) {
            if (nested.isRecord() && RunEvent.class.isAssignableFrom(nested)) {
                records.add(nested);
            }
        }
        for (Class<?> nested : RunEvent.GateDecision.class.getDeclaredClasses()) {
            records.add(nested);
        }
        assertThat(covered).containsAll(records);
        for (RunEventKind kind : RunEventKind.values()) {
            assertThat(covered).as(kind.wire()).contains(kind.type());
        }
    }

    @Test
    void theLogKeepsTheFieldOrderItHasAlwaysWritten() {
        LoggedEvent started = new LoggedEvent(3, "2026-01-01T00:00:00.000Z", "run-1", new RunEvent.TaskStarted("a", "w1", 1));
        assertThat(Json.write(RunEventCodec.toJson(started))).isEqualTo(
                "{\"seq\":3,\"time\":\"2026-01-01T00:00:00.000Z\",\"kind\":\"task_started\",\"run_id\":\"run-1\","
                        + "\"task_id\":\"a\",\"worker_id\":\"w1\",\"attempt\":1}");
        LoggedEvent relayed = new LoggedEvent(4, "t", "run-1", new RunEvent.WorkerEventRelayed(WorkerEventKind.FINISHED,
                "a", "w1", "w1:5", WorkerState.FINISHED, 1, object("{\"from\":\"running\",\"to\":\"finished\"}")));
        assertThat(Json.write(RunEventCodec.toJson(relayed))).isEqualTo(
                "{\"seq\":4,\"time\":\"t\",\"kind\":\"finished\",\"run_id\":\"run-1\",\"task_id\":\"a\",\"worker_id\":\"w1\","
                        + "\"worker_event_id\":\"w1:5\",\"state\":\"finished\",\"attempt\":1,"
                        + "\"payload\":{\"from\":\"running\",\"to\":\"finished\"}}");
    }

    @Test
    void theOrchestratorsDecisionAndTheRelayedOneAreDifferentTypes() {
        ObjectNode own = object("{\"seq\":1,\"time\":\"t\",\"kind\":\"decision_recorded\",\"run_id\":\"r\","
                + "\"task_id\":\"a\",\"worker_id\":\"w\",\"decision\":\"skip\",\"approver\":\"ana\",\"source\":\"cli_flag\"}");
        ObjectNode relayed = object("{\"seq\":2,\"time\":\"t\",\"kind\":\"decision_recorded\",\"run_id\":\"r\","
                + "\"task_id\":\"a\",\"worker_id\":\"w\",\"worker_event_id\":\"w:7\",\"state\":\"failed\","
                + "\"payload\":{\"decision\":\"skip\",\"approver\":\"ana\",\"source\":\"human_decision\"}}");
        assertThat(RunEventCodec.fromJson(own).event()).isInstanceOf(RunEvent.DecisionRecorded.class);
        RunEvent worker = RunEventCodec.fromJson(relayed).event();
        assertThat(worker).isInstanceOfSatisfying(RunEvent.WorkerEventRelayed.class, r ->
                assertThat(r.details()).isInstanceOf(WorkerEventPayload.DecisionRecorded.class));
        assertThat(worker.kind()).isEqualTo("decision_recorded");
    }

    @Test
    void aLineThatDoesNotFitItsKindIsRefusedNamingTheKind() {
        ObjectNode line = object("{\"seq\":1,\"time\":\"t\",\"kind\":\"task_failed\",\"run_id\":\"r\",\"task_id\":\"a\","
                + "\"failure_class\":\"sleepy\"}");
        assertThatThrownBy(() -> RunEventCodec.fromJson(line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("task_failed").hasMessageContaining("sleepy");
    }

    @Test
    void everyRecordOfTheVocabularyHasASample() throws IOException, URISyntaxException {
        Set<Class<?>> sampled = new HashSet<>();
        samples().forEach(s -> sampled.add(s.value().getClass()));
        payloads().values().forEach(p -> sampled.add(p.getClass()));
        runEvents().forEach(e -> sampled.add(e.getClass()));
        sampled.add(LoggedEvent.class); // every run event is written as one
        sampled.add(RunEvent.RunOptions.class); // inside run_started
        Set<Class<?>> notWireTypes = Set.of(MethodDescriptor.class);
        Path classes = Path.of(Wire.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replace(".class", "");
                Class<?> type;
                try {
                    type = Class.forName(name);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
                if (type.isRecord() && !sampled.contains(type) && !notWireTypes.contains(type)) {
                    missing.add(name);
                }
            }
        }
        assertThat(missing).as("records without a sample in this test").isEmpty();
    }

    // ---- (b) enums and names against the spec ----

    private static JsonNode schemaFile(String name) throws IOException {
        try (InputStream in = VocabularyTest.class.getClassLoader().getResourceAsStream("schemas/" + name + ".schema.json")) {
            assertThat(in).as(name).isNotNull();
            return Json.MAPPER.readTree(in);
        }
    }

    private static Set<String> names(JsonNode array) {
        assertThat(array.isArray()).as("an enum array").isTrue();
        Set<String> names = new LinkedHashSet<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    private static <E extends Enum<E> & WireName> void pin(Class<E> type, JsonNode schemaEnum) {
        assertThat(new LinkedHashSet<>(Wire.names(type))).as(type.getSimpleName()).isEqualTo(names(schemaEnum));
    }

    @Test
    void everyEnumsWireNamesAreExactlyItsSchemasEnum() throws IOException {
        JsonNode run = schemaFile("run-event");
        JsonNode worker = schemaFile("worker-event");
        JsonNode failure = schemaFile("failure-scenario");
        pin(Scope.class, schemaFile("task-packet").at("/properties/scope/enum"));
        pin(VerificationStrength.class, schemaFile("task-packet").at("/properties/verification/enum"));
        pin(Verification.class, WORKERS.document().at("/input_messages/wait_worker/response_schema/properties/verification/enum"));
        pin(Verification.class, worker.at("/$defs/payload_state_changed/properties/verification/enum"));
        pin(TestEvidence.Kind.class, worker.at("/$defs/test_evidence/properties/evidence/enum"));
        pin(Phase.class, schemaFile("bootstrap-plan").at("/$defs/phase/enum"));
        pin(PhaseRecordStatus.class, BOOTSTRAP.document().at(
                "/input_messages/get_status/response_schema/properties/phases/items/properties/status/enum"));
        pin(WorkerState.class, worker.at("/$defs/state/enum"));
        pin(WorkerEventKind.class, worker.at("/$defs/kind/enum"));
        pin(TrustVerdictKind.class, worker.at("/$defs/trust_verdict/enum"));
        pin(EvidenceSource.class, worker.at("/$defs/evidence_source/enum"));
        pin(FailureClass.class, failure.at("/$defs/failure_class/enum"));
        pin(RecoveryAction.class, failure.at("/$defs/recipe/properties/action/enum"));
        pin(Decision.class, run.at("/$defs/decision/enum"));
        pin(Decision.class, WORKERS.document().at("/input_messages/decide/schema/properties/decision/enum"));
        pin(ApprovalSource.class, run.at("/$defs/approval_source/enum"));
        pin(Gate.class, run.at("/$defs/gate/enum"));
        pin(SkipCause.class, run.at("/$defs/skip_cause/enum"));
        pin(TaskVerification.class, run.at("/$defs/task_verification/enum"));
        pin(PauseStatus.class, run.at("/$defs/pause_status/enum"));
        pin(RunOutcome.class, run.at("/$defs/run_outcome/enum"));
        pin(RunStatus.class, run.at("/$defs/run_status/enum"));
        pin(TaskStatus.class, run.at("/$defs/task_status/enum"));
        pin(RunEventKind.class, run.at("/$defs/kind/enum"));
        pin(MergeMethod.class, run.at("/$defs/merge_method/enum"));
        for (RunEventKind kind : RunEventKind.values()) {
            assertThat(run.at("/$defs/" + kind.wire()).isObject()).as("$defs/" + kind.wire()).isTrue();
        }
        assertThat(Wire.names(FailureClass.class)).contains("merge_conflict", "budget_exceeded", "missing_dependency");
        // a log written before missing_dependency existed (a missing module said logic_error) still reads
        assertThat(Json.convert(Json.parse("{\"failure_class\":\"logic_error\"}").path("failure_class"), FailureClass.class))
                .isEqualTo(FailureClass.LOGIC_ERROR);
    }

    @Test
    void everyMethodAndErrorIsExactlyTheContracts() {
        checkService(PLANNING, PlanningMethods.ALL, PlanningError.class);
        checkService(BOOTSTRAP, BootstrapMethods.ALL, BootstrapError.class);
        checkService(WORKERS, WorkerMethods.ALL, WorkerError.class);
        assertThat(PLANNING.notifications()).containsKey(PlanningMethods.PLAN_CREATED);
        assertThat(BOOTSTRAP.notifications()).containsKeys(BootstrapMethods.PHASE_STARTED, BootstrapMethods.PHASE_COMPLETED);
        assertThat(WORKERS.notifications()).containsKey(WorkerMethods.WORKER_EVENT);
        assertThat(WorkerMethods.CHECK_TRUST.declares("trust_denied")).isTrue();
        assertThat(WorkerMethods.CHECK_TRUST.declares("plan_invalid")).isFalse();
    }

    private static <E extends Enum<E> & WireName> void checkService(Contract contract, List<MethodDescriptor<?, ?>> methods,
                                                                    Class<E> errors) {
        Set<String> names = new LinkedHashSet<>();
        for (MethodDescriptor<?, ?> method : methods) {
            assertThat(method.service()).isEqualTo(contract.service());
            names.add(method.name());
            assertThat(new LinkedHashSet<>(method.errors().stream().map(WireName::wire).toList()))
                    .isEqualTo(contract.errors().keySet());
        }
        assertThat(names).as(contract.service() + " methods").isEqualTo(contract.methods().keySet());
        assertThat(new LinkedHashSet<>(Wire.names(errors))).as(contract.service() + " errors")
                .isEqualTo(contract.errors().keySet());
    }

    /** The names a record is written and read under (what Jackson makes of its components and annotations). */
    private static Set<String> wireFields(java.lang.reflect.Type type) {
        var description = Json.MAPPER.getSerializationConfig().introspect(Json.MAPPER.constructType(type));
        Set<String> names = new java.util.TreeSet<>();
        description.findProperties().forEach(p -> names.add(p.getName()));
        return names;
    }

    private static Set<String> schemaFields(JsonNode schema) throws IOException {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("../schemas/") && ref.endsWith(".schema.json")) { // a whole schema file
            schema = schemaFile(ref.substring("../schemas/".length(), ref.length() - ".schema.json".length()));
        }
        Set<String> names = new java.util.TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Every field a method's schema declares is one its params record reads, and the record has no
     * field the schema does not declare (a field left out would be dropped without a word, one too many
     * could never be sent); the same for results that are records.
     */
    @Test
    void everyMethodsRecordsHaveExactlyTheFieldsOfItsSchemas() throws IOException {
        for (var service : List.of(Map.entry(WORKERS, WorkerMethods.ALL), Map.entry(PLANNING, PlanningMethods.ALL),
                Map.entry(BOOTSTRAP, BootstrapMethods.ALL))) {
            for (MethodDescriptor<?, ?> method : service.getValue()) {
                Contract.Method declared = service.getKey().methods().get(method.name());
                assertThat(wireFields(method.params())).as("%s params", method).isEqualTo(schemaFields(declared.paramsSchema()));
                java.lang.reflect.Type result = method.result().getType();
                if (result instanceof Class<?> type && type.isRecord()) {
                    assertThat(wireFields(type)).as("%s result", method).isEqualTo(schemaFields(declared.resultSchema()));
                }
            }
        }
    }

    /**
     * The records that are a whole schema (or one of its $defs) have exactly its fields: one left out
     * would be dropped when a packet is read, a stray getter would write a field nobody declared
     * (Budget's isNone() once wrote "none": false into every budget).
     */
    @Test
    void recordsThatAreASchemaHaveExactlyItsFields() throws IOException {
        assertThat(wireFields(TaskPacket.class)).isEqualTo(schemaFields(schemaFile("task-packet")));
        assertThat(wireFields(Budget.class)).isEqualTo(schemaFields(schemaFile("run-event").at("/$defs/budget")));
        assertThat(Json.write(Json.toNode(new Budget(2.5, 400_000L)))).isEqualTo("{\"usd\":2.5,\"tokens\":400000}");
        assertThat(Json.write(Json.toNode(Budget.NONE))).isEqualTo("{}");
        // a budget written before the getter was ignored still reads
        assertThat(Json.convert(object("{\"usd\":2.5,\"none\":false}"), Budget.class)).isEqualTo(new Budget(2.5, null));
    }

    @Test
    void aPacketCarriesItsOwnBudget() {
        TaskPacket packet = Json.convert(object("{\"id\":\"a\",\"objective\":\"x\",\"scope\":\"workspace\","
                + "\"acceptance_tests\":[\"true\"],\"budget_usd\":1.25,\"budget_tokens\":5000}"), TaskPacket.class);
        assertThat(packet.budget()).isEqualTo(new Budget(1.25, 5000L));
        assertThat(WORKSPACE_PACKET.budget().isNone()).isTrue();
        assertThatThrownBy(() -> Json.convert(object("{\"id\":\"a\",\"objective\":\"x\",\"scope\":\"workspace\","
                + "\"acceptance_tests\":[],\"budget_usd\":0}"), TaskPacket.class)).hasMessageContaining("budget_usd");
        assertThatThrownBy(() -> Json.convert(object("{\"id\":\"a\",\"objective\":\"x\",\"scope\":\"workspace\","
                + "\"acceptance_tests\":[],\"budget_tokens\":0}"), TaskPacket.class)).hasMessageContaining("budget_tokens");
    }

    @Test
    void aMethodDescriptorBindsTheWireBothWays() {
        var params = new WorkerMethods.DecideParams("w1", Decision.RETRY, "ana", null, null);
        JsonNode wire = WorkerMethods.DECIDE.toParams(params);
        assertThat(WORKERS.paramsSchema("decide").validate(wire)).isEmpty();
        assertThat(wire.toString()).isEqualTo("{\"worker_id\":\"w1\",\"decision\":\"retry\",\"approver\":\"ana\"}");
        assertThat(WorkerMethods.DECIDE.readParams(wire)).isEqualTo(params);
        List<TaskPacket> packets = PlanningMethods.DECOMPOSE.readResult(Json.toNode(List.of(packet("a"))));
        assertThat(packets).containsExactly(packet("a"));
    }

    // ---- invariants ----

    @Test
    void aPacketKeepsItsInvariants() {
        assertThatThrownBy(() -> new TaskPacket("a", null, "x", null, Scope.MODULE, null, List.of("t"), null, null, null, null, null, null))
                .hasMessageContaining("scope module needs a scope_path");
        assertThatThrownBy(() -> new TaskPacket("a", null, "x", null, Scope.SINGLE_FILE, "", List.of("t"), null, null, null, null, null, null))
                .hasMessageContaining("scope_path");
        assertThatThrownBy(() -> new TaskPacket("-a", null, "x", null, Scope.WORKSPACE, null, List.of("t"), null, null, null, null, null, null))
                .hasMessageContaining("task id");
        assertThatThrownBy(() -> new TaskPacket("a", null, "", null, Scope.WORKSPACE, null, List.of("t"), null, null, null, null, null, null))
                .hasMessageContaining("objective");
        assertThatThrownBy(() -> new TaskPacket("a", null, "x", null, Scope.WORKSPACE, null, List.of("t"), List.of("b", "b"),
                null, null, null, null, null)).hasMessageContaining("twice");
        assertThatThrownBy(() -> new TaskPacket("a", null, "x", null, Scope.WORKSPACE, null, List.of("t"), null, null, null, null, null, 0))
                .hasMessageContaining("timeout_seconds");
        assertThatThrownBy(() -> Json.convert(object("{\"objective\":\"x\",\"scope\":\"custom\",\"acceptance_tests\":[]}"),
                TaskPacket.class)).hasMessageContaining("scope_path");
        assertThatThrownBy(() -> Json.convert(object("{\"objective\":\"x\",\"scope\":\"galaxy\",\"acceptance_tests\":[]}"),
                TaskPacket.class)).hasMessageContaining("galaxy");
    }

    @Test
    void aPlanAndAReportKeepTheirInvariants() {
        assertThatThrownBy(() -> new Plan("p", "o", List.of(packet("a"), packet("a")), null, null, null, null, null))
                .hasMessageContaining("task id a appears twice");
        assertThatThrownBy(() -> new Plan("p", "o", List.of(), null, null, null, null, "sha256:abc"))
                .hasMessageContaining("digest");
        PlanFinding error = new PlanFinding("cycle", "a cycle", null, null);
        assertThatThrownBy(() -> new PlanReport(true, List.of(error), List.of())).hasMessageContaining("cannot be valid");
        assertThatThrownBy(() -> new PlanReport(false, List.of(), List.of())).hasMessageContaining("is valid");
        assertThat(new PlanReport(true, List.of(), List.of(error)).valid()).isTrue();
        assertThatThrownBy(() -> new BootstrapPlan(List.of(Phase.CLI_ENTRY, Phase.CLI_ENTRY), null, null))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new PlanResult(true, List.of(), Phase.CLI_ENTRY)).hasMessageContaining("no failed phase");
    }

    @Test
    void anUnknownWireNameIsRefusedNamingTheAllowedOnes() {
        assertThatThrownBy(() -> FailureClass.fromWire("sleepy")).hasMessageContaining("transient")
                .hasMessageContaining("budget_exceeded");
        assertThat(WorkerEventKind.FINISHED.enters()).contains(WorkerState.FINISHED);
        assertThat(WorkerEventKind.COMMIT_CREATED.enters()).isEmpty();
        assertThat(Phase.MAIN_RUNTIME.prerequisites()).hasSize(4);
    }

    /** status --json and runs --json print a usage total: its questions (isEmpty) are not fields */
    @Test
    void aUsageTotalOnTheWireHasOnlyItsFields() throws Exception {
        UsageTotal none = UsageTotal.NONE;
        java.util.List<String> names = new java.util.ArrayList<>();
        Json.toNode(none.plus(none)).fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("input_tokens", "output_tokens", "cache_read_tokens", "cache_creation_tokens",
                "turns", "attempts", "tokens");
        // a total written before the field left (with "empty") still reads
        assertThat(Json.convert(Json.parse("{\"input_tokens\":3,\"empty\":false,\"attempts\":1}"), UsageTotal.class).inputTokens())
                .isEqualTo(3);
    }
}
