package dev.harness.orchestrator.attention;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.run.Gate;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.RunOutcome;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.worker.Budget;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.orchestrator.runlog.EventLog;
import dev.harness.orchestrator.runlog.PlanDigest;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.protocol.Json;
import java.nio.file.Path;

/** Writes a run's log the way the orchestrator does, step by step, for tests that watch it. */
final class RunScript implements AutoCloseable {
    final RunDirectory dir;
    final EventLog log;
    final ArrayNode packets;

    RunScript(Path stateDir, String runId, ArrayNode packets) {
        this(stateDir, runId, packets, stateDir);
    }

    RunScript(Path stateDir, String runId, ArrayNode packets, Path workspace) {
        this(stateDir, runId, packets, workspace, null);
    }

    /** @param budget the run's budget as run_started logs it (null: none) */
    RunScript(Path stateDir, String runId, ArrayNode packets, Path workspace, Budget budget) {
        this.dir = RunDirectory.create(stateDir, runId);
        this.log = EventLog.open(dir);
        this.packets = packets;
        log.append(new RunEvent.RunStarted("add dark mode", workspace.toString(),
                budget == null ? null : new RunEvent.RunOptions(1, "claude", false, budget)));
        log.append(new RunEvent.PlanCreated("plan-1", "add dark mode", packets, null, PlanDigest.of(packets), "test"));
    }

    static ObjectNode packet(String id, String title, String... dependsOn) {
        ObjectNode p = Json.object();
        p.put("id", id);
        p.put("title", title);
        p.put("objective", title);
        ArrayNode deps = p.putArray("depends_on");
        for (String d : dependsOn) {
            deps.add(d);
        }
        return p;
    }

    /** a; b after a; c after a. */
    static ArrayNode tree() {
        ArrayNode packets = Json.array();
        packets.add(packet("a", "Add theme store"));
        packets.add(packet("b", "Add theme toggle", "a"));
        packets.add(packet("c", "Document themes", "a"));
        return packets;
    }

    RunScript awaitApproval() {
        log.append(new RunEvent.GateApprovalRequested(Gate.PLAN, PlanDigest.of(packets), null));
        return this;
    }

    RunScript approve() {
        log.append(new RunEvent.GateApproved(Gate.PLAN, PlanDigest.of(packets), "tester", ApprovalSource.HUMAN_TTY, null, null));
        return this;
    }

    RunScript start(String task) {
        log.append(new RunEvent.TaskStarted(task, "w-" + task, 1));
        return this;
    }

    RunScript output(String task, String tail) {
        ObjectNode payload = Json.object().put("agent", "builtin").put("exit_code", 0).put("output_tail", tail);
        log.append(new RunEvent.WorkerEventRelayed(WorkerEventKind.AGENT_EXITED, task, "w-" + task, "e-" + task + System.nanoTime(),
                null, 1, payload));
        return this;
    }

    /** One attempt's usage as the worker manager relays it; a null cost is an agent that reports tokens only (Codex). */
    RunScript usage(String task, Double costUsd, long input, long output) {
        ObjectNode payload = Json.object().put("attempt", 1).put("source", costUsd == null ? "codex" : "claude");
        if (costUsd != null) {
            payload.put("cost_usd", costUsd);
        }
        payload.put("input_tokens", input).put("output_tokens", output).put("num_turns", 2);
        log.append(new RunEvent.WorkerEventRelayed(WorkerEventKind.USAGE_RECORDED, task, "w-" + task, "u-" + task + System.nanoTime(),
                null, 1, payload));
        return this;
    }

    RunScript complete(String task) {
        log.append(new RunEvent.TaskCompleted(task, "w-" + task, 1200L, null, null));
        return this;
    }

    RunScript finish() {
        log.append(new RunEvent.ExecutionComplete(packets.size(), 0, 0, RunOutcome.COMPLETED));
        log.append(new RunEvent.RunCompleted(RunOutcome.COMPLETED, packets.size(), 0, 0, null));
        return this;
    }

    @Override
    public void close() {
        log.close();
    }
}
