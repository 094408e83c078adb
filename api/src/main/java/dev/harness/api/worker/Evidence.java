package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What decided a failure class. {@code source} is kept as text so a newer classifier's source
 * still reads; {@link #sourceKind()} gives the known ones as {@link EvidenceSource}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String source, String detail, Integer exitCode, String pattern, String line, String test,
                       String outputTail) {
    public java.util.Optional<EvidenceSource> sourceKind() {
        return EvidenceSource.find(source);
    }
}
