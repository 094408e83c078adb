package dev.harness.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * sha256 of a packet's canonical JSON (keys sorted at every level, compact), so the same packet
 * always has the same digest whatever order its fields arrived in. An approval records it. The
 * format is the suite's one digest format, 64 lowercase hex digits, the same string the
 * orchestrator's gate logs for the same packet.
 */
public final class PacketDigest {
    private PacketDigest() {}

    public static String of(JsonNode packet) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(canonical(packet)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * A digest as a client may still send it: older approvals (and records written before the
     * format was unified) carry a {@code sha256:} prefix, which names the same digest.
     */
    public static String normalise(String digest) {
        if (digest == null) {
            return null;
        }
        String text = digest.strip();
        return text.regionMatches(true, 0, "sha256:", 0, 7) ? text.substring(7).toLowerCase(java.util.Locale.ROOT)
                : text.toLowerCase(java.util.Locale.ROOT);
    }

    static JsonNode canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = Json.object();
            for (String name : names) {
                sorted.set(name, canonical(object.get(name)));
            }
            return sorted;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = Json.array();
            array.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        return node;
    }
}
