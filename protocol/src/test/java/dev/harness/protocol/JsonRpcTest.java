package dev.harness.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonRpcTest {
    record Progress(String step, Integer done) {}

    /** Only a notification of the asked method binds; anything else is not it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"jsonrpc\":\"2.0\",\"method\":\"progress\",\"params\":{\"step\":\"a\",\"done\":2}} | a",
        "{\"jsonrpc\":\"2.0\",\"method\":\"progress\"}                                      | ",
        "{\"jsonrpc\":\"2.0\",\"method\":\"other\",\"params\":{\"step\":\"a\"}}              | -",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"progress\",\"params\":{\"step\":\"a\"}}  | -",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"step\":\"a\"}}                           | -",
        "{\"jsonrpc\":\"2.0\",\"method\":7,\"params\":{\"step\":\"a\"}}                       | -"
    })
    void bindsTheParamsOfTheNamedNotificationOnly(String message, String step) throws Exception {
        Optional<Progress> bound = JsonRpc.notificationParams(Json.parse(message), "progress", Progress.class);
        if ("-".equals(step)) {
            assertThat(bound).isEmpty();
        } else {
            assertThat(bound).isPresent();
            assertThat(bound.get().step()).isEqualTo(step);
        }
    }

    @Test
    void paramsThatDoNotFitAreAnError() throws Exception {
        assertThatThrownBy(() -> JsonRpc.notificationParams(
                Json.parse("{\"jsonrpc\":\"2.0\",\"method\":\"progress\",\"params\":{\"done\":\"many\"}}"), "progress", Progress.class))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
