package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harness.protocol.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerConfigTest {
    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("HOME", home.toString());
    }

    @Test
    void presetsRunThePersonsOwnCliHeadless() throws Exception {
        assertThat(PlannerConfig.load(null, "claude", null, null, env()).command())
                .containsExactly("claude", "-p", "--output-format", "json");
        assertThat(PlannerConfig.load(null, " Codex ", null, null, env()).command())
                .containsExactly("codex", "exec", "--sandbox", "read-only", "--skip-git-repo-check", "-");
    }

    @Test
    void anExplicitCommandWinsOverAPreset() throws Exception {
        PlannerConfig config = PlannerConfig.load("my-planner --json", "claude", null, null, env());
        assertThat(config.command()).containsExactly("my-planner", "--json");
        assertThat(config.source()).isEqualTo("--planner-command");
    }

    @Test
    void anUnknownPresetIsAUsageErrorNamingTheKnownOnes() {
        assertThatThrownBy(() -> PlannerConfig.load(null, "gpt", null, null, env()))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown planner 'gpt'").hasMessageContaining("claude, codex");
    }

    @Test
    void theConfigFileMayNameAPreset() throws Exception {
        Path file = home.resolve("planning.yaml");
        Files.writeString(file, "planner: codex\nplanner_timeout: 30\n");
        PlannerConfig config = PlannerConfig.load(null, null, null, file.toString(), env());
        assertThat(config.command()).startsWith("codex", "exec");
        assertThat(config.timeout().toSeconds()).isEqualTo(30);
        Files.writeString(file, "planner: codex\nplanner_command: [other, -x]\n");
        assertThat(PlannerConfig.load(null, null, null, file.toString(), env()).command()).isEqualTo(List.of("other", "-x"));
    }
}
