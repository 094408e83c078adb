package dev.harness.planning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One task of a plan (schemas/task-packet.schema.json). Fields the harness does not know are kept
 * in {@code extras} so a refine round-trip never loses what a client sent.
 */
public record TaskPacket(String id, String title, String objective, String description, String scope,
                         String scopePath, List<String> acceptanceTests, List<String> dependsOn,
                         String commitPolicy, String escalationPolicy, Integer timeoutSeconds, ObjectNode extras) {

    public static final String DEFAULT_COMMIT_POLICY = "single verified commit";
    public static final String DEFAULT_ESCALATION_POLICY = "ask";
    /** The optional list of files a packet is expected to change (schemas/task-packet.schema.json). */
    public static final String FILES = "files";

    private static final Set<String> KNOWN = Set.of("id", "title", "objective", "description", "scope", "scope_path",
            "acceptance_tests", "depends_on", "commit_policy", "escalation_policy", "timeout_seconds");

    public TaskPacket {
        acceptanceTests = List.copyOf(acceptanceTests == null ? List.of() : acceptanceTests);
        dependsOn = List.copyOf(dependsOn == null ? List.of() : dependsOn);
        extras = extras == null ? Json.object() : extras.deepCopy();
    }

    /** Reads a packet that already passed the task-packet schema (or is being checked leniently). */
    public static TaskPacket fromJson(JsonNode node) {
        ObjectNode extras = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!KNOWN.contains(e.getKey())) {
                extras.set(e.getKey(), e.getValue());
            }
        }
        JsonNode timeout = node.get("timeout_seconds");
        return new TaskPacket(text(node, "id"), text(node, "title"), text(node, "objective"), text(node, "description"),
                text(node, "scope"), text(node, "scope_path"), strings(node.get("acceptance_tests")),
                strings(node.get("depends_on")), text(node, "commit_policy"), text(node, "escalation_policy"),
                timeout != null && timeout.canConvertToInt() && timeout.isIntegralNumber() ? timeout.intValue() : null, extras);
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        putIfPresent(node, "id", id);
        putIfPresent(node, "title", title);
        putIfPresent(node, "objective", objective);
        putIfPresent(node, "description", description);
        putIfPresent(node, "scope", scope);
        node.put("scope_path", scopePath); // null is meaningful: workspace scope
        ArrayNode tests = node.putArray("acceptance_tests");
        acceptanceTests.forEach(tests::add);
        ArrayNode deps = node.putArray("depends_on");
        dependsOn.forEach(deps::add);
        putIfPresent(node, "commit_policy", commitPolicy);
        putIfPresent(node, "escalation_policy", escalationPolicy);
        if (timeoutSeconds != null) {
            node.put("timeout_seconds", timeoutSeconds);
        }
        extras.fields().forEachRemaining(e -> {
            if (!node.has(e.getKey())) {
                node.set(e.getKey(), e.getValue());
            }
        });
        return node;
    }

    public static ArrayNode toJson(List<TaskPacket> packets) {
        ArrayNode array = Json.array();
        packets.forEach(p -> array.add(p.toJson()));
        return array;
    }

    public static List<TaskPacket> fromJson(ArrayNode array) {
        List<TaskPacket> packets = new ArrayList<>();
        array.forEach(n -> packets.add(fromJson(n)));
        return packets;
    }

    public TaskPacket withId(String value) {
        return new TaskPacket(value, title, objective, description, scope, scopePath, acceptanceTests, dependsOn,
                commitPolicy, escalationPolicy, timeoutSeconds, extras);
    }

    public TaskPacket withTitle(String value) {
        return new TaskPacket(id, value, objective, description, scope, scopePath, acceptanceTests, dependsOn,
                commitPolicy, escalationPolicy, timeoutSeconds, extras);
    }

    /** A new scope; a files list stays only while the scope path is the same (it was chosen for that path). */
    public TaskPacket withScope(String newScope, String newScopePath) {
        ObjectNode kept = extras;
        if (!java.util.Objects.equals(newScopePath, scopePath) && extras.has(FILES)) {
            kept = extras.deepCopy();
            kept.remove(FILES);
        }
        return new TaskPacket(id, title, objective, description, newScope, newScopePath, acceptanceTests, dependsOn,
                commitPolicy, escalationPolicy, timeoutSeconds, kept);
    }

    /**
     * The packet with the files it is expected to change (the optional {@code files} field, kept
     * with the fields this record does not model); entries that are not workspace-relative paths
     * are left out, and the list is cut at the schema's bound. Empty: no files field.
     */
    public TaskPacket withFiles(List<String> files) {
        ObjectNode next = extras.deepCopy();
        next.remove(FILES);
        List<String> usable = files.stream().distinct()
                .filter(f -> dev.harness.api.plan.TaskPacket.fileProblem(f) == null)
                .limit(dev.harness.api.plan.TaskPacket.MAX_FILES).toList();
        if (!usable.isEmpty()) {
            ArrayNode array = next.putArray(FILES);
            usable.forEach(array::add);
        }
        return new TaskPacket(id, title, objective, description, scope, scopePath, acceptanceTests, dependsOn,
                commitPolicy, escalationPolicy, timeoutSeconds, next);
    }

    /** The packet's files list (its text entries), empty when it has none. */
    public List<String> files() {
        return strings(extras.get(FILES));
    }

    public TaskPacket withAcceptanceTests(List<String> value) {
        return new TaskPacket(id, title, objective, description, scope, scopePath, value, dependsOn,
                commitPolicy, escalationPolicy, timeoutSeconds, extras);
    }

    public TaskPacket withDependsOn(List<String> value) {
        return new TaskPacket(id, title, objective, description, scope, scopePath, acceptanceTests, value,
                commitPolicy, escalationPolicy, timeoutSeconds, extras);
    }

    public TaskPacket withPolicies(String commit, String escalation) {
        return new TaskPacket(id, title, objective, description, scope, scopePath, acceptanceTests, dependsOn,
                commit, escalation, timeoutSeconds, extras);
    }

    /** The name people use for it in messages: its id, else its title. */
    public String label() {
        return id != null ? id : title != null ? title : "(unnamed packet)";
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(v -> {
                if (v.isTextual()) {
                    values.add(v.asText());
                }
            });
        }
        return values;
    }
}
