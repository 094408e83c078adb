package dev.harness.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service loop in-process with injected streams: PROTOCOL.md row by row. */
class ServiceLoopTest {

    /** What one run of the service wrote: the protocol lines, stderr and the exit code. */
    record Served(String rawStdout, String stderr, int exitCode) {
        /** stdout as protocol messages: every line must be JSON. */
        List<JsonNode> lines() {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : rawStdout.split("\n")) {
                if (!line.isEmpty()) {
                    try {
                        lines.add(Json.parse(line));
                    } catch (Exception e) {
                        throw new AssertionError("stdout carried a line that is not JSON: " + line, e);
                    }
                }
            }
            return lines;
        }

        JsonNode only() {
            List<JsonNode> lines = lines();
            assertThat(lines).hasSize(1);
            return lines.get(0);
        }
    }

    static Served serve(byte[] input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream previousErr = System.err;
        System.setErr(errStream); // Log writes to System.err
        int code;
        try {
            code = ServiceLauncher.run(new EchoService(), args, new ByteArrayInputStream(input), out, errStream, false);
        } finally {
            System.setErr(previousErr);
        }
        return new Served(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), code);
    }

    static Served serve(String input, String... args) {
        return serve(input.getBytes(StandardCharsets.UTF_8), args);
    }

    static void assertError(JsonNode response, int code) {
        assertThat(response.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(response.has("result")).isFalse();
        assertThat(response.path("error").path("code").asInt()).isEqualTo(code);
        assertThat(response.path("error").path("message").asText()).isNotBlank();
    }

    @Test
    void answersARequestWithoutJsonrpcAsJsonRpc20() {
        JsonNode response = serve("{\"id\":\"1\",\"method\":\"echo\",\"params\":{\"text\":\"hi\"}}\n").only();
        assertThat(response.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(response.get("id").isTextual()).isTrue();
        assertThat(response.get("id").asText()).isEqualTo("1");
        assertThat(response.path("result").path("text").asText()).isEqualTo("hi");
        assertThat(response.has("error")).isFalse();
    }

    @Test
    void echoesIdsWithTheirType() {
        Served served = serve("""
                {"jsonrpc":"2.0","id":7,"method":"echo","params":{"text":"a"}}
                {"jsonrpc":"2.0","id":"7","method":"echo","params":{"text":"b"}}
                {"jsonrpc":"2.0","id":-3,"method":"echo","params":{"text":"c"}}
                {"jsonrpc":"2.0","id":null,"method":"echo","params":{"text":"d"}}
                """);
        assertThat(served.lines()).hasSize(4);
        assertThat(served.lines().get(0).get("id").isIntegralNumber()).isTrue();
        assertThat(served.lines().get(0).get("id").asInt()).isEqualTo(7);
        assertThat(served.lines().get(1).get("id").isTextual()).isTrue();
        assertThat(served.lines().get(2).get("id").asInt()).isEqualTo(-3);
        assertThat(served.lines().get(3).get("id").isNull()).isTrue();
        assertThat(served.rawStdout()).contains("\"id\":7,").contains("\"id\":\"7\"");
    }

    @Test
    void numericIdsAreEchoedExactly() {
        Served served = serve("""
                {"id":1e400,"method":"echo","params":{"text":"a"}}
                {"id":1.50,"method":"echo","params":{"text":"b"}}
                {"id":12345678901234567890,"method":"echo","params":{"text":"c"}}
                """);
        assertThat(served.lines()).hasSize(3);
        assertThat(served.lines()).allSatisfy(line -> assertThat(line.get("id").isNumber()).isTrue());
        assertThat(served.lines().get(0).get("id").decimalValue()).isEqualByComparingTo(new java.math.BigDecimal("1e400"));
        assertThat(served.rawStdout()).contains("\"id\":1.50,").contains("\"id\":12345678901234567890,");
    }

    @Test
    void parseErrorHasNullIdAndServiceKeepsServing() {
        Served served = serve("not json\n{\"id\":1,\"method\":\"echo\",\"params\":{\"text\":\"after\"}}\n");
        assertThat(served.lines()).hasSize(2);
        assertError(served.lines().get(0), JsonRpc.PARSE_ERROR);
        assertThat(served.lines().get(0).get("id").isNull()).isTrue();
        assertThat(served.lines().get(0).path("error").has("data")).isFalse();
        assertThat(served.lines().get(1).path("result").path("text").asText()).isEqualTo("after");
    }

    @Test
    void invalidRequestsSayWhatWasWrong() {
        Served served = serve("""
                42
                {"jsonrpc":"1.0","id":1,"method":"echo","params":{"text":"x"}}
                {"id":2,"method":5}
                {"id":3,"method":"echo","params":"text"}
                {"id":{"a":1},"method":"echo","params":{"text":"x"}}
                """);
        assertThat(served.lines()).hasSize(5);
        served.lines().forEach(line -> assertError(line, JsonRpc.INVALID_REQUEST));
        assertThat(served.lines().get(1).get("id").asInt()).isEqualTo(1);
        assertThat(served.lines().get(1).path("error").path("data").asText()).contains("jsonrpc");
        assertThat(served.lines().get(2).path("error").path("data").asText()).contains("method");
        assertThat(served.lines().get(3).path("error").path("data").asText()).contains("params");
        assertThat(served.lines().get(4).get("id").isNull()).isTrue();
    }

    @Test
    void unknownMethodListsTheMethodsThatExist() {
        JsonNode response = serve("{\"id\":1,\"method\":\"launch_missiles\"}\n").only();
        assertError(response, JsonRpc.METHOD_NOT_FOUND);
        List<String> available = new ArrayList<>();
        response.path("error").path("data").path("available").forEach(n -> available.add(n.asText()));
        assertThat(available).contains("echo", "count", "rpc.discover").doesNotContain("launch_missiles");
    }

    @Test
    void paramsFailingTheSchemaGiveEveryViolationWithItsPath() {
        Served served = serve("""
                {"id":1,"method":"echo","params":{"text":5}}
                {"id":2,"method":"echo","params":{}}
                {"id":3,"method":"echo"}
                {"id":4,"method":"count","params":{"n":1000}}
                """);
        assertThat(served.lines()).hasSize(4);
        served.lines().forEach(line -> assertError(line, JsonRpc.INVALID_PARAMS));
        JsonNode data = served.lines().get(0).path("error").path("data");
        assertThat(data.isArray()).isTrue();
        assertThat(data.get(0).path("path").asText()).isEqualTo("/text");
        assertThat(data.get(0).path("message").asText()).contains("string");
        assertThat(served.lines().get(1).path("error").path("data").get(0).path("message").asText()).contains("text");
        assertThat(served.lines().get(3).path("error").path("data").get(0).path("path").asText()).isEqualTo("/n");
    }

    @Test
    void sharedSchemasAreReachableFromContracts() {
        Served served = serve("""
                {"id":1,"method":"packet","params":{"task_packet":{"objective":"Create theme provider","scope":"module","scope_path":"src/theme","acceptance_tests":["npm test"],"commit_policy":"single verified commit","escalation_policy":"stop on destructive ambiguity"}}}
                {"id":2,"method":"packet","params":{"task_packet":{"objective":"x","scope":"module","acceptance_tests":["npm test"]}}}
                {"id":3,"method":"packet","params":{"task_packet":{"objective":"x","scope":"galaxy","acceptance_tests":[]}}}
                """);
        assertThat(served.lines().get(0).has("result")).isTrue();
        assertError(served.lines().get(1), JsonRpc.INVALID_PARAMS);
        assertThat(served.lines().get(1).path("error").path("data").toString()).contains("scope_path");
        assertError(served.lines().get(2), JsonRpc.INVALID_PARAMS);
        assertThat(served.lines().get(2).path("error").path("data").get(0).path("path").asText()).isEqualTo("/task_packet/scope");
    }

    @Test
    void unexpectedExceptionIsInternalErrorWithNothingInternalOnTheWire() {
        Served served = serve("{\"id\":1,\"method\":\"crash\",\"params\":{}}\n");
        JsonNode response = served.only();
        assertError(response, JsonRpc.INTERNAL_ERROR);
        assertThat(response.path("error").has("data")).isFalse();
        assertThat(served.rawStdout()).doesNotContain("secret internal detail").doesNotContain("Exception");
        assertThat(served.stderr()).contains("secret internal detail");
    }

    @Test
    void resultBreakingItsSchemaIsAnInternalError() {
        Served served = serve("{\"id\":1,\"method\":\"wrong_result\",\"params\":{}}\n");
        assertError(served.only(), JsonRpc.INTERNAL_ERROR);
        assertThat(served.stderr()).contains("response_schema");
    }

    @Test
    void notificationBreakingItsSchemaIsNeverWritten() {
        Served served = serve("{\"id\":1,\"method\":\"wrong_event\",\"params\":{}}\n");
        assertError(served.only(), JsonRpc.INTERNAL_ERROR);
        assertThat(served.rawStdout()).doesNotContain("\"method\":\"tick\"");
    }

    @Test
    void domainErrorCarriesTheDeclaredCodeAndData() {
        JsonNode response = serve("{\"id\":1,\"method\":\"refuse\",\"params\":{}}\n").only();
        assertError(response, -32042);
        assertThat(response.path("error").path("data").asText()).isEqualTo("because");
    }

    @Test
    void declaredMethodWithoutHandlerIsADomainErrorNotACrash() {
        JsonNode response = serve("{\"id\":1,\"method\":\"unimplemented\",\"params\":{}}\n").only();
        assertThat(response.path("error").path("code").asInt()).isBetween(JsonRpc.DOMAIN_MIN, JsonRpc.DOMAIN_MAX);
    }

    @Test
    void notificationsAreNeverAnswered() {
        Served served = serve("""
                {"jsonrpc":"2.0","method":"echo","params":{"text":"x"}}
                {"method":"no_such_method"}
                {"method":"echo","params":{"text":5}}
                {"method":"crash","params":{}}
                {"method":"echo","params":{"text":"\\u0000"}}
                {"id":9,"method":"echo","params":{"text":"last"}}
                """);
        assertThat(served.lines()).hasSize(1);
        assertThat(served.only().get("id").asInt()).isEqualTo(9);
    }

    @Test
    void anInvalidRequestWithoutIdIsNoNotificationAndIsAnsweredWithIdNull() {
        // JSON-RPC 2.0, section 7: {"jsonrpc": "2.0", "method": 1, "params": "bar"} gets -32600 with id null
        Served served = serve("""
                {"jsonrpc":"2.0","method":1,"params":"bar"}
                {"method":"echo","jsonrpc":"1.0"}
                {"method":"echo","params":7}
                """);
        assertThat(served.lines()).hasSize(3).allSatisfy(line -> {
            assertError(line, JsonRpc.INVALID_REQUEST);
            assertThat(line.get("id").isNull()).isTrue();
        });
    }

    @Test
    void eventsCausedByARequestComeBeforeItsResponse() {
        Served served = serve("{\"id\":1,\"method\":\"count\",\"params\":{\"n\":3}}\n");
        assertThat(served.lines()).hasSize(4);
        for (int i = 0; i < 3; i++) {
            JsonNode tick = served.lines().get(i);
            assertThat(tick.path("method").asText()).isEqualTo("tick");
            assertThat(tick.has("id")).isFalse();
            assertThat(tick.path("jsonrpc").asText()).isEqualTo("2.0");
            assertThat(tick.path("params").path("i").asInt()).isEqualTo(i);
        }
        assertThat(served.lines().get(3).path("result").asInt()).isEqualTo(3);
    }

    @Test
    void batchGetsAnArrayOfResponsesWithoutNotifications() {
        Served served = serve("[{\"id\":1,\"method\":\"echo\",\"params\":{\"text\":\"a\"}},"
                + "{\"method\":\"echo\",\"params\":{\"text\":\"n\"}},"
                + "{\"id\":\"two\",\"method\":\"nope\"},"
                + "7]\n");
        JsonNode batch = served.only();
        assertThat(batch.isArray()).isTrue();
        assertThat(batch).hasSize(3);
        assertThat(batch.get(0).path("result").path("text").asText()).isEqualTo("a");
        assertError(batch.get(1), JsonRpc.METHOD_NOT_FOUND);
        assertThat(batch.get(1).get("id").asText()).isEqualTo("two");
        assertError(batch.get(2), JsonRpc.INVALID_REQUEST);
    }

    @Test
    void emptyBatchIsOneInvalidRequestAndAllNotificationBatchGetsNothing() {
        Served served = serve("[]\n[{\"method\":\"echo\",\"params\":{\"text\":\"a\"}},{\"method\":\"echo\",\"params\":{\"text\":\"b\"}}]\n");
        JsonNode response = served.only();
        assertThat(response.isObject()).isTrue();
        assertError(response, JsonRpc.INVALID_REQUEST);
        assertThat(response.get("id").isNull()).isTrue();
    }

    @Test
    void thousandPipelinedRequestsAreAllAnsweredInOrder() {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            input.append("{\"id\":").append(i).append(",\"method\":\"echo\",\"params\":{\"text\":\"r").append(i).append("\"}}\n");
        }
        Served served = serve(input.toString());
        assertThat(served.lines()).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(served.lines().get(i).get("id").asInt()).isEqualTo(i);
            assertThat(served.lines().get(i).path("result").path("text").asText()).isEqualTo("r" + i);
        }
    }

    @Test
    void garbageBetweenGoodLinesIsAnsweredAndSkipped() {
        Served served = serve("""
                {"id":1,"method":"echo","params":{"text":"a"}}
                {"id":2,"method":"echo",
                ]]]
                \u0000\u0001

                   \t
                {"id":3,"method":"echo","params":{"text":"c"}}\r
                {"id":4,"method":"echo","params":{"text":"d"}} trailing
                {"id":5,"method":"echo","params":{"text":"e"}}
                """);
        List<JsonNode> lines = served.lines();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0).path("result").path("text").asText()).isEqualTo("a");
        assertError(lines.get(1), JsonRpc.PARSE_ERROR);
        assertError(lines.get(2), JsonRpc.PARSE_ERROR);
        assertError(lines.get(3), JsonRpc.PARSE_ERROR);
        assertThat(lines.get(4).path("result").path("text").asText()).isEqualTo("c");
        assertError(lines.get(5), JsonRpc.PARSE_ERROR);
        assertThat(lines.get(6).path("result").path("text").asText()).isEqualTo("e");
    }

    @Test
    void lineOverTheLimitIsDiscardedWithInvalidRequestAndServingGoesOn() {
        String huge = "{\"id\":1,\"method\":\"echo\",\"params\":{\"text\":\"" + "x".repeat(5000) + "\"}}";
        Served served = serve(huge + "\n{\"id\":2,\"method\":\"echo\",\"params\":{\"text\":\"small\"}}\n" + huge,
                "--max-line-bytes", "1024");
        assertThat(served.lines()).hasSize(3);
        assertError(served.lines().get(0), JsonRpc.INVALID_REQUEST);
        assertThat(served.lines().get(0).get("id").isNull()).isTrue();
        assertThat(served.lines().get(0).path("error").path("data").path("limit").asText()).isEqualTo("max_line_bytes");
        assertThat(served.lines().get(0).path("error").path("data").path("max").asInt()).isEqualTo(1024);
        assertThat(served.lines().get(1).path("result").path("text").asText()).isEqualTo("small");
        assertError(served.lines().get(2), JsonRpc.INVALID_REQUEST);
    }

    @Test
    void lastLineWithoutNewlineIsStillAnswered() {
        assertThat(serve("{\"id\":1,\"method\":\"echo\",\"params\":{\"text\":\"eof\"}}").only()
                .path("result").path("text").asText()).isEqualTo("eof");
    }

    @Test
    void invalidUtf8IsAParseError() {
        byte[] bad = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        assertError(serve(bad).only(), JsonRpc.PARSE_ERROR);
    }

    @Test
    void discoverReturnsTheContract() {
        JsonNode contract = serve("{\"id\":1,\"method\":\"rpc.discover\"}\n").only().path("result");
        assertThat(contract.path("service").asText()).isEqualTo("test-echo");
        assertThat(contract.path("input_messages").has("echo")).isTrue();
        assertThat(contract.path("output_messages").has("tick")).isTrue();
    }

    @Test
    void blockingRequestStartedBeforeEofIsAnsweredBeforeExit() {
        Served served = serve("""
                {"id":1,"method":"wait","params":{"ms":300}}
                {"id":2,"method":"echo","params":{"text":"quick"}}
                """);
        assertThat(served.exitCode()).isZero();
        assertThat(served.lines()).hasSize(2);
        // the quick request did not wait behind the blocking one
        assertThat(served.lines().get(0).get("id").asInt()).isEqualTo(2);
        assertThat(served.lines().get(1).path("result").asInt()).isEqualTo(300);
    }

    @Test
    void commandLine() {
        Served help = serve("", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.rawStdout()).contains("Usage: test-echo").contains("--max-line-bytes").contains("--version");
        Served version = serve("", "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.rawStdout()).startsWith("test-echo ");
        Served bad = serve("", "--frobnicate");
        assertThat(bad.exitCode()).isEqualTo(ServiceLauncher.EXIT_USAGE);
        assertThat(bad.stderr()).contains("unknown option '--frobnicate'");
        assertThat(bad.rawStdout()).isEmpty();
        assertThat(serve("", "positional").exitCode()).isEqualTo(ServiceLauncher.EXIT_USAGE);
        assertThat(serve("", "--max-line-bytes", "lots").exitCode()).isEqualTo(ServiceLauncher.EXIT_USAGE);
        assertThat(serve("", "--max-line-bytes").exitCode()).isEqualTo(ServiceLauncher.EXIT_USAGE);
        assertThat(serve("").exitCode()).isZero();
    }
}
