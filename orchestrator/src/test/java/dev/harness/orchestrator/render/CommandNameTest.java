package dev.harness.orchestrator.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hints name the command the person ran, pasteable into a shell. */
class CommandNameTest {
    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of(null, "orchestrator"),
                Arguments.of("", "orchestrator"),
                Arguments.of("bin/orchestrator", "bin/orchestrator"),
                Arguments.of("./orchestrator", "./orchestrator"),
                Arguments.of("/opt/harness/bin/orchestrator", "/opt/harness/bin/orchestrator"),
                Arguments.of("orchestrator", "orchestrator"),
                Arguments.of("/home/me/my tools/bin/orchestrator", "'/home/me/my tools/bin/orchestrator'"),
                Arguments.of("/tmp/it's/orchestrator", "'/tmp/it'\\''s/orchestrator'"),
                Arguments.of("bin/orchestrator\nrm -rf x", "orchestrator"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource
    void names(String given, String shown) {
        Map<String, String> env = new HashMap<>();
        if (given != null) {
            env.put(CommandName.VARIABLE, given);
        }
        assertThat(CommandName.of(env)).isEqualTo(shown);
    }
}
