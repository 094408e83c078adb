package dev.harness.planning;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * One byte sequence per JSON value (object keys sorted, compact), so the digest an approval covers
 * does not depend on field order. Written in one pass straight from the tree (no sorted copy):
 * every plan_created computes it.
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    public static String write(JsonNode node) {
        // a character writer, like Json.write, so the bytes are those of the compact text (even for odd surrogates)
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(out)) {
            writeSorted(node, generator);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return out.toString();
    }

    public static String sha256(JsonNode node) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(write(node).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void writeSorted(JsonNode node, JsonGenerator generator) throws IOException {
        if (node == null) {
            generator.writeNull();
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            generator.writeStartObject();
            for (String name : names) {
                generator.writeFieldName(name);
                writeSorted(node.get(name), generator);
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                writeSorted(it.next(), generator);
            }
            generator.writeEndArray();
        } else if (node.isTextual()) {
            generator.writeString(node.textValue()); // the common leaf, without the mapper's lookup
        } else if (node.isInt()) {
            generator.writeNumber(node.intValue());
        } else {
            Json.MAPPER.writeTree(generator, node); // numbers, booleans, null: exactly as Json.write has them
        }
    }
}
