package dev.harness.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * One text per JSON value: object keys sorted (by UTF-16 code units, as {@link String#compareTo}),
 * compact, strings escaped and numbers written exactly as {@link Json#write} writes them (numbers
 * as given: 1.50 stays 1.50). Written in one pass straight from the tree, without a sorted copy and
 * without recursion (a deeply nested value cannot overflow the stack).
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

    /** An open container: the fields or elements still to write, and how to close it. */
    private record Frame(Iterator<String> names, JsonNode object, Iterator<JsonNode> elements) {}

    private static void writeSorted(JsonNode root, JsonGenerator generator) throws IOException {
        Deque<Frame> stack = new ArrayDeque<>();
        Frame opened = writeValue(root, generator);
        if (opened != null) {
            stack.push(opened);
        }
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            if (top.names() != null && top.names().hasNext()) {
                String name = top.names().next();
                generator.writeFieldName(name);
                opened = writeValue(top.object().get(name), generator);
            } else if (top.elements() != null && top.elements().hasNext()) {
                opened = writeValue(top.elements().next(), generator);
            } else {
                stack.pop();
                if (top.names() != null) {
                    generator.writeEndObject();
                } else {
                    generator.writeEndArray();
                }
                opened = null;
            }
            if (opened != null) {
                stack.push(opened);
            }
        }
    }

    /** Writes a leaf, or opens a container and returns its frame. */
    private static Frame writeValue(JsonNode node, JsonGenerator generator) throws IOException {
        if (node == null) {
            generator.writeNull();
            return null;
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            generator.writeStartObject();
            return new Frame(names.iterator(), node, null);
        }
        if (node.isArray()) {
            generator.writeStartArray();
            return new Frame(null, null, node.elements());
        }
        if (node.isTextual()) {
            generator.writeString(node.textValue()); // the common leaf, without the mapper's lookup
        } else if (node.isInt()) {
            generator.writeNumber(node.intValue());
        } else {
            Json.MAPPER.writeTree(generator, node); // numbers, booleans, null: exactly as Json.write has them
        }
        return null;
    }
}
