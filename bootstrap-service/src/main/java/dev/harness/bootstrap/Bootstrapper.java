package dev.harness.bootstrap;

import dev.harness.bootstrap.phase.MainRuntimePhase;

import dev.harness.api.bootstrap.Phase;
import dev.harness.protocol.DomainError;
import dev.harness.bootstrap.host.StateDirectory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.bootstrap.BootstrapStatus;
import dev.harness.api.bootstrap.PhaseRecordStatus;
import dev.harness.api.bootstrap.PhaseResult;
import dev.harness.api.bootstrap.PlanResult;
import dev.harness.protocol.Json;
import dev.harness.protocol.Log;
import dev.harness.protocol.json.Digest;
import dev.harness.protocol.secrets.Redactor;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs phases for a workspace: prerequisites first (once), a recorded result instead of the work
 * when the phase already succeeded with the same inputs, and every result recorded. One workspace
 * is bootstrapped by one request at a time.
 */
public final class Bootstrapper {
    private final Map<Phase, PhaseStep> steps = new EnumMap<>(Phase.class);
    private final RecordStore store;
    private final StateDirectory runDirectory;
    private final Map<java.nio.file.Path, Object> locks = new ConcurrentHashMap<>();

    /** One phase's result in this request: the record, whether it was recorded earlier, and notes for this response. */
    private record Attempt(PhaseRecord record, boolean recorded, String reason, List<String> notes) {}

    public Bootstrapper(List<PhaseStep> phaseSteps, RecordStore store, StateDirectory runDirectory) {
        phaseSteps.forEach(step -> steps.put(step.phase(), step));
        if (steps.size() != Phase.values().length) {
            throw new IllegalArgumentException("every phase needs a step");
        }
        this.store = store;
        this.runDirectory = runDirectory;
    }

    /** Runs one phase (its missing prerequisites first). */
    public PhaseResult executePhase(Phase phase, BootstrapContext context, boolean force, PhaseEvents events) {
        synchronized (lock(context)) {
            Map<Phase, PhaseRecord> records = store.records(context.workspace(), context.runDir());
            List<Phase> ran = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            for (Phase prerequisite : phase.prerequisites()) {
                Attempt attempt = ensure(prerequisite, context, records, false, events, false);
                if (!attempt.recorded()) {
                    ran.add(prerequisite);
                    notes.add("ran prerequisite " + prerequisite + " first: " + attempt.reason());
                }
                if (!attempt.record().success()) {
                    throw prerequisiteFailed(phase, attempt);
                }
            }
            Attempt attempt = ensure(phase, context, records, force, events, true);
            notes.addAll(attempt.notes());
            return attempt.record().toResult(attempt.recorded(), ran, notes);
        }
    }

    /**
     * Runs a plan's phases in order and stops at the first failure. A plan that lists a phase after
     * one that depends on it is refused before anything runs; prerequisites it leaves out are run
     * first (and their results included) as for execute_phase.
     */
    public PlanResult executePlan(List<Phase> plan, BootstrapContext context, boolean force, PhaseEvents events) {
        checkOrder(plan);
        synchronized (lock(context)) {
            Map<Phase, PhaseRecord> records = store.records(context.workspace(), context.runDir());
            List<PhaseResult> results = new ArrayList<>();
            Set<Phase> done = new LinkedHashSet<>();
            Phase failed = null;
            outer:
            for (Phase phase : plan) {
                List<Phase> ran = new ArrayList<>();
                List<String> notes = new ArrayList<>();
                for (Phase prerequisite : phase.prerequisites()) {
                    if (done.contains(prerequisite)) {
                        continue;
                    }
                    Attempt attempt = ensure(prerequisite, context, records, false, events, false);
                    done.add(prerequisite);
                    if (!attempt.recorded()) {
                        ran.add(prerequisite);
                        notes.add("ran prerequisite " + prerequisite + " first: " + attempt.reason());
                        results.add(attempt.record().toResult(false, List.of(), attempt.notes()));
                    }
                    if (!attempt.record().success()) {
                        failed = prerequisite;
                        break outer;
                    }
                }
                Attempt attempt = ensure(phase, context, records, force, events, true);
                done.add(phase);
                notes.addAll(attempt.notes());
                results.add(attempt.record().toResult(attempt.recorded(), ran, notes));
                if (!attempt.record().success()) {
                    failed = phase;
                    break;
                }
            }
            return new PlanResult(failed == null, results, failed);
        }
    }

    /** Per phase: not_run, succeeded or failed as recorded, and whether the record's inputs still hold. */
    public BootstrapStatus status(BootstrapContext context) {
        synchronized (lock(context)) {
            Map<Phase, PhaseRecord> records = store.records(context.workspace(), context.runDir());
            List<dev.harness.api.bootstrap.PhaseRecord> phases = new ArrayList<>();
            boolean ready = true;
            for (Phase phase : Phase.values()) {
                PhaseRecord record = records.get(phase);
                if (record == null) {
                    phases.add(new dev.harness.api.bootstrap.PhaseRecord(phase, PhaseRecordStatus.NOT_RUN, null, null));
                    ready = false;
                    continue;
                }
                boolean current = isCurrent(phase, record, context, records);
                phases.add(new dev.harness.api.bootstrap.PhaseRecord(phase,
                        record.success() ? PhaseRecordStatus.SUCCEEDED : PhaseRecordStatus.FAILED,
                        record.completedAt().toString(), current));
                ready &= record.success() && current;
            }
            return new BootstrapStatus(context.workspace().toString(), context.runDir().toString(), phases,
                    ready && MainRuntimePhase.reportedReady(records.get(Phase.MAIN_RUNTIME)));
        }
    }

