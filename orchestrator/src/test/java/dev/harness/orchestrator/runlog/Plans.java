package dev.harness.orchestrator.runlog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;

/** Test plans: packets shaped like the planning service's. */
final class Plans {
    private Plans() {}

    static ObjectNode packet(String id, String title, String... dependsOn) {
        ObjectNode p = Json.object();
        p.put("id", id);
        p.put("title", title);
        p.put("objective", title);
        p.put("scope", "module");
        p.put("scope_path", "src/" + id);
        p.putArray("acceptance_tests").add("npm test");
        ArrayNode deps = p.putArray("depends_on");
        for (String d : dependsOn) {
            deps.add(d);
        }
        p.put("commit_policy", "none");
        p.put("escalation_policy", "ask");
        return p;
    }

    /** t1 → t2 → t3, and t4 independent of everything. */
    static ArrayNode chain() {
        ArrayNode packets = Json.array();
        packets.add(packet("t1", "Add theme store"));
        packets.add(packet("t2", "Add theme toggle", "t1"));
        packets.add(packet("t3", "Run tests", "t2"));
        packets.add(packet("t4", "Update docs"));
        return packets;
    }
}
