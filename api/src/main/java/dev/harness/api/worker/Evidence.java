package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What decided a failure class. {@code source} is kept as text so a newer classifier's source
 * still reads; {@link #sourceKind()} gives the known ones as {@link EvidenceSource}.
 *
 * @param apiErrorStatus claude_result: the API's HTTP status (429, 529, 401…)
 * @param event          codex_event: the event's type
 * @param permissionDenials claude_result: the tool uses the agent was refused, as it reported them
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String source, String detail, Integer exitCode, String pattern, String line, String test,
                       String outputTail, Integer apiErrorStatus, String event,
                       com.fasterxml.jackson.databind.JsonNode permissionDenials) {
    public java.util.Optional<EvidenceSource> sourceKind() {
        return EvidenceSource.find(source);
    }
}