    private static void checkOrder(List<Phase> plan) {
        for (int i = 0; i < plan.size(); i++) {
            for (int j = i + 1; j < plan.size(); j++) {
                if (plan.get(i).prerequisites().contains(plan.get(j))) {
                    JsonNode data = Json.toNode(new BootstrapErrorData.OutOfOrder(plan.get(i), plan.get(j),
                            List.of(Phase.values())));
                    throw new DomainError("phase_out_of_order", "The plan lists " + plan.get(i) + " before "
                            + plan.get(j) + ", which it depends on; list phases in the order " + String.join(", ", dev.harness.api.Wire.names(Phase.class))
                            + ".", data);
                }
            }
        }
    }

    /** The phase's recorded result if it still applies, else the phase run now and recorded. */
    private Attempt ensure(Phase phase, BootstrapContext context, Map<Phase, PhaseRecord> records, boolean force,
                           PhaseEvents events, boolean announceRecorded) {
        PhaseStep step = steps.get(phase);
        Map<Phase, PhaseRecord> earlier = succeededBefore(phase, records);
        String inputsDigest = Digest.ofJson(step.inputs(context, earlier));
        PhaseRecord existing = records.get(phase);
        if (!force && existing != null && existing.success() && existing.inputsDigest().equals(inputsDigest)
                && InputFiles.unchanged(existing.files())) {
            if (announceRecorded) {
                events.started(phase, context);
                events.completed(existing, true);
            }
            return new Attempt(existing, true, "recorded", List.of());
        }
        String reason = existing == null ? "it had not run for this workspace"
                : !existing.success() ? "its last run failed"
                : force ? "force was requested" : "its inputs changed since " + existing.completedAt();
        runDirectory.prepare(context.workspace(), context.runDir());
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        events.started(phase, context);
        PhaseOutcome outcome = step.run(context, earlier);
        // Masked once, here: the state file, the report, the notifications and the answers are all made from the record.
        Redactor redactor = context.redactor();
        PhaseRecord record = new PhaseRecord(phase, outcome.success(),
                outcome.diagnostics().stream().map(redactor::redact).toList(),
                (ObjectNode) redactor.redactJson(outcome.artifacts() == null ? Json.object() : Json.toNode(outcome.artifacts())),
                started,
                (System.nanoTime() - startNanos) / 1_000_000, inputsDigest, outcome.inputs().snapshot(), outcome.artifacts());
        records.put(phase, record);
        List<String> notes = new ArrayList<>();
        try {
            store.put(context.workspace(), context.runDir(), record, redactor);
        } catch (IOException e) {
            Log.warn("cannot record " + phase + " in " + context.runDir() + ": " + e.getMessage());
            notes.add("the result is kept in memory only: " + context.runDir() + " cannot be written (" + e.getMessage() + ")");
        }
        events.completed(record, false);
        return new Attempt(record, false, reason, notes);
    }

    private boolean isCurrent(Phase phase, PhaseRecord record, BootstrapContext context, Map<Phase, PhaseRecord> records) {
        String digest = Digest.ofJson(steps.get(phase).inputs(context, succeededBefore(phase, records)));
        return record.inputsDigest().equals(digest) && InputFiles.unchanged(record.files());
    }

    private static Map<Phase, PhaseRecord> succeededBefore(Phase phase, Map<Phase, PhaseRecord> records) {
        Map<Phase, PhaseRecord> earlier = new EnumMap<>(Phase.class);
        for (Phase prerequisite : phase.prerequisites()) {
            PhaseRecord record = records.get(prerequisite);
            if (record != null && record.success()) {
                earlier.put(prerequisite, record);
            }
        }
        return earlier;
    }

    private static DomainError prerequisiteFailed(Phase phase, Attempt attempt) {
        PhaseRecord failed = attempt.record();
        JsonNode data = Json.toNode(new BootstrapErrorData.PrerequisiteFailed(phase, failed.phase(),
                failed.toResult(attempt.recorded(), List.of(), attempt.notes())));
        String joined = String.join("; ", failed.diagnostics());
        String why = joined.isEmpty() ? "" : ": " + (joined.length() > 300 ? joined.substring(0, 300) + "…" : joined);
        return new DomainError("prerequisite_failed", "Cannot run " + phase + " because its prerequisite "
                + failed.phase() + " failed for this workspace" + why + ".", data);
    }

    private Object lock(BootstrapContext context) {
        return locks.computeIfAbsent(context.workspace(), k -> new Object());
    }
}
