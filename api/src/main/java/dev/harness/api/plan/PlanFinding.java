package dev.harness.api.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One problem the plan rules found (planning-service validate: errors and warnings). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanFinding(String code, String message, String packetId, String path) {
    public PlanFinding {
        if (code == null || message == null) {
            throw new IllegalArgumentException("a plan finding needs a code and a message");
        }
    }
}
