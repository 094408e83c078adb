package dev.harness.bootstrap;

import dev.harness.api.bootstrap.Phase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.bootstrap.PhaseResult;
import dev.harness.protocol.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one run of a phase produced, with the fingerprint of its inputs: the digest of the context
 * fields and environment facts it depends on, and the files it read. A succeeded record whose
 * fingerprint still matches is returned instead of doing the work again.
 *
 * @param artifacts what the phase reported, masked: what is answered, notified and stored
 * @param typed     the same as the phase's own record, unmasked, when it ran in this process (null for a
 *                  record read back from state.json); later phases read facts (paths, counts) from it
 */
public record PhaseRecord(
        Phase phase,
        boolean success,
        List<String> diagnostics,
        ObjectNode artifacts,
        Instant startedAt,
        long durationMs,
        String inputsDigest,
        Map<String, String> files,
        Artifacts typed) {

    public PhaseRecord {
        diagnostics = List.copyOf(diagnostics);
        files = Map.copyOf(files);
    }

    public Instant completedAt() {
        return startedAt.plusMillis(durationMs);
    }

    /** The wire result (execute_phase's response_schema). */
    public PhaseResult toResult(boolean recorded, List<Phase> prerequisitesRun, List<String> extraDiagnostics) {
        List<String> all = new ArrayList<>(extraDiagnostics);
        all.addAll(diagnostics);
        return new PhaseResult(phase, success, all, artifacts.deepCopy(), recorded, prerequisitesRun,
                startedAt.toString(), durationMs);
    }

    /** The on-disk form: the result plus its fingerprint. */
    public Stored toStored() {
        return new Stored(phase.wire(), success, diagnostics, artifacts.deepCopy(), startedAt.toString(), durationMs,
                inputsDigest, new TreeMap<>(files));
    }

    /** The on-disk form as written by {@link #toStored}; fields it does not name are ignored. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Stored(String phase, boolean success, List<String> diagnostics, ObjectNode artifacts, String startedAt,
                  long durationMs, String inputsDigest, Map<String, String> files) {}

    /** @throws RuntimeException for a record that is not one (the store ignores it, with a warning) */
    public static PhaseRecord fromStored(JsonNode node) {
        Stored stored = Json.convert(node, Stored.class);
        Phase phase = Phase.find(stored.phase())
                .orElseThrow(() -> new IllegalArgumentException("unknown phase " + stored.phase()));
        return new PhaseRecord(phase, stored.success(), stored.diagnostics() == null ? List.of() : stored.diagnostics(),
                stored.artifacts() == null ? Json.object() : stored.artifacts().deepCopy(),
                Instant.parse(String.valueOf(stored.startedAt())), stored.durationMs(),
                stored.inputsDigest() == null ? "" : stored.inputsDigest(),
                stored.files() == null ? Map.of() : new TreeMap<>(stored.files()), null);
    }

    /**
     * The artifacts as the phase's own record, when the phase ran in this process; empty for a
     * record read back from state.json (written by an earlier run, perhaps an earlier version):
     * then api's PhaseArtifacts views read {@link #artifacts()}.
     */
    public <T extends Artifacts> Optional<T> typed(Class<T> type) {
        return type.isInstance(typed) ? Optional.of(type.cast(typed)) : Optional.empty();
    }
}
