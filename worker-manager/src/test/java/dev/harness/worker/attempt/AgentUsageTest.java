package dev.harness.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.worker.WorkerEventPayload.UsageRecorded;
import dev.harness.protocol.Json;
import dev.harness.worker.events.WorkerEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Usage read from transcripts in the shapes Claude Code, Codex and aider print, field by field. */
class AgentUsageTest {
    @TempDir
    Path dir;

    static Stream<Arguments> transcripts() {
        return Stream.of(
                Arguments.of("claude success",
                        """
                        {"type":"system","subtype":"init","session_id":"s1","tools":["Bash","Edit"],"model":"claude-sonnet-4-5"}
                        {"type":"assistant","message":{"content":[{"type":"text","text":"Done."}]},"session_id":"s1"}
                        {"type":"result","subtype":"success","is_error":false,"duration_ms":2856,"duration_api_ms":4123,"num_turns":3,"result":"Done.","session_id":"s1","total_cost_usd":0.0421,"usage":{"input_tokens":12,"cache_creation_input_tokens":150,"cache_read_input_tokens":9000,"output_tokens":340,"server_tool_use":{"web_search_requests":0},"service_tier":"standard"},"permission_denials":[]}
                        """,
                        new UsageRecorded(1, "claude_result", 0.0421, 12L, 340L, 9000L, 150L, 3, false, 0)),
                Arguments.of("claude error result (max turns)",
                        """
                        {"type":"result","subtype":"error_max_turns","is_error":true,"duration_ms":90000,"num_turns":30,"session_id":"s2","total_cost_usd":1.25,"usage":{"input_tokens":4000,"cache_creation_input_tokens":0,"cache_read_input_tokens":120000,"output_tokens":9000},"permission_denials":[]}
                        """,
                        new UsageRecorded(1, "claude_result", 1.25, 4000L, 9000L, 120000L, 0L, 30, true, 0)),
                Arguments.of("claude 429 overloaded",
                        """
                        {"type":"result","subtype":"success","is_error":true,"api_error_status":429,"duration_ms":800,"num_turns":1,"result":"API Error: 429 {\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"rate_limit_error\\"}}","session_id":"s3","total_cost_usd":0,"usage":{"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0},"permission_denials":[]}
                        """,
                        new UsageRecorded(1, "claude_result", 0.0, 0L, 0L, 0L, 0L, 1, true, 0)),
                Arguments.of("claude permission denial",
                        """
                        {"type":"result","subtype":"success","is_error":false,"duration_ms":5000,"num_turns":4,"result":"I could not run it.","session_id":"s4","total_cost_usd":0.0123,"usage":{"input_tokens":30,"cache_creation_input_tokens":10,"cache_read_input_tokens":2000,"output_tokens":80},"permission_denials":[{"tool_name":"Bash","tool_use_id":"toolu_01","tool_input":{"command":"npm install"}}]}
                        """,
                        new UsageRecorded(1, "claude_result", 0.0123, 30L, 80L, 2000L, 10L, 4, false, 1)),
                Arguments.of("codex two turns",
                        """
                        {"type":"thread.started","thread_id":"0199a213-81c0-7800-8aa1-bbab2a035a53"}
                        {"type":"turn.started"}
                        {"type":"item.completed","item":{"id":"item_0","type":"agent_message","text":"Looking."}}
                        {"type":"turn.completed","usage":{"input_tokens":24763,"cached_input_tokens":24448,"output_tokens":122}}
                        {"type":"turn.started"}
                        {"type":"turn.completed","usage":{"input_tokens":1000,"cached_input_tokens":500,"output_tokens":78}}
                        """,
                        new UsageRecorded(1, "codex_turns", null, 25763L, 200L, 24948L, null, 2, null, null)),
                Arguments.of("aider two messages",
                        """
                        Aider v0.86.1
                        Tokens: 2.3k sent, 115 received. Cost: $0.0082 message, $0.0082 session.
                        Applied edit to src/app.js
                        Tokens: 3.1k sent, 1.2k cache hit, 240 received. Cost: $0.01 message, $0.0182 session.
                        """,
                        new UsageRecorded(1, "aider_output", 0.0182, 5400L, 355L, 1200L, null, 2, null, null)),
                // agent output is not ours: a field of an odd shape costs only that field
                Arguments.of("claude result with odd fields",
                        """
                        {"type":"result","subtype":"success","is_error":false,"num_turns":"three","total_cost_usd":-1,"usage":{"input_tokens":"12","output_tokens":40,"cache_read_input_tokens":2.5,"cache_creation_input_tokens":-3},"permission_denials":{"Bash":1}}
                        """,
                        new UsageRecorded(1, "claude_result", null, null, 40L, null, null, null, false, null)),
                Arguments.of("claude result whose usage is not an object",
                        """
                        {"type":"result","subtype":"error_during_execution","is_error":true,"num_turns":2,"total_cost_usd":0.5,"usage":"n/a"}
                        """,
                        new UsageRecorded(1, "claude_result", 0.5, null, null, null, null, 2, true, null)),
                Arguments.of("codex turn without usage, and one with text counts",
                        """
                        {"type":"turn.completed"}
                        {"type":"turn.completed","usage":{"input_tokens":"many","cached_input_tokens":10,"output_tokens":7}}
                        {"type":"turn.completed","usage":null}
                        """,
                        new UsageRecorded(1, "codex_turns", null, 0L, 7L, 10L, null, 3, null, null)),
                Arguments.of("a line with type result that is not Claude's object shape is skipped",
                        """
                        {"type":["result"],"total_cost_usd":9}
                        Tokens: 10 sent, 5 received.
                        """,
                        new UsageRecorded(1, "aider_output", null, 10L, 5L, null, null, 1, null, null)),
                Arguments.of("nothing reported", "hello\n", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void readsWhatTheAgentPrinted(String what, String transcript, UsageRecorded expected) throws Exception {
        Path log = Files.writeString(dir.resolve("agent.log"), transcript);
        Optional<UsageRecorded> usage = AgentUsage.of(1, LogTail.structured(log), log, dir.resolve("usage.json"));
        assertThat(usage.orElse(null)).isEqualTo(expected);
    }

    @Test
    void aUsageFileWinsOverThePrintedTranscript() throws Exception {
        Path log = Files.writeString(dir.resolve("agent.log"), "Tokens: 1k sent, 5 received.\n");
        Path file = Files.writeString(dir.resolve("usage.json"), "{\"cost_usd\":0.5,\"input_tokens\":100,\"output_tokens\":20,\"num_turns\":2}");
        assertThat(AgentUsage.of(2, LogTail.structured(log), log, file))
                .contains(new UsageRecorded(2, "usage_file", 0.5, 100L, 20L, null, null, 2, null, null));
    }

    @Test
    void aUsageFileFieldOfAnotherShapeIsNotReported() throws Exception {
        Path log = Files.writeString(dir.resolve("agent.log"), "");
        Path file = Files.writeString(dir.resolve("usage.json"),
                "{\"cost_usd\":\"0.5\",\"input_tokens\":100,\"output_tokens\":-2,\"num_turns\":1.5,\"extra\":{}}");
        assertThat(AgentUsage.of(1, LogTail.structured(log), log, file))
                .contains(new UsageRecorded(1, "usage_file", null, 100L, null, null, null, null, null, null));
    }

    @Test
    void anUnreadableUsageFileFallsBackToTheTranscript() throws Exception {
        Path log = Files.writeString(dir.resolve("agent.log"), "Tokens: 1k sent, 5 received.\n");
        Path file = Files.writeString(dir.resolve("usage.json"), "{not json");
        assertThat(AgentUsage.of(1, LogTail.structured(log), log, file).map(UsageRecorded::source)).contains("aider_output");
    }

    @Test
    void thePayloadIsTheSchemasShape() {
        UsageRecorded usage = new UsageRecorded(1, "codex_turns", null, 10L, 2L, null, null, 1, null, null);
        JsonNode payload = WorkerEvents.payload(usage);
        List<String> fields = new ArrayList<>();
        payload.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("attempt", "source", "input_tokens", "output_tokens", "num_turns");
        assertThat(Json.write(payload)).contains("\"input_tokens\":10");
    }
}
