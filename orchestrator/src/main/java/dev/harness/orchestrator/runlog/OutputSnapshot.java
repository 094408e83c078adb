package dev.harness.orchestrator.runlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.run.RunStatus;
import dev.harness.protocol.Json;
import dev.harness.protocol.ServiceLauncher;
import dev.harness.protocol.fs.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code status} (or {@code events}) printed for a run, kept beside its log ({@code status.json},
 * {@code events-output.json}) so asking again does not bind every event of an unchanged log (most of
 * the command's CPU on a long log). Like {@link SummarySnapshot} it stands only for the exact log it was
 * made from (file, size, modification time), and also only for the same path to it and the same build
 * of the orchestrator (a rebuilt or upgraded orchestrator may print a run differently). For status it
 * keeps the output for each status the run can show — a log that says running shows "interrupted" once
 * its writer is gone — and which of them applies is asked anew every time.
 */
public final class OutputSnapshot {
    static final int FORMAT = 1;
    static final String FILE = "status.json";

    /** status: every view asked for is kept (a few KB each). */
    public static final OutputSnapshot STATUS = new OutputSnapshot(FILE, Integer.MAX_VALUE);
    /**
     * events: the outputs (stdout and stderr) of the last four queries (the table and --json are each
     * about as large as the log), keyed by the view and the query with its times resolved (so
     * "--since 10m" is never answered from a snapshot).
     */
    public static final OutputSnapshot EVENTS = new OutputSnapshot("events-output.json", 8);

    /** Kept outputs beyond this many characters in all are dropped, oldest first: a huge log is replayed, not copied. */
    static final long MAX_KEPT_CHARS = 4L << 20;

    private final String file;
    private final int maxViews;

    private OutputSnapshot(String file, int maxViews) {
        this.file = file;
        this.maxViews = maxViews;
    }

    /** The state of the world a kept output stands for. */
    public record Key(SummarySnapshot.LogStamp log, String eventsFile, String build) {
        /** The key of the run's log as it is now; empty when it cannot be told (then nothing is kept). */
        public static Optional<Key> of(RunDirectory dir) {
            Optional<String> build = thisBuild();
            return build.flatMap(b -> SummarySnapshot.LogStamp.of(dir.eventsFile())
                    .map(stamp -> new Key(stamp, dir.eventsFile().toString(), b)));
        }

        private ObjectNode toJson() {
            ObjectNode key = Json.object();
            key.put("file", log.file());
            key.put("size", log.size());
            key.put("modified", log.modified());
            key.put("events_file", eventsFile);
            key.put("build", build);
            return key;
        }

        private boolean matches(JsonNode kept) {
            return kept.path("file").asText("").equals(log.file()) && kept.path("size").asLong(-1) == log.size()
                    && kept.path("modified").asText("").equals(log.modified())
                    && kept.path("events_file").asText("").equals(eventsFile) && kept.path("build").asText("").equals(build);
        }
    }

    /** This orchestrator's build: its version and the jar (or class directory) it runs from, as stamped. */
    private static Optional<String> thisBuild() {
        try {
            Path code = Path.of(OutputSnapshot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return SummarySnapshot.LogStamp.of(code).map(s -> ServiceLauncher.version() + " " + code + " " + s.file()
                    + " " + s.size() + " " + s.modified());
        } catch (RuntimeException | java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The output kept for this key, view ("text" or "json") and live status, if any. */
    public Optional<String> find(RunDirectory dir, Key key, String view, RunStatus live) {
        return find(dir, key, view + ":" + live.wire());
    }

    /** The output kept for this key and view, if any. */
    public Optional<String> find(RunDirectory dir, Key key, String view) {
        return kept(dir, key).map(k -> k.path("views").path(view)).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    /** The status the log says, as kept for this key (to tell which live status applies). */
    public Optional<RunStatus> loggedStatus(RunDirectory dir, Key key) {
        try {
            return kept(dir, key).map(k -> k.path("logged_status")).filter(JsonNode::isTextual)
                    .map(s -> RunStatus.fromWire(s.asText()));
        } catch (IllegalArgumentException damaged) {
            return Optional.empty();
        }
    }

    private Optional<JsonNode> kept(RunDirectory dir, Key key) {
        Path file = dir.path().resolve(this.file);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode kept = Json.parse(Files.readString(file));
            if (kept == null || kept.path("format").asInt() != FORMAT || !key.matches(kept.path("key"))
                    || !kept.path("views").isObject()) {
                return Optional.empty();
            }
            return Optional.of(kept);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // damaged or from another version: the log is the truth, replay it
        }
    }

    /**
     * Keeps {@code views} (view:live status → output) for the next {@code status}, beside any views kept
     * for the same key, but only if the log is still what the key says (it was not written while read).
     * Whether it could be written changes nothing the person sees, so a failure is only returned.
     * {@code logged}: the status the log says (status only; null for events).
     */
    public boolean keep(RunDirectory dir, Key key, RunStatus logged, Map<String, String> views) {
        if (!Key.of(dir).equals(Optional.of(key))) {
            return false;
        }
        // the outputs are kept as rendered, before the console masks secrets: one with anything the
        // person's secrets would mask is not written to disk at all (it is rendered anew each time)
        dev.harness.protocol.secrets.Redactor redactor = dev.harness.protocol.secrets.Redactor.forEnvironment(System.getenv());
        for (String text : views.values()) {
            if (!redactor.redact(text).equals(text)) {
                return false;
            }
        }
        ObjectNode all = Json.object();
        kept(dir, key).ifPresent(k -> all.setAll((ObjectNode) k.get("views")));
        views.keySet().forEach(all::remove); // the newest last: the oldest go first
        views.forEach(all::put);
        while (all.size() > maxViews || (all.size() > 0 && keptChars(all) > MAX_KEPT_CHARS)) {
            all.remove(all.fieldNames().next());
        }
        if (all.isEmpty()) {
            return false; // the newest output alone is larger than what is kept
        }
        ObjectNode snapshot = Json.object();
        snapshot.put("format", FORMAT);
        snapshot.set("key", key.toJson());
        if (logged != null) {
            snapshot.put("logged_status", logged.wire());
        }
        snapshot.set("views", all);
        try {
            AtomicFile.writeStringOwnerOnly(dir.path().resolve(file), Json.write(snapshot));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long keptChars(ObjectNode views) {
        long chars = 0;
        for (JsonNode view : views) {
            chars += view.toString().length();
        }
        return chars;
    }
}
