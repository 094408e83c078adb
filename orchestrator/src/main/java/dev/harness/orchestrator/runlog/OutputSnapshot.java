package dev.harness.orchestrator.runlog;

import dev.harness.api.run.RunStatus;
import dev.harness.protocol.fs.AtomicFile;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code status} (or {@code events}) printed for a run, kept beside its log ({@code status-output.properties},
 * {@code events-output.properties}) so asking again does not bind every event of an unchanged log (most of
 * the command's CPU on a long log). Like {@link SummarySnapshot} it stands only for the exact log it was
 * made from (file, size, modification time), and also only for the same path to it and the same build
 * of the orchestrator (a rebuilt or upgraded orchestrator may print a run differently). For status it
 * keeps the output for each status the run can show — a log that says running shows "interrupted" once
 * its writer is gone — and which of them applies is asked anew every time.
 *
 * <p>The file is a {@link Properties} text (the JDK's own escaping) for the key and the views' names and
 * sizes, a line holding a lone dot, then the outputs' UTF-8 bytes one after another: not JSON, so an answer
 * found here is printed by a process that loads no JSON library at all ({@code QuickAnswer}), and not
 * escaped, so one view of several is decoded alone (issue 15).
 */
public final class OutputSnapshot {
    static final int FORMAT = 3;
    /**
     * The line between the key (a Properties text) and the outputs, written one after another unescaped: one
     * Properties.store never writes (it writes every entry as key=value, a comment after #).
     */
    private static final String END_OF_KEY = ".";
    static final String FILE = "status-output.properties";

    /** status: every view asked for is kept (a few KB each). */
    public static final OutputSnapshot STATUS = new OutputSnapshot(FILE, Integer.MAX_VALUE);
    /**
     * events: the outputs (stdout and stderr) of the last four queries (the table and --json are each
     * about as large as the log), keyed by the view and the query with its times resolved (so
     * "--since 10m" is never answered from a snapshot).
     */
    public static final OutputSnapshot EVENTS = new OutputSnapshot("events-output.properties", 8);

    /** Kept outputs beyond this many characters in all are dropped, oldest first: a huge log is replayed, not copied. */
    static final long MAX_KEPT_CHARS = 4L << 20;

    private final String file;
    private final int maxViews;

    private OutputSnapshot(String file, int maxViews) {
        this.file = file;
        this.maxViews = maxViews;
    }

    /**
     * The state of the world a kept output stands for.
     *
     * @param program how the orchestrator was invoked, as its hints name it ("To continue: bin/orchestrator
     *     resume …"; {@link dev.harness.orchestrator.render.CommandName})
     */
    public record Key(SummarySnapshot.LogStamp log, String eventsFile, String build, String program) {
        /** The key of the run's log as it is now; empty when it cannot be told (then nothing is kept). */
        public static Optional<Key> of(RunDirectory dir) {
            Optional<String> build = thisBuild();
            return build.flatMap(b -> SummarySnapshot.LogStamp.of(dir.eventsFile())
                    .map(stamp -> new Key(stamp, dir.eventsFile().toString(), b,
                            dev.harness.orchestrator.render.CommandName.current())));
        }

        private void into(Properties kept) {
            kept.setProperty("key.file", log.file());
            kept.setProperty("key.size", Long.toString(log.size()));
            kept.setProperty("key.modified", log.modified());
            kept.setProperty("key.events_file", eventsFile);
            kept.setProperty("key.build", build);
            kept.setProperty("key.program", program);
        }

        private boolean matches(Properties kept) {
            return log.file().equals(kept.getProperty("key.file")) && Long.toString(log.size()).equals(kept.getProperty("key.size"))
                    && log.modified().equals(kept.getProperty("key.modified"))
                    && eventsFile.equals(kept.getProperty("key.events_file")) && build.equals(kept.getProperty("key.build"))
                    && program.equals(kept.getProperty("key.program"));
        }
    }

    /**
     * This orchestrator's build: the jar (or class directory) it runs from, as stamped (a new version is a
     * new jar; its version is not read, as that costs a cold status about a tenth of its CPU).
     */
    private static Optional<String> thisBuild() {
        try {
            Path code = Path.of(OutputSnapshot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return SummarySnapshot.LogStamp.of(code).map(s -> code + " " + s.file() + " " + s.size() + " " + s.modified());
        } catch (RuntimeException | java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The name of status's view ("text" or "json") for a run whose live status is {@code live}. */
    public static String statusView(String view, RunStatus live) {
        return view + ":" + live.wire();
    }

    /**
     * The name of an events query's view: what was asked (view, task, worker, resolved times, kinds),
     * each part prefixed by its length so no two different queries share a name.
     */
    public static String eventsView(List<String> asked) {
        StringBuilder name = new StringBuilder();
        for (String part : asked) {
            name.append(part.length()).append(':').append(part).append(' ');
        }
        return name.toString();
    }

    /**
     * What is kept for one key: the status the log says (status only) and the outputs by view, oldest first.
     * An output is decoded only when asked for: an events query reads one of up to eight.
     */
    public static final class Kept {
        private final Optional<RunStatus> loggedStatus;
        private final byte[] file;
        private final Map<String, int[]> spans; // view name -> {offset, length} of its UTF-8 bytes in file

        private Kept(Optional<RunStatus> loggedStatus, byte[] file, Map<String, int[]> spans) {
            this.loggedStatus = loggedStatus;
            this.file = file;
            this.spans = spans;
        }

        public Optional<RunStatus> loggedStatus() {
            return loggedStatus;
        }

        public Optional<String> view(String name) {
            int[] span = spans.get(name);
            return span == null ? Optional.empty() : Optional.of(new String(file, span[0], span[1], StandardCharsets.UTF_8));
        }

        /** Every output, oldest first. */
        Map<String, String> views() {
            Map<String, String> views = new LinkedHashMap<>();
            spans.keySet().forEach(name -> views.put(name, view(name).orElseThrow()));
            return views;
        }
    }

    /** The output kept for this key and view, if any. */
    public Optional<String> find(RunDirectory dir, Key key, String view) {
        return read(dir, key).flatMap(k -> k.view(view));
    }

    /** What is kept for this exact key, if anything. */
    public Optional<Kept> read(RunDirectory dir, Key key) {
        Path file = dir.path().resolve(this.file);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            int body = bodyStart(bytes);
            if (body < 0) {
                return Optional.empty(); // an older format, or damaged
            }
            Properties kept = new Properties();
            kept.load(new StringReader(new String(bytes, 0, body - 2, StandardCharsets.UTF_8)));
            if (!Integer.toString(FORMAT).equals(kept.getProperty("format")) || !key.matches(kept)) {
                return Optional.empty();
            }
            int count = Integer.parseInt(kept.getProperty("views", "0"));
            Map<String, int[]> spans = new LinkedHashMap<>();
            int offset = body;
            for (int i = 0; i < count; i++) {
                String name = kept.getProperty("view." + i + ".name");
                int length = Integer.parseInt(kept.getProperty("view." + i + ".bytes", "-1"));
                if (name == null || length < 0 || length > bytes.length - offset) {
                    return Optional.empty();
                }
                spans.put(name, new int[] {offset, length});
                offset += length;
            }
            if (offset != bytes.length) {
                return Optional.empty();
            }
            String logged = kept.getProperty("logged_status");
            return Optional.of(new Kept(logged == null ? Optional.empty() : Optional.of(RunStatus.fromWire(logged)), bytes, spans));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // damaged or from another version: the log is the truth, replay it
        }
    }

    /** Where the outputs start: after the first line that is {@link #END_OF_KEY}; -1 without one. */
    private static int bodyStart(byte[] bytes) {
        for (int i = 0; i + 2 < bytes.length; i++) {
            if (bytes[i] == '\n' && bytes[i + 1] == END_OF_KEY.charAt(0) && bytes[i + 2] == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    /**
     * Keeps {@code views} (view name → output) for the next {@code status} or {@code events}, beside any
     * views kept for the same key, but only if the log is still what the key says (it was not written
     * while read). Whether it could be written changes nothing the person sees, so a failure is only
     * returned. {@code logged}: the status the log says (status only; null for events).
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
        Map<String, String> all = new LinkedHashMap<>(read(dir, key).map(Kept::views).orElse(Map.of()));
        views.keySet().forEach(all::remove); // the newest last: the oldest go first
        all.putAll(views);
        while (all.size() > maxViews || (!all.isEmpty() && keptChars(all) > MAX_KEPT_CHARS)) {
            all.remove(all.keySet().iterator().next());
        }
        if (all.isEmpty()) {
            return false; // the newest output alone is larger than what is kept
        }
        Properties snapshot = new Properties();
        snapshot.setProperty("format", Integer.toString(FORMAT));
        key.into(snapshot);
        if (logged != null) {
            snapshot.setProperty("logged_status", logged.wire());
        }
        snapshot.setProperty("views", Integer.toString(all.size()));
        int i = 0;
        StringBuilder outputs = new StringBuilder();
        for (Map.Entry<String, String> view : all.entrySet()) {
            snapshot.setProperty("view." + i + ".name", view.getKey());
            snapshot.setProperty("view." + i + ".bytes", Integer.toString(view.getValue().getBytes(StandardCharsets.UTF_8).length));
            outputs.append(view.getValue());
            i++;
        }
        try {
            StringWriter text = new StringWriter();
            snapshot.store(text, null);
            // the key, then the outputs as they are printed (no escaping to undo: reading a kept events table
            // was most of a kept answer's own CPU as a Properties value)
            text.append(END_OF_KEY).append('\n').append(outputs); // store's text ends its last line
            AtomicFile.writeStringOwnerOnly(dir.path().resolve(file), text.toString());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long keptChars(Map<String, String> views) {
        long chars = 0;
        for (Map.Entry<String, String> view : views.entrySet()) {
            chars += view.getKey().length() + view.getValue().length();
        }
        return chars;
    }
}
