package dev.harness.api.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An objective decomposed into task packets (schemas/plan.schema.json; the planning service's
 * plan_created notification). Packet ids are unique within a plan.
 *
 * @param digest sha256 (64 lowercase hex) of the packets' canonical JSON: what an approval covers
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Plan(
        String planId,
        String objective,
        List<TaskPacket> packets,
        List<String> warnings,
        String planner,
        String workspace,
        String createdAt,
        String digest) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public Plan {
        if (planId == null || planId.isEmpty()) {
            throw new IllegalArgumentException("plan_id is required");
        }
        if (objective == null) {
            throw new IllegalArgumentException("plan " + planId + ": objective is required");
        }
        if (packets == null) {
            throw new IllegalArgumentException("plan " + planId + ": packets is required");
        }
        Set<String> ids = new HashSet<>();
        for (TaskPacket packet : packets) {
            if (packet.id() != null && !ids.add(packet.id())) {
                throw new IllegalArgumentException("plan " + planId + ": task id " + packet.id() + " appears twice");
            }
        }
        packets = List.copyOf(packets);
        warnings = warnings == null ? null : List.copyOf(warnings);
        if (digest != null && !SHA256.matcher(digest).matches()) {
            throw new IllegalArgumentException("plan " + planId + ": digest must be 64 lowercase hex digits");
        }
    }
}
