package dev.harness.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A domain error thrown by name from any depth is answered with the contract's code; an undeclared name is a bug. */
class DomainErrorTest {
    private final Contract contract = Contract.load("test-echo");
    private final Dispatcher dispatcher = dispatcher();

    private Dispatcher dispatcher() {
        Dispatcher d = new Dispatcher(contract, new Notifier(contract, new MessageWriter(new ByteArrayOutputStream())));
        new EchoService().register(d);
        return d;
    }

    private JsonNode call(String method, String params) throws Exception {
        return dispatcher.dispatch(Json.parse("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":" + params + "}"));
    }

    @Test
    void aDomainErrorThrownFromDepthGetsTheDeclaredCodeMessageAndData() throws Exception {
        for (String params : new String[] {"{}", "{\"wrapped\":true}"}) {
            JsonNode response = call("refuse_deep", params);
            assertThat(response.at("/error/code").asInt()).as(params).isEqualTo(-32042);
            assertThat(response.at("/error/message").asText()).isEqualTo("Refused from depth.");
            assertThat(response.at("/error/data").asText()).isEqualTo("deep");
            assertThat(response.get("id").asInt()).isEqualTo(7);
        }
    }

    @Test
    void anUndeclaredNameIsAnInternalErrorWithTheDetailsOnStderr() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        JsonNode response;
        try {
            response = call("refuse_undeclared", "{}");
        } finally {
            System.setErr(previous);
        }
        assertThat(response.at("/error/code").asInt()).isEqualTo(JsonRpc.INTERNAL_ERROR);
        assertThat(response.toString()).doesNotContain("no_such_error");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no_such_error").contains("not declared");
    }

    @Test
    void requestContextErrorsStillWorkAndCarryTheirName() throws Exception {
        assertThat(call("refuse", "{}").at("/error/code").asInt()).isEqualTo(-32042);
        RpcException error = contract.error("refused", "no", null);
        assertThat(error.is("refused")).isTrue();
        assertThat(error.is("other")).isFalse();
        assertThat(contract.errorName(-32042)).contains("refused");
        assertThat(contract.errorName(-32001)).isEmpty();
    }
}
