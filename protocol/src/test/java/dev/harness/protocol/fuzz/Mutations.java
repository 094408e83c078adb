package dev.harness.protocol.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.harness.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile lines made from valid requests (the examples): byte flips, truncation, wrong types at any
 * field, huge numbers and exponents, unpaired surrogates, NUL, deep nesting, odd ids, notifications
 * and big batches. The same mutations as bench/wire-fuzz.py, which drives the real executables.
 */
public final class Mutations {
    static final String[] HUGE_NUMBERS = {"1e2147483647", "1e2147483648", "-1E-99999999999", "1e400", "0e999999999",
            "1.5e308", "123456789012345678901234567890", "-0", "1E5", "9".repeat(1001), "1" + "0".repeat(2000),
            "2147483648", "-9223372036854775809", "1.0000000000000000000000001"};
    static final String[] ODD_STRINGS = {"\ud800", "\udfff", "a\udc00b", "\ud83d\ude00", "\u0000", "nul\u0000nul", "\\",
            "\"", "\n\r\t", "\u2028", "é", "../../etc", "/", "", " ", "~", "'", "%s%n"};
    static final String[] ODD_IDS = {"\"\\ud800\"", "\"a\\u0000b\"", "1e400", "-0", "1E5", "1.50", "{\"a\":1}", "[1]", "true",
            "null", "\"\\u0041\"", "\"\\/\"", "123456789012345678901234567890", "1e2147483648", "\"\"", "0.0", "\"😀\""};

    private final Random random;
    private final List<String> seeds;
    private final Map<String, String> raw = new HashMap<>();

    public Mutations(Random random, List<String> seeds) {
        this.random = random;
        this.seeds = seeds;
    }

