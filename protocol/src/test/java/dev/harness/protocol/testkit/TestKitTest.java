package dev.harness.protocol.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Contract;
import dev.harness.protocol.EchoService;
import dev.harness.protocol.Json;
import dev.harness.protocol.JsonRpc;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The test kit on the echo service, in-process and as a real child JVM: one test body, both harnesses. */
class TestKitTest {
    @TempDir
    static Path tmp;

    static Stream<Arguments> harnesses() {
        Function<Path, ServiceHarness> inProcess = dir -> InProcessService.start(new EchoService());
        Function<Path, ServiceHarness> realProcess = dir -> {
            List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(EchoService.class.getName());
            return ProcessService.command("test-echo", command, Map.of(), dir);
        };
        return Stream.of(Arguments.of("in-process", inProcess), Arguments.of("real process", realProcess));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("harnesses")
    void callsNotificationsErrorsAndMalformedInputKeepTheWireClean(String kind, Function<Path, ServiceHarness> start) {
        try (ServiceHarness service = start.apply(tmp)) {
            assertThat(service.ok("echo", Json.object().put("text", "héllo")).get("text").asText()).isEqualTo("héllo");
            assertThat(service.ok("count", Json.object().put("n", 3)).asInt()).isEqualTo(3);
            assertThat(service.notifications("tick")).extracting(t -> t.get("i").asInt()).containsExactly(0, 1, 2);
            assertThat(service.error("refuse", Json.object()).get("code").asInt()).isEqualTo(-32042);
            assertThat(service.error("wrong_event", Json.object()).get("code").asInt()).isEqualTo(JsonRpc.INTERNAL_ERROR);
            service.send("this is not json");
            service.send("[{\"jsonrpc\":\"2.0\",\"id\":\"b1\",\"method\":\"echo\",\"params\":{\"text\":\"x\"}},{\"jsonrpc\":\"2.0\",\"method\":\"echo\"}]");
            assertThat(service.error("no_such_method", Json.object()).get("code").asInt()).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
            assertThat(service.closeAndWait()).isZero();
            service.assertWireClean();
            assertThat(service.rawLines()).anySatisfy(line -> assertThat(line).contains("-32700"));
        }
    }

    @ParameterizedTest(name = "{0}: rejected")
    @CsvSource(delimiter = '|', value = {
            "not json",
            "{\"id\":1,\"result\":1}",
            "{\"jsonrpc\":\"2.0\",\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1,\"error\":{\"code\":1,\"message\":\"x\"}}",
            "{\"jsonrpc\":\"2.0\",\"result\":1}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tick\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":\"x\",\"message\":\"m\"}}",
            "[]",
            "42",
    })
    void theSharedAssertionsRejectWhatIsNotJsonRpc(String line) {
        assertThatThrownBy(() -> WireAssertions.everyLineIsJsonRpc(List.of(line))).isInstanceOf(AssertionError.class);
    }

    @Test
    void theSharedAssertionsAcceptResponsesNotificationsAndBatches() {
        List<JsonNode> messages = WireAssertions.everyLineIsJsonRpc(List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"m\"}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"tick\",\"params\":{\"i\":1}}",
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}]"));
        assertThat(messages).hasSize(3);
    }

    @Test
    void notificationsAreCheckedAgainstTheContract() throws Exception {
        Contract contract = Contract.load("test-echo");
        WireAssertions.notificationsFollowTheContract(contract, List.of(Json.parse("{\"jsonrpc\":\"2.0\",\"method\":\"tick\",\"params\":{\"i\":1}}")));
        assertThatThrownBy(() -> WireAssertions.notificationsFollowTheContract(contract,
                List.of(Json.parse("{\"jsonrpc\":\"2.0\",\"method\":\"tick\",\"params\":{}}")))).hasMessageContaining("breaks its schema");
        assertThatThrownBy(() -> WireAssertions.notificationsFollowTheContract(contract,
                List.of(Json.parse("{\"jsonrpc\":\"2.0\",\"method\":\"tock\",\"params\":{}}")))).hasMessageContaining("not declared");
    }
}
