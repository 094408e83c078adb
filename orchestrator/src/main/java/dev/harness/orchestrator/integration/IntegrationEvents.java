package dev.harness.orchestrator.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.run.RunEvent;
import dev.harness.orchestrator.runlog.EventLog;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How integration writes and reads its events. The journal needs fields the typed records of
 * api's RunEvent do not carry yet (the tip before each merge, the run's base, the result and how
 * it was reached, both sides of a conflict), so integration appends each event with all its
 * fields (the kind's own fields, named as in run-event.schema.json, plus these) and reads the
 * lines back whole. A reader that binds the typed record ignores the extra fields.
 */
final class IntegrationEvents {
    private IntegrationEvents() {}

    static void append(EventLog log, String kind, ObjectNode fields) {
        log.append(new RunEvent.Unknown(kind, fields));
    }

    /** Every complete line of the run's log as JSON; a torn last line (a kill mid-write) is left out. */
    static List<ObjectNode> read(Path eventsFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(eventsFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + eventsFile + ": " + e.getMessage(), e);
        }
        List<ObjectNode> events = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode node = Json.parse(line);
                if (node instanceof ObjectNode object) {
                    events.add(object);
                }
            } catch (IOException | RuntimeException e) {
                if (i < lines.size() - 1) {
                    throw new IllegalStateException(eventsFile + ":" + (i + 1) + " is not JSON: " + e.getMessage(), e);
                }
            }
        }
        return events;
    }
}