    /** One hostile line (no line terminator inside). */
    public byte[] next() {
        int kind = random.nextInt(10);
        if (kind < 4) {
            JsonNode node = seed();
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                node = treeMutation(node);
            }
            return write(node);
        }
        if (kind < 7) {
            byte[] bytes = Json.write(seed()).getBytes(StandardCharsets.UTF_8);
            for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
                bytes = byteMutation(bytes);
            }
            return noNewlines(bytes);
        }
        if (kind < 9) {
            int[] sizes = {1, 2, 3, 10, 99, 100, 101, 150};
            ArrayNode batch = Json.array();
            for (int i = 0, n = sizes[random.nextInt(sizes.length)]; i < n; i++) {
                JsonNode element = seed();
                if (random.nextInt(10) < 3) {
                    element = treeMutation(element);
                }
                if (random.nextInt(10) < 2 && element instanceof ObjectNode object) {
                    object.remove("id");
                }
                batch.add(element);
            }
            byte[] bytes = write(batch);
            return random.nextInt(5) == 0 ? noNewlines(byteMutation(bytes)) : bytes;
        }
        JsonNode node = seed();
        if (node instanceof ObjectNode object) {
            if (random.nextBoolean()) {
                object.remove("id");
            } else {
                object.put("id", placeholder(pick(ODD_IDS)));
            }
        }
        return write(node);
    }

    private JsonNode seed() {
        try {
            return Json.parse(seeds.get(random.nextInt(seeds.size())));
        } catch (Exception e) {
            throw new IllegalStateException("a seed is not JSON", e);
        }
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String placeholder(String rawText) {
        String key = "__RAW_" + raw.size() + "__";
        raw.put(key, rawText);
        return key;
    }

    private byte[] write(JsonNode node) {
        String text = Json.write(node);
        for (Map.Entry<String, String> e : raw.entrySet()) {
            text = text.replace("\"" + e.getKey() + "\"", e.getValue());
        }
        raw.clear();
        // Json.write keeps unpaired surrogates as chars; on the wire they must be escapes
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode oddValue() {
        switch (random.nextInt(10)) {
            case 0:
                return TextNode.valueOf(placeholder(pick(HUGE_NUMBERS)));
            case 1:
                return TextNode.valueOf(pick(ODD_STRINGS));
            case 2: {
                int[] depths = {3, 63, 64, 65, 200, 5000};
                int n = depths[random.nextInt(depths.length)];
                return TextNode.valueOf(placeholder("[".repeat(n) + "1" + "]".repeat(n)));
            }
            case 3: {
                JsonNode[] plain = {BooleanNode.TRUE, BooleanNode.FALSE, NullNode.getInstance(), IntNode.valueOf(0),
                        IntNode.valueOf(-1), Json.array(), Json.object()};
                return plain[random.nextInt(plain.length)];
            }
            case 4: {
                ArrayNode array = Json.array();
                for (int i = 0, n = random.nextInt(4); i < n; i++) {
                    array.add(oddValue());
                }
                return array;
            }
            case 5: {
                ObjectNode object = Json.object();
                object.set(random.nextBoolean() ? pick(ODD_STRINGS) : "scope", oddValue());
                return object;
            }
            case 6:
                return TextNode.valueOf("x".repeat(random.nextInt(20) == 0 ? 1_048_577 : new int[] {1, 100, 10_000}[random.nextInt(3)]));
            case 7:
                return TextNode.valueOf(placeholder(pick(ODD_IDS)));
            case 8:
                return IntNode.valueOf(random.nextInt(2_000_000) - 1_000_000);
            default:
                return TextNode.valueOf(pick(ODD_STRINGS) + pick(ODD_STRINGS) + pick(ODD_STRINGS));
        }
    }

    /** Replaces, drops, renames or wraps one value anywhere in the tree, or changes the request's own members. */
    private JsonNode treeMutation(JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty() || random.nextInt(12) == 0) {
            return oddValue();
        }
        JsonNode container = containers.get(random.nextInt(containers.size()));
        int kind = random.nextInt(6);
        if (kind == 3 && root instanceof ObjectNode request) {
            if (random.nextInt(10) < 3) {
                request.remove("id");
            } else {
                request.put("id", placeholder(pick(ODD_IDS)));
            }
            return root;
        }
        if (kind == 4 && root instanceof ObjectNode request) {
            request.set(new String[] {"jsonrpc", "method", "params"}[random.nextInt(3)], oddValue());
            return root;
        }
        if (container instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            switch (kind) {
                case 1 -> object.remove(name);
                case 2 -> object.set(pick(ODD_STRINGS), object.remove(name));
                case 5 -> {
                    int n = new int[] {1, 30, 62, 70, 3000}[random.nextInt(5)];
                    object.put(name, placeholder("[".repeat(n) + Json.write(object.get(name)) + "]".repeat(n)));
                }
                default -> object.set(name, oddValue());
            }
        } else if (container instanceof ArrayNode array && array.size() > 0) {
            int index = random.nextInt(array.size());
            if (kind == 1) {
                array.remove(index);
            } else {
                array.set(index, oddValue());
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), containers);
            }
        }
    }

    private byte[] byteMutation(byte[] data) {
        int kind = random.nextInt(6);
        if (kind == 0 && data.length > 0) {
            return java.util.Arrays.copyOf(data, random.nextInt(data.length));
        }
        if (kind == 1 && data.length > 0) {
            byte[] copy = data.clone();
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
            }
            return copy;
        }
        if (kind == 2) {
            byte[] odd = {0, (byte) 0x80, (byte) 0xC0, (byte) 0xED, (byte) 0xF5, (byte) 0xFF, 0x0D, 0x22, 0x5C};
            return splice(data, random.nextInt(data.length + 1), new byte[] {odd[random.nextInt(odd.length)]});
        }
        if (kind == 3) {
            List<Integer> quotes = positions(data, '"');
            if (!quotes.isEmpty()) {
                String[] escapes = {"\\ud800", "\\udfff", "\\u0000", "\\ud83d\\ude00", "\\x", "\\u12", "\\"};
                return splice(data, quotes.get(random.nextInt(quotes.size())) + 1, pick(escapes).getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (kind == 4) {
            List<Integer> digits = new ArrayList<>();
            for (int i = 0; i < data.length; i++) {
                if (data[i] >= '0' && data[i] <= '9') {
                    digits.add(i);
                }
            }
            if (!digits.isEmpty()) {
                String[] tails = {"e2147483647", "e-99999999999", "0".repeat(1200), ".5E+400"};
                return splice(data, digits.get(random.nextInt(digits.size())) + 1, pick(tails).getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (data.length == 0) {
            return data;
        }
        int from = random.nextInt(data.length);
        int to = Math.min(data.length, from + 1 + random.nextInt(40));
        return splice(data, to, java.util.Arrays.copyOfRange(data, from, to));
    }

    private static List<Integer> positions(byte[] data, char c) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            if (data[i] == c) {
                found.add(i);
            }
        }
        return found;
    }

    private static byte[] splice(byte[] data, int at, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + insert.length);
        out.write(data, 0, at);
        out.write(insert, 0, insert.length);
        out.write(data, at, data.length - at);
        return out.toByteArray();
    }

    private static byte[] noNewlines(byte[] data) {
        byte[] copy = data.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == '\n') {
                copy[i] = ' ';
            }
        }
        return copy;
    }
}
