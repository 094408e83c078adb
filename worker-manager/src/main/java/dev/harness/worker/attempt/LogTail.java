package dev.harness.worker.attempt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads what a process left in its log: the end of it, and the structured agent events in it. */
public final class LogTail {
    /** Event types the classifier reads (Claude Code stream-json, Codex exec --json). */
    private static final Set<String> STRUCTURED = Set.of("result", "turn.failed", "turn.completed", "error");

    private LogTail() {}

    static String tail(Path log, int maxBytes) {
        if (log == null || !Files.isRegularFile(log)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - maxBytes);
            byte[] bytes = new byte[(int) (length - from)];
            file.seek(from);
            file.readFully(bytes);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return from > 0 && text.indexOf('\n') >= 0 ? text.substring(text.indexOf('\n') + 1) : text;
        } catch (IOException e) {
            return "";
        }
    }

    static List<JsonNode> structured(Path log) {
        List<JsonNode> events = new ArrayList<>();
        if (log == null || !Files.isRegularFile(log)) {
            return events;
        }
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                String trimmed = line.strip();
                if (!trimmed.startsWith("{") || !trimmed.contains("\"type\"")) {
                    continue;
                }
                try {
                    JsonNode node = Json.parse(trimmed);
                    JsonNode type = node.get("type"); // only the kind here: most lines are not kept
                    if (type != null && STRUCTURED.contains(type.asText())) {
                        events.add(node);
                    }
                } catch (IOException notJson) {
                    // a line that merely looks like JSON
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // undecodable output: the text tail still classifies
        }
        return events;
    }
}
