package dev.harness.orchestrator.runlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.protocol.json.CanonicalJson;
import dev.harness.protocol.json.Digest;

/**
 * What an approval covers: sha256 (64 lowercase hex) of the packets' canonical JSON — object keys
 * sorted at every level, compact. The suite's one digest (protocol's {@link Digest}), so the plan
 * gate and the worker manager's trust gate log the same string for the same packets.
 */
public final class PlanDigest {
    private PlanDigest() {}

    public static String of(ArrayNode packets) {
        return Digest.ofJson(packets);
    }

    public static String of(JsonNode node) {
        return Digest.ofJson(node);
    }

    /** Compact JSON with object keys sorted recursively. */
    public static String canonicalJson(JsonNode node) {
        return CanonicalJson.write(node);
    }

    static String sha256(String text) {
        return Digest.of(text);
    }
}
