package dev.harness.planning;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.json.Digest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** A finished plan as plan_created announces it (schemas/plan.schema.json). */
public record Plan(String objective, List<TaskPacket> packets, List<String> warnings, String planner, String workspace,
                   Instant createdAt) {

    /** sha256 of the canonical packets JSON: what an approval covers. */
    public String digest() {
        return Digest.ofJson(TaskPacket.toJson(packets));
    }

    /** Content-addressed: the same packets are the same plan. */
    public String planId() {
        return planId(digest());
    }

    private static String planId(String digest) {
        return "plan-" + digest.substring(0, 16);
    }

    public ObjectNode toJson() {
        return toJson(TaskPacket.toJson(packets));
    }

    /**
     * The event, with {@code packetsJson} (TaskPacket.toJson of this plan's packets, which the
     * caller already built) as its packets and digested: built once per plan, not once per use.
     */
    public ObjectNode toJson(ArrayNode packetsJson) {
        ObjectNode node = Json.object();
        String digest = Digest.ofJson(packetsJson);
        node.put("plan_id", planId(digest));
        node.put("objective", objective);
        node.set("packets", packetsJson);
        ArrayNode w = node.putArray("warnings");
        warnings.forEach(w::add);
        node.put("planner", planner);
        if (workspace != null) {
            node.put("workspace", workspace);
        }
        node.put("created_at", createdAt.truncatedTo(ChronoUnit.MILLIS).toString());
        node.put("digest", digest);
        return node;
    }
}
