package dev.harness.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harness.protocol.json.Digest;
import dev.harness.worker.checkout.CommitPolicy;
import dev.harness.worker.recovery.EscalationPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AgentCommandTest {
    private static final Path FILE = Path.of("/state/prompt.md");
    private static final String PROMPT = "Fix it; rm -rf / $(whoami) `id` \"quoted\"";

    @Test
    void presetsNeverPutThePromptOnTheCommandLine() {
        assertThat(AgentCommand.parse("claude").argv(PROMPT, FILE))
                .containsExactly("claude", "-p", "--output-format", "stream-json", "--verbose");
        assertThat(AgentCommand.parse("claude").promptOnStdin()).isTrue();
        assertThat(AgentCommand.parse("codex").argv(PROMPT, FILE)).containsExactly("codex", "exec", "--json", "-");
        assertThat(AgentCommand.parse("codex").promptOnStdin()).isTrue();
        assertThat(AgentCommand.parse("aider").argv(PROMPT, FILE)).containsExactly("aider", "--yes-always", "--message-file", FILE.toString());
        assertThat(AgentCommand.parse("aider").promptOnStdin()).isFalse();
        assertThat(AgentCommand.parse("none").isNone()).isTrue();
        assertThat(AgentCommand.parse(null).isNone()).isTrue();
    }

    @Test
    void onlyTheClaudePresetIsToldWhatIsLeftOfTheBudget() {
        assertThat(AgentCommand.parse("claude").withMaxBudgetUsd(0.03789).argv(PROMPT, FILE))
                .containsExactly("claude", "-p", "--output-format", "stream-json", "--verbose", "--max-budget-usd", "0.0378");
        assertThat(AgentCommand.parse("claude").withMaxBudgetUsd(5.0).argv(PROMPT, FILE)).contains("--max-budget-usd", "5");
        assertThat(AgentCommand.parse("claude").withMaxBudgetUsd(null).argv(PROMPT, FILE)).doesNotContain("--max-budget-usd");
        assertThat(AgentCommand.parse("codex").withMaxBudgetUsd(1.0).argv(PROMPT, FILE)).containsExactly("codex", "exec", "--json", "-");
        assertThat(AgentCommand.parse("my-agent {prompt}").withMaxBudgetUsd(1.0).argv(PROMPT, FILE)).containsExactly("my-agent", PROMPT);
        assertThat(AgentCommand.parse("claude").withMaxBudgetUsd(1.0).describe()).isEqualTo("claude");
    }

    @Test
    void customTemplatesFillPlaceholdersWithoutAShell() {
        AgentCommand json = AgentCommand.parse("[\"my-agent\", \"--prompt-file\", \"{prompt_file}\", \"--say={prompt}\"]");
        assertThat(json.argv(PROMPT, FILE)).containsExactly("my-agent", "--prompt-file", "/state/prompt.md", "--say=" + PROMPT);
        assertThat(json.promptOnStdin()).isFalse();
        AgentCommand words = AgentCommand.parse("my-agent --model 'big one' \"two words\" plain\\ space");
        assertThat(words.argv(PROMPT, FILE)).containsExactly("my-agent", "--model", "big one", "two words", "plain space");
        assertThat(words.promptOnStdin()).isTrue();
        assertThat(words.program()).isEqualTo("my-agent");
    }

    @Test
    void brokenTemplatesAreRefused() {
        assertThatThrownBy(() -> AgentCommand.parse("[\"a\", 1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgentCommand.parse("[\"a\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgentCommand.parse("agent 'open")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgentCommand.parse("[]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void packetDigestsIgnoreFieldOrderButNotContent() throws Exception {
        var a = (com.fasterxml.jackson.databind.node.ObjectNode) dev.harness.protocol.Json.parse(
                "{\"objective\":\"x\",\"scope\":\"workspace\",\"acceptance_tests\":[\"a\",\"b\"]}");
        var b = (com.fasterxml.jackson.databind.node.ObjectNode) dev.harness.protocol.Json.parse(
                "{\"acceptance_tests\":[\"a\",\"b\"],\"scope\":\"workspace\",\"objective\":\"x\"}");
        var c = (com.fasterxml.jackson.databind.node.ObjectNode) dev.harness.protocol.Json.parse(
                "{\"acceptance_tests\":[\"b\",\"a\"],\"scope\":\"workspace\",\"objective\":\"x\"}");
        assertThat(Digest.ofJson(a)).isEqualTo(Digest.ofJson(b)).matches("[0-9a-f]{64}");
        assertThat(Digest.ofJson(a)).isNotEqualTo(Digest.ofJson(c));
    }

    @Test
    void commitAndEscalationPoliciesAreReadWhereTheyNameAKnownValue() {
        assertThat(CommitPolicy.wantsCommit("single verified commit")).isTrue();
        assertThat(CommitPolicy.wantsCommit("none")).isFalse();
        assertThat(CommitPolicy.wantsCommit("no commit")).isFalse();
        assertThat(CommitPolicy.wantsCommit("keep it tidy")).isFalse();
        assertThat(CommitPolicy.wantsCommit(null)).isFalse();
        assertThat(EscalationPolicy.of("skip")).isEqualTo(EscalationPolicy.SKIP);
        assertThat(EscalationPolicy.of(" Abort ")).isEqualTo(EscalationPolicy.ABORT);
        assertThat(EscalationPolicy.of("stop on destructive ambiguity")).isEqualTo(EscalationPolicy.ASK);
    }
}
