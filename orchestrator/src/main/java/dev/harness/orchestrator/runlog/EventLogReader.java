package dev.harness.orchestrator.runlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEventCodec;
import dev.harness.protocol.Json;
import dev.harness.protocol.Log;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads events.jsonl strictly into {@link LoggedEvent}s: every line must be one JSON object with
 * an integer {@code seq} (1, 2, 3... in order: a gap or a step back means a line was lost or
 * moved), a {@code time} and a {@code kind}, whose fields fit the kind's record
 * ({@link RunEventCodec}, the writer's own translation). Anything else is a
 * {@link CorruptLogException} naming the line — the reader never guesses. The one tolerated
 * damage, on request, is a torn last line (no newline, not JSON): what a SIGKILL in the middle
 * of a write leaves behind.
 */
public final class EventLogReader {
    private EventLogReader() {}

    /** What was read, and whether a torn last line was dropped (with its byte offset, for repair). */
    public record Contents(List<LoggedEvent> events, Optional<TornTail> tornTail) {
        public List<String> warnings() {
            return tornTail.map(t -> List.of(t.describe())).orElse(List.of());
        }
    }

    /** An incomplete final line: where it starts and what it held. */
    public record TornTail(Path file, long lineNumber, long offset, String text) {
        public String describe() {
            return file + ":" + lineNumber + ": dropped an incomplete last line (" + text.length()
                    + " characters; the writer was probably killed mid-write)";
        }
    }

    /** Strict: any malformed line, including a torn last line, is a {@link CorruptLogException}. */
    public static List<LoggedEvent> readAll(Path eventsFile) {
        return read(eventsFile, false).events();
    }

    /**
     * With {@code tolerateTornTail}, a torn last line is dropped (and reported as a warning on
     * stderr); every other malformed line is still a {@link CorruptLogException}.
     */
    public static List<LoggedEvent> readAll(Path eventsFile, boolean tolerateTornTail) {
        Contents contents = read(eventsFile, tolerateTornTail);
        contents.warnings().forEach(Log::warn);
        return contents.events();
    }

    public static Contents read(Path eventsFile, boolean tolerateTornTail) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(eventsFile);
        } catch (NoSuchFileException e) {
            throw new RunLogException("no event log at " + eventsFile, e);
        } catch (IOException e) {
            throw new RunLogException("cannot read " + eventsFile + ": " + RunDirectory.describe(e), e);
        }
        return parse(eventsFile, bytes, tolerateTornTail);
    }

    static Contents parse(Path file, byte[] bytes, boolean tolerateTornTail) {
        List<LoggedEvent> events = new ArrayList<>();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long lineNumber = 0;
        long lastSeq = 0;
        int start = 0;
        while (start < bytes.length) {
            lineNumber++;
            int end = indexOf(bytes, (byte) '\n', start);
            boolean terminated = end >= 0;
            int stop = terminated ? end : bytes.length;
            ObjectNode event;
            try {
                event = parseLine(utf8, bytes, start, stop);
            } catch (LineProblem problem) {
                if (!terminated) {
                    if (tolerateTornTail) {
                        String text = new String(bytes, start, stop - start, StandardCharsets.UTF_8);
                        return new Contents(List.copyOf(events),
                                Optional.of(new TornTail(file, lineNumber, start, text)));
                    }
                    throw new CorruptLogException(file, lineNumber,
                            problem.getMessage() + " (an incomplete last line without a newline:"
                                    + " the writer was probably killed mid-write)");
                }
                throw new CorruptLogException(file, lineNumber, problem.getMessage());
            }
            long seq = event.get("seq").asLong();
            if (seq <= lastSeq) {
                throw new CorruptLogException(file, lineNumber,
                        "seq " + seq + " does not follow seq " + lastSeq + " (lines out of order or duplicated)");
            }
            if (seq != lastSeq + 1) {
                throw new CorruptLogException(file, lineNumber, "seq " + seq + " follows seq " + lastSeq
                        + ": " + (seq - lastSeq - 1 == 1 ? "a line is" : (seq - lastSeq - 1) + " lines are")
                        + " missing before this one");
            }
            lastSeq = seq;
            try {
                events.add(RunEventCodec.fromJson(event));
            } catch (IllegalArgumentException e) {
                throw new CorruptLogException(file, lineNumber, e.getMessage());
            }
            start = stop + 1;
        }
        return new Contents(List.copyOf(events), Optional.empty());
    }

    /** Thrown inside the reader only: why one line is not an event. */
    private static final class LineProblem extends Exception {
        LineProblem(String message) {
            super(message, null, false, false);
        }
    }

    private static ObjectNode parseLine(CharsetDecoder utf8, byte[] bytes, int start, int stop) throws LineProblem {
        if (stop == start || (stop - start == 1 && bytes[start] == '\r')) {
            throw new LineProblem("empty line");
        }
        String text;
        try {
            text = utf8.reset().decode(ByteBuffer.wrap(bytes, start, stop - start)).toString();
        } catch (CharacterCodingException e) {
            throw new LineProblem("not valid UTF-8");
        }
        JsonNode node;
        try {
            node = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new LineProblem("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new LineProblem("not a JSON object");
        }
        JsonNode seq = node.get("seq");
        if (seq == null || !seq.canConvertToLong() || !seq.isIntegralNumber()) {
            throw new LineProblem("missing or non-integer \"seq\"");
        }
        JsonNode kind = node.get("kind");
        if (kind == null || !kind.isTextual() || kind.asText().isEmpty()) {
            throw new LineProblem("missing or empty \"kind\"");
        }
        JsonNode time = node.get("time");
        if (time == null || !time.isTextual()) {
            throw new LineProblem("missing \"time\"");
        }
        return (ObjectNode) node;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
