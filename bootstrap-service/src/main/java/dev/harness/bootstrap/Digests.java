package dev.harness.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.TreeMap;

/** sha256 of bytes, and of JSON in a canonical form (keys sorted) so equal inputs digest equally. */
public final class Digests {
    private Digests() {}

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String ofJson(JsonNode node) {
        return sha256(Json.write(canonical(node)));
    }

    static JsonNode canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                sorted.put(name, canonical(object.get(name)));
            }
            ObjectNode out = Json.object();
            sorted.forEach(out::set);
            return out;
        }
        if (node != null && node.isArray()) {
            var out = Json.array();
            node.forEach(element -> out.add(canonical(element)));
            return out;
        }
        return node;
    }
}
