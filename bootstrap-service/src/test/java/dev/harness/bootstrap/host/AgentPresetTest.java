package dev.harness.bootstrap.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The agent the bootstrap checks must be read the way the worker manager will run it. */
class AgentPresetTest {
    @Test
    void presetsNameTheirProgramAndCredentials() {
        assertThat(AgentPreset.of("claude").executable()).isEqualTo("claude");
        assertThat(AgentPreset.of("claude").credentialVariables()).containsExactly("ANTHROPIC_API_KEY");
        assertThat(AgentPreset.of(null).executable()).isEqualTo("sh");
    }

    @Test
    void customCommandsAreSplitLikeTheWorkerManagerSplitsThem() {
        assertThat(AgentPreset.of("my-agent --model 'big one'").command()).containsExactly("my-agent", "--model", "big one");
        assertThat(AgentPreset.of("[\"/opt/my agent/run\", \"--file\", \"{prompt_file}\"]").executable()).isEqualTo("/opt/my agent/run");
        assertThat(AgentPreset.of("agent 'unclosed").command()).containsExactly("agent 'unclosed");
    }
}
