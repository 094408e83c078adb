package dev.harness.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pipelined requests to concurrent methods, answered on several threads: the bytes written are
 * those of one-at-a-time serving, notifications before their response, answers in request order.
 */
class ServiceLoopPipelineTest {
    private final Contract contract = Contract.load("test-echo");

    /** Serves {@code input} with the test-echo handlers; echo and count are concurrent. */
    private byte[] serve(String input, int workers, CountDownLatch secondStarted) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageWriter writer = new MessageWriter(out);
        Dispatcher dispatcher = new Dispatcher(contract, new Notifier(contract, writer));
        dispatcher.onConcurrent("echo", (params, ctx) -> {
            String text = params.get("text").asText();
            if (text.equals("second")) {
                secondStarted.countDown();
            }
            if (text.equals("first") && !secondStarted.await(60, TimeUnit.SECONDS)) {
                // only reached when the two were not answered at the same time: the test then fails on this answer
                throw new IllegalStateException("the second request never ran while the first was being answered");
            }
            return Json.object().put("text", text);
        });
        dispatcher.onConcurrent("count", (params, ctx) -> {
            int n = params.get("n").asInt();
            for (int i = 0; i < n; i++) {
                ctx.notify("tick", Json.object().put("i", i));
            }
            return IntNode.valueOf(n);
        });
        dispatcher.onConcurrent("wrong_event", (params, ctx) -> {
            ctx.notify("tick", Json.object());
            return Json.object();
        });
        dispatcher.onConcurrent("crash", (params, ctx) -> {
            throw new IllegalStateException("secret internal detail");
        });
        dispatcher.on("refuse", (params, ctx) -> {
            throw ctx.error("refused", "The test method refuses.", com.fasterxml.jackson.databind.node.TextNode.valueOf("because"));
        });
        new ServiceLoop(dispatcher, writer, WireLimits.DEFAULT, workers).run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        return out.toByteArray();
    }

    private static List<JsonNode> lines(byte[] bytes) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            lines.add(Json.parse(line));
        }
        return lines;
    }

    @Test
    void manyThreadsWriteTheBytesOneThreadWrites() throws IOException {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            switch (i % 6) {
                case 0, 3 -> input.append("{\"jsonrpc\":\"2.0\",\"id\":").append(i).append(",\"method\":\"count\",\"params\":{\"n\":")
                        .append(i % 5).append("}}\n");
                case 1 -> input.append("{\"id\":\"s").append(i).append("\",\"method\":\"echo\",\"params\":{\"text\":\"t").append(i).append("\"}}\n");
                case 2 -> input.append("{\"id\":").append(i).append(",\"method\":\"refuse\"}\n"); // answered on the reading thread
                case 4 -> input.append(i % 4 == 0 ? "{\"id\":" + i + ",\"method\":\"crash\"}\n" : "{\"id\":" + i + ",\"method\":\"wrong_event\"}\n");
                default -> input.append("{\"method\":\"count\",\"params\":{\"n\":2}}\n"); // a notification: its ticks, no answer
            }
        }
        byte[] alone = serve(input.toString(), 1, new CountDownLatch(0));
        byte[] parallel = serve(input.toString(), 4, new CountDownLatch(0));

        assertThat(new String(parallel, StandardCharsets.UTF_8)).isEqualTo(new String(alone, StandardCharsets.UTF_8));
        List<JsonNode> lines = lines(parallel);
        // every request with an id answered, in order; each count's ticks right before its response
        List<String> ids = lines.stream().filter(l -> l.has("id")).map(l -> l.get("id").asText()).toList();
        assertThat(ids).hasSize(500);
        assertThat(ids.get(0)).isEqualTo("0");
        assertThat(ids.get(1)).isEqualTo("s1");
        assertThat(ids.get(499)).isEqualTo("598");
        int first = lines.indexOf(lines.stream().filter(l -> l.path("id").asText().equals("6")).findFirst().orElseThrow());
        assertThat(lines.subList(first - 1, first + 1)).extracting(l -> l.path("params").path("i").asInt(-1), l -> l.path("result").asInt(-1))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, -1), org.assertj.core.groups.Tuple.tuple(-1, 1));
        assertThat(lines).noneMatch(l -> l.toString().contains("secret internal detail"));
        assertThat(lines.stream().filter(l -> l.path("error").path("code").asInt() == JsonRpc.INTERNAL_ERROR)).hasSize(100);
    }

    @Test
    void malformedLinesAndErrorsMidStreamAreAnsweredInTheirTurn() throws IOException {
        StringBuilder input = new StringBuilder();
        List<String> expected = new ArrayList<>(); // per line answered: the id, or "parse" / "invalid" for the loop's own errors
        for (int i = 0; i < 300; i++) {
            switch (i % 5) {
                case 0 -> {
                    input.append("{\"id\":").append(i).append(",\"method\":\"echo\",\"params\":{\"text\":\"t").append(i).append("\"}}\n");
                    expected.add(Integer.toString(i));
                }
                case 1 -> {
                    input.append("{\"id\":").append(i).append(",\"method\":\"echo\",\"params\":{\"text\":\n"); // cut off mid-object
                    expected.add("parse");
                }
                case 2 -> {
                    input.append("{\"id\":").append(i).append(",\"method\":\"crash\"}\n");
                    expected.add(Integer.toString(i));
                }
                case 3 -> {
                    input.append("[]\n"); // an empty batch: one invalid-request error, no id
                    expected.add("invalid");
                }
                default -> {
                    input.append("{\"id\":").append(i).append(",\"method\":\"refuse\"}\n");
                    expected.add(Integer.toString(i));
                }
            }
        }
        byte[] alone = serve(input.toString(), 1, new CountDownLatch(0));
        byte[] parallel = serve(input.toString(), 4, new CountDownLatch(0));

        assertThat(new String(parallel, StandardCharsets.UTF_8)).isEqualTo(new String(alone, StandardCharsets.UTF_8));
        List<String> answered = lines(parallel).stream().map(l -> l.path("id").isNull()
                ? (l.path("error").path("code").asInt() == JsonRpc.PARSE_ERROR ? "parse" : "invalid")
                : l.path("id").asText()).toList();
        assertThat(answered).isEqualTo(expected);
    }

    @Test
    void twoPipelinedRequestsAreAnsweredAtTheSameTimeAndWrittenInOrder() throws IOException {
        String input = "{\"id\":1,\"method\":\"echo\",\"params\":{\"text\":\"first\"}}\n"
                + "{\"id\":2,\"method\":\"echo\",\"params\":{\"text\":\"second\"}}\n";
        // the first request's handler waits until the second's has started: only parallel answering completes it
        List<JsonNode> lines = lines(serve(input, 2, new CountDownLatch(1)));

        assertThat(lines).extracting(l -> l.get("id").asInt(), l -> l.path("result").path("text").asText())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "first"), org.assertj.core.groups.Tuple.tuple(2, "second"));
    }
}
