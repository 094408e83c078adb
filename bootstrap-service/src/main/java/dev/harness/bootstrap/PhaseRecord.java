package dev.harness.bootstrap;

import dev.harness.api.bootstrap.Phase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run of a phase produced, with the fingerprint of its inputs: the digest of the context
 * fields and environment facts it depends on, and the files it read. A succeeded record whose
 * fingerprint still matches is returned instead of doing the work again.
 */
public record PhaseRecord(
        Phase phase,
        boolean success,
        List<String> diagnostics,
        ObjectNode artifacts,
        Instant startedAt,
        long durationMs,
        String inputsDigest,
        Map<String, String> files) {

    public PhaseRecord {
        diagnostics = List.copyOf(diagnostics);
        files = Map.copyOf(files);
    }

    public Instant completedAt() {
        return startedAt.plusMillis(durationMs);
    }

    /** The wire result (execute_phase's response_schema). */
    public ObjectNode toResult(boolean recorded, List<Phase> prerequisitesRun, List<String> extraDiagnostics) {
        ObjectNode out = Json.object();
        out.put("phase", phase.wire());
        out.put("success", success);
        ArrayNode diags = out.putArray("diagnostics");
        extraDiagnostics.forEach(diags::add);
        diagnostics.forEach(diags::add);
        out.set("artifacts", artifacts.deepCopy());
        out.put("recorded", recorded);
        ArrayNode pre = out.putArray("prerequisites_run");
        prerequisitesRun.forEach(p -> pre.add(p.wire()));
        out.put("started_at", startedAt.toString());
        out.put("duration_ms", durationMs);
        return out;
    }

    /** The on-disk form: the result plus its fingerprint. */
    public ObjectNode toStored() {
        ObjectNode out = toResult(false, List.of(), List.of());
        out.remove("recorded");
        out.remove("prerequisites_run");
        out.put("inputs_digest", inputsDigest);
        ObjectNode fileNode = out.putObject("files");
        new TreeMap<>(files).forEach(fileNode::put);
        return out;
    }

    /** The on-disk form as written by {@link #toStored}; fields it does not name are ignored. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Stored(String phase, boolean success, List<String> diagnostics, ObjectNode artifacts, String startedAt,
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
                stored.files() == null ? Map.of() : new TreeMap<>(stored.files()));
    }
}
