package dev.harness.bootstrap;

import dev.harness.api.bootstrap.Phase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.Log;
import dev.harness.protocol.fs.AtomicFile;
import dev.harness.protocol.secrets.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recorded phase results per canonical workspace: in memory, and on disk in the run directory
 * ({@code state.json}, written atomically) so a restarted service still knows them.
 */
public final class RecordStore {
    static final String STATE_FILE = "state.json";

    private record Key(Path workspace, Path runDir) {}

    private final Map<Key, Map<Phase, PhaseRecord>> loaded = new ConcurrentHashMap<>();

    /** The records of a workspace (a copy), loading them from its run directory the first time. */
    public synchronized Map<Phase, PhaseRecord> records(Path workspace, Path runDir) {
        return new EnumMap<>(load(new Key(workspace, runDir)));
    }

    /**
     * Records a phase's result in memory and on disk.
     *
     * @throws IOException when the run directory cannot be written (the record is kept in memory)
     */
    public synchronized void put(Path workspace, Path runDir, PhaseRecord record, Redactor redactor) throws IOException {
        Key key = new Key(workspace, runDir);
        load(key).put(record.phase(), record);
        save(key, redactor);
    }

    private Map<Phase, PhaseRecord> load(Key key) {
        return loaded.computeIfAbsent(key, k -> {
            Map<Phase, PhaseRecord> records = new EnumMap<>(Phase.class);
            StateFile.Workspace stored = StateFile.of(readState(k.runDir()), k.runDir().resolve(STATE_FILE))
                    .workspaces().get(k.workspace().toString());
            Map<String, JsonNode> phases = stored == null || stored.phases() == null ? Map.of() : stored.phases();
            phases.entrySet().forEach(entry -> {
                try {
                    PhaseRecord record = PhaseRecord.fromStored(entry.getValue());
                    records.put(record.phase(), record);
                } catch (RuntimeException e) {
                    Log.warn("ignoring an unreadable record of " + entry.getKey() + " in " + k.runDir().resolve(STATE_FILE)
                            + ": " + e.getMessage());
                }
            });
            return records;
        });
    }

    /** Writes every record of the workspace, masked (records a version without masking left are masked on the way). */
    private void save(Key key, Redactor redactor) throws IOException {
        Files.createDirectories(key.runDir());
        ObjectNode state = readState(key.runDir());
        state.put("version", 1);
        ObjectNode workspaces = state.has("workspaces") && state.get("workspaces").isObject()
                ? (ObjectNode) state.get("workspaces") : state.putObject("workspaces");
        ObjectNode phases = workspaces.putObject(key.workspace().toString()).putObject("phases");
        for (PhaseRecord record : loaded.get(key).values()) {
            phases.set(record.phase().wire(), redactor.redactJson(Json.toNode(record.toStored())));
        }
        AtomicFile.writeString(key.runDir().resolve(STATE_FILE), Json.write(state) + "\n");
    }

    /**
     * The state file as far as loading reads it: each workspace's phase records by phase name
     * (a record is read on its own, so one unreadable record loses only itself).
     */
    record StateFile(Map<String, Workspace> workspaces) {
        record Workspace(Map<String, JsonNode> phases) {}

        StateFile {
            workspaces = workspaces == null ? Map.of() : workspaces;
        }

        static StateFile of(ObjectNode state, Path file) {
            try {
                return Json.convert(state, StateFile.class);
            } catch (IllegalArgumentException e) {
                Log.warn("ignoring the records of bootstrap state " + file + " that are not records: " + e.getMessage());
                return new StateFile(Map.of());
            }
        }
    }

    private static ObjectNode readState(Path runDir) {
        Path file = runDir.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            return Json.object();
        }
        try {
            JsonNode node = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
            return node instanceof ObjectNode object ? object : Json.object();
        } catch (IOException e) {
            Log.warn("ignoring unreadable bootstrap state " + file + ": " + e.getMessage());
            return Json.object();
        }
    }
}
