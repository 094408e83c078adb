package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hints name the command as the person typed it (README: {@code bin/orchestrator …}), so they
 * can be pasted back: the relative path, a path, or the bare name when PATH finds the launcher.
 */
class HintCommandIT extends E2E {
    static Stream<Arguments> typed() {
        return Stream.of(
                Arguments.of("bin/orchestrator", false, "bin/orchestrator"),
                Arguments.of("./bin/orchestrator", false, "./bin/orchestrator"),
                Arguments.of("orchestrator", true, "orchestrator"),
                Arguments.of(ROOT.resolve("bin/orchestrator").toString(), false, ROOT.resolve("bin/orchestrator").toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void typed(String typed, boolean onPath, String named) throws Exception {
        ensureBuilt();
        Path err = temp.resolve("err.txt");
        List<String> command = new ArrayList<>(List.of(typed, "status", "20990101-000000-beef"));
        if (onPath) {
            command.add(0, "env"); // so the name is looked up on the child's PATH, as a shell would
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        builder.environment().remove("HARNESS_PROGRAM");
        builder.environment().put("XDG_STATE_HOME", temp.resolve("state").toString());
        builder.environment().put("HOME", temp.resolve("home").toString());
        if (onPath) {
            builder.environment().put("PATH", ROOT.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
        }
        Process process = builder.start();
        assertThat(process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String said = Files.readString(err);
        assertThat(process.exitValue()).as(said).isNotZero();
        assertThat(said).contains("`" + named + " runs`");
    }
}
