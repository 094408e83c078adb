package dev.harness.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.time.Instant;
import java.util.ArrayList;
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
        out.put("phase", phase.wireName());
        out.put("success", success);
        ArrayNode diags = out.putArray("diagnostics");
        extraDiagnostics.forEach(diags::add);
        diagnostics.forEach(diags::add);
        out.set("artifacts", artifacts.deepCopy());
        out.put("recorded", recorded);
        ArrayNode pre = out.putArray("prerequisites_run");
        prerequisitesRun.forEach(p -> pre.add(p.wireName()));
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

    public static PhaseRecord fromStored(JsonNode node) {
        Phase phase = Phase.fromWire(node.path("phase").asText())
                .orElseThrow(() -> new IllegalArgumentException("unknown phase " + node.path("phase")));
        List<String> diagnostics = new ArrayList<>();
        node.path("diagnostics").forEach(d -> diagnostics.add(d.asText()));
        Map<String, String> files = new TreeMap<>();
        node.path("files").properties().forEach(e -> files.put(e.getKey(), e.getValue().asText()));
        JsonNode artifacts = node.path("artifacts");
        return new PhaseRecord(phase, node.path("success").asBoolean(), diagnostics,
                artifacts instanceof ObjectNode o ? o.deepCopy() : Json.object(),
                Instant.parse(node.path("started_at").asText()), node.path("duration_ms").asLong(),
                node.path("inputs_digest").asText(), files);
    }
}
