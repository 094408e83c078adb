package dev.harness.worker.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harness.protocol.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The executor settings read from the person's config.yaml, and flags over them. */
class ExecutorSettingsTest {
    @TempDir
    Path home;

    private ExecutorSettings resolve(String configYaml, Map<String, String> options) throws Exception {
        Path dir = Files.createDirectories(home.resolve("config"));
        if (configYaml != null) {
            Files.writeString(dir.resolve("config.yaml"), configYaml);
        }
        return ExecutorSettings.resolve(options, Map.of("HARNESS_CONFIG_DIR", dir.toString()), home);
    }

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of("no file", null, ExecutorSettings.LOCAL),
                Arguments.of("other sections only", "budget:\n  usd: 5\n", ExecutorSettings.LOCAL),
                Arguments.of("temporal with every setting",
                        """
                        executor: temporal
                        temporal:
                          target: temporal.example:7233
                          namespace: team
                          task_queue: builds
                          git_remote: git@example:repo.git
                          heartbeat_seconds: 45
                        """,
                        new ExecutorSettings(ExecutorSettings.Kind.TEMPORAL, "temporal.example:7233", "team", "builds",
                                "git@example:repo.git", Duration.ofSeconds(45), ExecutorSettings.Tls.NONE)),
                Arguments.of("an empty temporal section keeps the defaults", "executor: local\ntemporal:\n",
                        ExecutorSettings.LOCAL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void readsThePersonsConfig(String what, String yaml, ExecutorSettings expected) throws Exception {
        assertThat(resolve(yaml, Map.of())).isEqualTo(expected);
    }

    @Test
    void aFlagWinsOverTheConfig() throws Exception {
        ExecutorSettings settings = resolve("executor: temporal\ntemporal:\n  task_queue: builds\n",
                Map.of("--executor", "local", "--task-queue", "mine"));
        assertThat(settings.kind()).isEqualTo(ExecutorSettings.Kind.LOCAL);
        assertThat(settings.taskQueue()).isEqualTo("mine");
    }

    @Test
    void aSectionWhereAValueBelongsIsRefusedNamingTheFile() {
        assertThatThrownBy(() -> resolve("temporal:\n  target:\n    host: x\n", Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("config.yaml");
        assertThatThrownBy(() -> resolve("temporal:\n  heartbeat_seconds: soon\n", Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("--temporal-heartbeat");
    }
}
