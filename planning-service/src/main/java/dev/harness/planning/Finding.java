package dev.harness.planning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;

/** One problem PlanRules found: a stable code, a sentence for people, and where it is. */
public record Finding(String code, String message, String packetId, String path) {
    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("code", code);
        node.put("message", message);
        if (packetId != null) {
            node.put("packet_id", packetId);
        }
        if (path != null) {
            node.put("path", path);
        }
        return node;
    }

    @Override
    public String toString() {
        return message;
    }
}
