package dev.harness.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestTest {
    @Test
    void oneFormatLowercaseHexWithoutPrefix() throws Exception {
        // the golden value of orchestrator's PlanDigestTest, computed with sha256sum
        ArrayNode packets = (ArrayNode) Json.parse("[{\"b\":1,\"a\":{\"d\":[2,{\"z\":1,\"y\":2}],\"c\":\"x\"}}]");
        assertThat(CanonicalJson.write(packets)).isEqualTo("[{\"a\":{\"c\":\"x\",\"d\":[2,{\"y\":2,\"z\":1}]},\"b\":1}]");
        assertThat(Digest.ofJson(packets)).isEqualTo("5e6382495c0d821e18e7270086336c25ccf2812911839d1eae14e66b3286e519");
        assertThat(Digest.of("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Digest.isWellFormed(Digest.of("abc"))).isTrue();
        assertThat(Digest.isWellFormed("sha256:" + Digest.of("abc"))).isFalse();
        assertThat(Digest.normalize("sha256:" + Digest.of("abc"))).isEqualTo(Digest.of("abc"));
    }

    @Test
    void theSamePacketsGiveTheDigestTodaysModulesRecord() throws Exception {
        // every packet the examples carry, plus values with numbers, escapes and nesting
        List<JsonNode> values = new ArrayList<>(examplePackets());
        values.add(Json.parse("{\"n\":1.50,\"big\":123456789012345678901234567890,\"e\":1e400,\"neg\":-0.0,\"i\":7}"));
        values.add(Json.parse("{\"s\":\"héllo \\u0000 \\ud83c\\udf89 \\\"q\\\" \\n\",\"nested\":{\"z\":[{\"b\":null,\"a\":true}],\"a\":false}}"));
        values.add(Json.parse("[]"));
        assertThat(values).hasSizeGreaterThan(5);
        for (JsonNode value : values) {
            String legacy = legacyPlanDigest(value);
            assertThat(Digest.ofJson(value)).as(value.toString()).isEqualTo(legacy);
            assertThat("sha256:" + Digest.ofJson(value)).isEqualTo(legacyPacketDigest(value));
        }
        ArrayNode all = Json.array();
        values.forEach(all::add);
        assertThat(Digest.ofJson(all)).isEqualTo(legacyPlanDigest(all));
    }

    @Test
    void keyOrderAndWhitespaceDoNotMatterButValuesAndArrayOrderDo() throws Exception {
        JsonNode a = Json.parse("[{\"id\":\"t1\",\"title\":\"A\",\"depends_on\":[]}]");
        JsonNode b = Json.parse("[ { \"depends_on\" : [ ], \"title\":\"A\", \"id\":\"t1\" } ]");
        JsonNode c = Json.parse("[{\"id\":\"t1\",\"title\":\"A \",\"depends_on\":[]}]");
        assertThat(Digest.ofJson(a)).isEqualTo(Digest.ofJson(b)).isNotEqualTo(Digest.ofJson(c));
        assertThat(Digest.ofJson(Json.parse("[1,2]"))).isNotEqualTo(Digest.ofJson(Json.parse("[2,1]")));
    }

    @Test
    void nestingUpToJacksonsLimitIsWritten() {
        JsonNode deep = JsonNodeFactory.instance.arrayNode();
        JsonNode inner = deep;
        for (int i = 0; i < 450; i++) { // Jackson's own nesting limit (1000) is the bound for any parsed value
            ObjectNode next = JsonNodeFactory.instance.objectNode();
            ((ArrayNode) inner).add(next);
            inner = next.putArray("a");
        }
        String text = CanonicalJson.write(deep);
        assertThat(text).startsWith("[{\"a\":[{\"a\":").endsWith("]}]");
    }

    @Test
    void fileDigestEqualsTheDigestOfItsBytes(@TempDir Path tmp) throws Exception {
        byte[] bytes = new byte[200_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path file = Files.write(tmp.resolve("f.bin"), bytes);
        assertThat(Digest.ofFile(file)).isEqualTo(Digest.of(bytes));
    }

    private static List<JsonNode> examplePackets() throws Exception {
        List<JsonNode> packets = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("..", "examples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    JsonNode message;
                    try {
                        message = Json.parse(line);
                    } catch (Exception notJson) { // the error examples hold deliberately broken lines
                        continue;
                    }
                    JsonNode packet = message.path("params").path("task_packet");
                    if (packet.isObject()) {
                        packets.add(packet);
                    }
                    JsonNode plan = message.path("params").path("packets");
                    if (plan.isArray()) {
                        packets.add(plan);
                        plan.forEach(packets::add);
                    }
                }
            }
        }
        return packets;
    }

    // The algorithms the modules use today (orchestrator runlog/PlanDigest, worker PacketDigest), copied
    // verbatim in substance so a module can switch to Digest without changing a recorded approval.

    private static String legacyPlanDigest(JsonNode node) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        return HexFormat.of().formatHex(digest.digest(Json.write(legacyCanonical(node)).getBytes(StandardCharsets.UTF_8)));
    }

    private static String legacyPacketDigest(JsonNode node) throws Exception {
        return "sha256:" + legacyPlanDigest(node);
    }

    private static JsonNode legacyCanonical(JsonNode node) {
        if (node == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                sorted.set(name, legacyCanonical(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(legacyCanonical(item)));
            return copy;
        }
        return node;
    }
}
