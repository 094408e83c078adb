package dev.harness.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven: an --agent value → whether the person is warned that the prompt would be on the command line. */
class PromptOnCommandLineTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "none | false",
            "claude | false",
            "codex | false",
            "my-agent --prompt {prompt} | true",
            "my-agent --prompt={prompt} --quiet | true",
            "[\"my-agent\", \"--message\", \"{prompt}\"] | true",
            "my-agent --prompt-file {prompt_file} | false",
            "my-agent --read-stdin | false",
            "my-agent {prompt_file} {prompt} | true",
    })
    void warnsOnlyWhenTheTemplatePutsThePromptOnTheCommandLine(String agent, boolean warned) {
        assertThat(PromptOnCommandLine.warning(agent).isPresent()).isEqualTo(warned);
        PromptOnCommandLine.warning(agent).ifPresent(w -> assertThat(w).contains("{prompt_file}", "stdin", "ps"));
    }
}
