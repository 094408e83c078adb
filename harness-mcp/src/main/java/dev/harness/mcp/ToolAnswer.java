package dev.harness.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** What the tools answer as JSON text: the client, and the model behind it, read these fields. */
final class ToolAnswer {
    private ToolAnswer() {}

    /**
     * run_start, run_resume and run_decide: where the run stands after the orchestrator was started.
     *
     * @param running     the orchestrator still runs in the background (no exit code yet)
     * @param message     the end of its stderr, when it exited
     * @param askedPerson what came of putting the gate to the person (MCP elicitation), when it was put
     * @param next        what the client does next
     * @param log         the orchestrator's own output file
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Run(String runId, String workspace, Boolean running, Integer exitCode, String status, String message,
               String askedPerson, String next, String log) {
        Run withAskedPerson(String sentence) {
            return new Run(runId, workspace, running, exitCode, status, message, sentence, next, log);
        }

        /** The orchestrator refused the request (exit 2: an unknown run, a decision the run cannot take; 4). */
        boolean refused() {
            return exitCode != null && (exitCode == 2 || exitCode == 4);
        }
    }

    /**
     * run_events: a page of the run's event lines (as the orchestrator prints them) after since_seq.
     *
     * @param more how many more lines there are past this page
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Events(List<JsonNode> events, long lastSeq, Integer more, String next) {}
}
