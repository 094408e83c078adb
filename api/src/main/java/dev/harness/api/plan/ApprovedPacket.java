package dev.harness.api.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.json.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * A packet as a plan carries it once approved: the typed {@link TaskPacket} for everything that
 * reads it, and the JSON itself beside it, which is what the worker manager is sent and what an
 * approval's digest covers. The JSON is kept as it came (fields api does not model included), never
 * rebuilt from the record: a packet re-serialised from its record would drop such a field, and
 * the worker manager's trust gate would see another digest than the one the person approved.
 */
public final class ApprovedPacket {
    private final ObjectNode json;
    private final TaskPacket task;
    private final String digest;

    private ApprovedPacket(ObjectNode json) {
        this.json = json;
        this.task = Json.convert(json, TaskPacket.class);
        this.digest = Digest.ofJson(json);
    }

    /**
     * @throws IllegalArgumentException when {@code packet} is not an object or not a valid packet
     *                                  (naming what is wrong, as {@link TaskPacket}'s constructor does)
     */
    public static ApprovedPacket of(JsonNode packet) {
        if (!(packet instanceof ObjectNode object)) {
            throw new IllegalArgumentException("a task packet must be a JSON object, not " + (packet == null ? "null"
                    : packet.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        return new ApprovedPacket(object.deepCopy()); // a caller changing its node later cannot change ours
    }

    /** Each packet of a plan's packets array, in plan order. */
    public static List<ApprovedPacket> listOf(JsonNode packets) {
        List<ApprovedPacket> list = new ArrayList<>(packets.size());
        packets.forEach(p -> list.add(of(p)));
        return List.copyOf(list);
    }

    public TaskPacket task() {
        return task;
    }

    public String id() {
        return task.id();
    }

    /** The packet's JSON as approved (a copy: what is sent is always the approved packet). */
    public ObjectNode json() {
        return json.deepCopy();
    }

    /** What an approval of this one packet covers: protocol's one digest of its canonical JSON. */
    public String digest() {
        return digest;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApprovedPacket that && json.equals(that.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return Json.write(json);
    }
}
