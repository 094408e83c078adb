package dev.harness.protocol;

import static dev.harness.protocol.ServiceLoopTest.assertError;
import static dev.harness.protocol.ServiceLoopTest.serve;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 13: whatever a line holds, it is answered by the rules, ids come back as written, limits are named. */
class WireLimitsTest {

    @Test
    void idsAreEchoedByteForByteAsWritten() {
        String[] ids = {"\"\\u0041\"", "\"\\ud800\"", "\"a\\u0000b\"", "-0", "1E5", "1.50", "1e2147483648",
                "12345678901234567890123", "\"\\/\"", "\"😀\"", "null"};
        StringBuilder input = new StringBuilder();
        for (String id : ids) {
            input.append("{\"id\":").append(id).append(",\"method\":\"echo\",\"params\":{\"text\":\"x\"}}\n");
        }
        ServiceLoopTest.Served served = serve(input.toString());
        String[] lines = served.rawStdout().split("\n");
        assertThat(lines).hasSize(ids.length);
        for (int i = 0; i < ids.length; i++) {
            assertThat(lines[i]).startsWith("{\"jsonrpc\":\"2.0\",\"id\":" + ids[i] + ",\"result\":");
        }
    }

    @Test
    void unpairedSurrogatesAreValidJsonAndComeBackEscapedNeverAsQuestionMarks() {
        ServiceLoopTest.Served served = serve("""
                {"id":1,"method":"echo","params":{"text":"ok"},"\\ud800":1}
                {"id":2,"method":"nope\\udc00"}
                {"id":3,"method":"echo","params":{"text":"\\ud83d\\ude00 é"}}
                """);
        List<JsonNode> lines = served.lines();
        assertThat(lines.get(0).path("result").path("text").asText()).isEqualTo("ok");
        assertError(lines.get(1), JsonRpc.METHOD_NOT_FOUND);
        assertThat(served.rawStdout()).contains("nope\\uDC00").doesNotContain("?");
        assertThat(lines.get(2).path("result").path("text").asText()).isEqualTo("😀 é");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            exponent overflow            | {"id":1,"method":"echo","params":{"text":1e2147483648}}       | /text | max_exponent
            huge exponent                | {"id":1,"method":"echo","params":{"text":"x","n":-1E99999}}   | /n    | max_exponent
            NUL in a value               | {"id":1,"method":"echo","params":{"text":"a\\u0000"}}          | /text |
            unpaired surrogate in value  | {"id":1,"method":"echo","params":{"text":"\\udfff"}}           | /text |
            unpaired surrogate in a name | {"id":1,"method":"echo","params":{"text":"x","\\ud800":1}}     | /\uD800 |
            """)
    void refusedValuesInParamsAreInvalidParamsNamingTheField(String name, String line, String path, String limit) {
        JsonNode response = serve(line + "\n").only();
        assertError(response, JsonRpc.INVALID_PARAMS);
        assertThat(response.get("id").asInt()).isEqualTo(1);
        JsonNode item = response.path("error").path("data").get(0);
        assertThat(item.path("path").asText()).isEqualTo(path);
        assertThat(item.path("limit").asText()).isEqualTo(limit == null ? "" : limit);
    }

    @Test
    void aThousandDigitNumberIsValidJsonAndTooLongNumbersAreRefusedByName() {
        String fine = "9".repeat(999);
        String tooLong = "9".repeat(1001);
        ServiceLoopTest.Served served = serve("{\"id\":1,\"method\":\"count\",\"params\":{\"n\":" + fine + "}}\n"
                + "{\"id\":2,\"method\":\"count\",\"params\":{\"n\":" + tooLong + "}}\n");
        assertError(served.lines().get(0), JsonRpc.INVALID_PARAMS); // the schema's maximum, not a parse error
        assertError(served.lines().get(1), JsonRpc.INVALID_PARAMS);
        assertThat(served.lines().get(1).path("error").path("data").get(0).path("limit").asText()).isEqualTo("max_number_length");
    }

    @Test
    void depthStringAndIdLimitsAreNamed() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String longString = "x".repeat(WireLimits.DEFAULT.maxStringLength() + 1);
        ServiceLoopTest.Served served = serve(
                "{\"id\":1,\"method\":\"echo\",\"params\":{\"text\":\"x\",\"deep\":" + deep + "}}\n"
                        + "{\"id\":2,\"method\":\"echo\",\"params\":{\"text\":\"" + longString + "\"}}\n"
                        + "{\"id\":\"" + longString + "\",\"method\":\"echo\",\"params\":{\"text\":\"x\"}}\n"
                        + "{\"id\":4,\"method\":\"echo\",\"params\":{\"text\":\"x\"},\"extra\":" + deep + "}\n"
                        + "{\"id\":5,\"method\":\"echo\",\"params\":{\"text\":\"ok\"}}\n");
        List<JsonNode> lines = served.lines();
        assertThat(lines).hasSize(5);
        assertError(lines.get(0), JsonRpc.INVALID_PARAMS);
        assertThat(lines.get(0).path("error").path("data").get(0).path("limit").asText()).isEqualTo("max_depth");
        assertThat(lines.get(0).path("error").path("data").get(0).path("path").asText()).startsWith("/deep/0/0");
        assertError(lines.get(1), JsonRpc.INVALID_PARAMS);
        assertThat(lines.get(1).path("error").path("data").get(0).path("limit").asText()).isEqualTo("max_string_length");
        assertError(lines.get(2), JsonRpc.INVALID_REQUEST);
        assertThat(lines.get(2).get("id").isNull()).isTrue();
        assertThat(lines.get(2).path("error").path("data").path("limit").asText()).isEqualTo("max_string_length");
        assertError(lines.get(3), JsonRpc.INVALID_REQUEST);
        assertThat(lines.get(3).get("id").asInt()).isEqualTo(4);
        assertThat(lines.get(3).path("error").path("data").path("limit").asText()).isEqualTo("max_depth");
        assertThat(lines.get(4).path("result").path("text").asText()).isEqualTo("ok");
    }

    @Test
    void manyRefusedValuesInParamsAreStillInvalidParams() {
        String many = "\"\\u0000\",".repeat(30) + "1";
        JsonNode response = serve("{\"id\":1,\"method\":\"echo\",\"params\":{\"text\":\"x\",\"v\":[" + many + "]}}\n").only();
        assertError(response, JsonRpc.INVALID_PARAMS);
        assertThat(response.path("error").path("data")).hasSize(MessageParser.MAX_PROBLEMS + 1);
    }

    @Test
    void bigBatchesAndLinesOfManyValuesAreOneInvalidRequest() {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i <= WireLimits.DEFAULT.maxBatch(); i++) {
            batch.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"method\":\"echo\",\"params\":{\"text\":\"x\"}}");
        }
        batch.append("]\n");
        String values = "{\"id\":1,\"method\":\"echo\",\"params\":{\"text\":\"x\",\"v\":[" + "{},".repeat(WireLimits.DEFAULT.maxValues()) + "{}]}}\n";
        ServiceLoopTest.Served served = serve(batch + values);
        List<JsonNode> lines = served.lines();
        assertThat(lines).hasSize(2);
        assertError(lines.get(0), JsonRpc.INVALID_REQUEST);
        assertThat(lines.get(0).path("error").path("data").path("limit").asText()).isEqualTo("max_batch");
        assertError(lines.get(1), JsonRpc.INVALID_REQUEST);
        assertThat(lines.get(1).path("error").path("data").path("limit").asText()).isEqualTo("max_values");
    }

    @Test
    void invalidJsonIsStillAParseErrorWhereverItIs() {
        String deepBroken = "[".repeat(10_000) + "}";
        ServiceLoopTest.Served served = serve(deepBroken + "\n{\"id\":1,\"method\":\"echo\",\"params\":{\"text\":\"\\x\"}}\n"
                + "{\"id\":1,\"method\":\"echo\",\"params\":{\"text\":01}}\n[1,]\n{\"id\":2,\"method\":\"echo\",\"params\":{\"text\":\"ok\"}}\n");
        List<JsonNode> lines = served.lines();
        assertThat(lines).hasSize(5);
        for (int i = 0; i < 4; i++) {
            assertError(lines.get(i), JsonRpc.PARSE_ERROR);
            assertThat(lines.get(i).get("id").isNull()).isTrue();
        }
        assertThat(lines.get(4).path("result").path("text").asText()).isEqualTo("ok");
    }

    @Test
    void theParserBuildsWhatJacksonBuilds() throws Exception {
        String[] samples = {"{\"a\":[1,-0,2147483648,9223372036854775808,1.50,1e5,-2E-3,true,false,null,\"x\\n\\u00e9\"]}",
                "[]", "{}", "\"s\"", "0", "[{\"k\":{\"k\":[[]]}}]", "{\"dup\":1,\"dup\":2}", "{\"é😀\":\"\\ud83d\\ude00\"}"};
        for (String sample : samples) {
            MessageParser.ParsedLine parsed = MessageParser.parse(sample, WireLimits.DEFAULT);
            JsonNode ours = parsed instanceof MessageParser.ParsedLine.Single single ? single.message().message()
                    : Json.array().addAll(((MessageParser.ParsedLine.Batch) parsed).messages().stream().map(Incoming::message).toList());
            assertThat(ours).as(sample).isEqualTo(Json.parse(sample));
        }
    }

    @Test
    void blockingRequestsBeyondTheInFlightLimitAreRefusedByName() throws Exception {
        StringBuilder input = new StringBuilder();
        int n = WireLimits.DEFAULT.maxInFlight() + 3;
        for (int i = 0; i < n; i++) {
            input.append("{\"id\":").append(i).append(",\"method\":\"wait\",\"params\":{\"ms\":1500}}\n");
        }
        List<JsonNode> lines = serve(input.toString()).lines();
        assertThat(lines).hasSize(n);
        long refused = lines.stream().filter(l -> l.path("error").path("data").path("limit").asText().equals("max_in_flight")).count();
        assertThat(refused).isBetween(1L, 3L);
        assertThat(lines.stream().filter(l -> l.has("result")).count()).isEqualTo(n - refused);
    }
}
