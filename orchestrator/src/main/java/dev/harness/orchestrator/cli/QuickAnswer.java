package dev.harness.orchestrator.cli;

import dev.harness.orchestrator.runlog.EventLog;
import dev.harness.orchestrator.runlog.EventQuery;
import dev.harness.orchestrator.runlog.OutputSnapshot;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.api.run.RunStatus;
import dev.harness.protocol.ServiceLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only command answered without building the command line: {@code --version}, {@code status}/{@code
 * events} of a run under the state directory — from the output kept unchanged beside its log
 * ({@link OutputSnapshot}), else by reading the log with the commands' own code ({@link StatusCommand#answer},
 * {@link EventsCommand#answer}) — and {@code runs} when every run's summary is kept (SummarySnapshot). The
 * whole CLI's cost is picocli's model (about 0.1 s of a first read's CPU) and, for a kept answer, Jackson's
 * set-up, several times a JVM's own start; bin/harness-launch starts this path with a start-up archive of
 * its own. It answers only argument lists whose meaning is plain (the options below, each once, no
 * {@code --}, no {@code @file}, no value that looks like an option) and only when the answer is exactly
 * what the whole CLI would print: anything else — a usage error, help, an unknown kind, a run found only
 * through the run index, a log that cannot be read — is empty, and the whole CLI runs as before.
 */
public final class QuickAnswer {
    /**
     * What to print: stderr first, then stdout (as events prints them); the exit code is always 0.
     *
     * @param screened kept beside the log as printed, and kept only because this build's secret masking left it
     *     unchanged (OutputSnapshot.keep): masking it again can change it only by what the environment adds
     */
    public record Answer(String out, String err, boolean screened) {
        public Answer(String out, String err) {
            this(out, err, false);
        }
    }

    private static final Set<String> COMMON_VALUED = Set.of("-C", "--workspace", "--state-dir");
    private static final Set<String> EVENTS_VALUED = Set.of("--task", "--worker", "--kind");

    private QuickAnswer() {}

    /** The answer to {@code args} if it is on disk and certain; empty otherwise. */
    public static Optional<Answer> of(String... args) {
        return answer(false, args);
    }

    /**
     * The answer to {@code args} only if it is kept beside the log (or is {@code --version}): never a first
     * read. bin/harness-launch asks this first, in a JVM whose start-up archive holds only what a kept answer
     * loads (JDK 25's AOT cache loads every class it holds at start: the read-only archive's Jackson and
     * records cost a kept answer about a quarter of its CPU), and starts the usual one when it is empty.
     */
    public static Optional<Answer> kept(String... args) {
        return answer(true, args);
    }

    private static Optional<Answer> answer(boolean keptOnly, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return Optional.of(new Answer(version(), ""));
        }
        if (args.length == 0 || !(args[0].equals("status") || args[0].equals("events") || args[0].equals("runs"))) {
            return Optional.empty();
        }
        boolean events = args[0].equals("events");
        boolean runs = args[0].equals("runs");
        String runId = null;
        String workspace = null;
        String stateDir = null;
        String task = null;
        String worker = null;
        boolean json = false;
        List<String> kinds = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.isEmpty() || arg.startsWith("@")) {
                return Optional.empty(); // picocli reads @file as more arguments
            }
            if (!arg.startsWith("-")) {
                if (runId != null || runs) {
                    return Optional.empty(); // a usage error: the whole CLI says so
                }
                runId = arg;
                continue;
            }
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            boolean valued = COMMON_VALUED.contains(name) || (events && EVENTS_VALUED.contains(name));
            boolean flag = name.equals("--json") || name.equals("--no-color");
            if (!valued && !flag || flag && value != null) {
                return Optional.empty();
            }
            String option = name.equals("-C") ? "--workspace" : name;
            if (!option.equals("--kind") && !seen.add(option)) {
                return Optional.empty(); // given twice: picocli refuses it
            }
            if (valued && value == null) {
                if (++i == args.length) {
                    return Optional.empty();
                }
                value = args[i];
            }
            if (valued && (value.isEmpty() || value.startsWith("-") || value.startsWith("@"))) {
                return Optional.empty();
            }
            switch (option) {
                case "--json" -> json = true;
                case "--no-color" -> { } // status and events print no colour
                case "--workspace" -> workspace = value;
                case "--state-dir" -> stateDir = value;
                case "--task" -> task = value;
                case "--worker" -> worker = value;
                case "--kind" -> {
                    // picocli splits on ',' and honours quotes: only plain lists are answered here
                    if (value.contains("\"") || value.startsWith(",") || value.endsWith(",") || value.contains(",,")) {
                        return Optional.empty();
                    }
                    kinds.addAll(List.of(value.split(",")));
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        try {
            if (runs) {
                return json ? Optional.empty() : runs(workspace, stateDir); // runs --json is written by Jackson
            }
            if (runId == null) {
                return Optional.empty();
            }
            Optional<RunLookup.Place> place = place(workspace, stateDir, runId);
            if (place.isEmpty()) {
                return Optional.empty();
            }
            if (!events) {
                Optional<Answer> kept = StatusCommand.kept(place.get(), json).map(out -> new Answer(out, "", true));
                return kept.isPresent() || keptOnly ? kept
                        : Optional.of(new Answer(StatusCommand.answer(place.get(), runId, json), ""));
            }
            if (!EventsCommand.knownKinds(kinds)) {
                return Optional.empty(); // the log's own kinds decide, or a usage error: the whole CLI's
            }
            EventQuery query = EventsCommand.query(kinds, task, worker);
            return keptOnly ? EventsCommand.kept(place.get(), query, json, task, worker, kinds)
                    : Optional.of(EventsCommand.answer(place.get(), query, json, task, worker, kinds));
        } catch (RuntimeException e) {
            // an unreadable or corrupt log, a bad path, anything unforeseen: the whole CLI names the problem
            return Optional.empty();
        }
    }

    /** runs (the table): every run's summary kept for its log as it is now, else empty. */
    private static Optional<Answer> runs(String workspace, String stateDir) {
        Path dir = (workspace == null ? Path.of("") : Path.of(workspace)).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Path here;
        try {
            here = dir.toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        Path states = stateDir == null ? RunDirectory.defaultStateDir(here) : Path.of(stateDir).toAbsolutePath().normalize();
        return RunDirectory.listKept(states).map(list -> new Answer(RunsCommand.listing(states, list), ""));
    }

    /** What {@code --version} prints: the suite's one version, as the services print it. */
    static String version() {
        return "orchestrator " + ServiceLauncher.version() + System.lineSeparator();
    }

    /** Where RunLookup.locate finds the run, when it is under the state directory; empty when not (or an error). */
    private static Optional<RunLookup.Place> place(String workspace, String stateDir, String runId) {
        Path here;
        if (workspace == null) {
            here = Path.of("").toAbsolutePath();
        } else {
            Path dir = Path.of(workspace).toAbsolutePath();
            if (!Files.isDirectory(dir)) {
                return Optional.empty();
            }
            try {
                here = dir.toRealPath();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        Path states = stateDir == null ? RunDirectory.defaultStateDir(here) : Path.of(stateDir).toAbsolutePath().normalize();
        if (!Files.isRegularFile(states.resolve(runId).resolve("events.jsonl"))) {
            return Optional.empty(); // not here (or not a run): the run index, or the error, is the whole CLI's
        }
        return Optional.of(new RunLookup.Place(here, states, RunDirectory.open(states, runId)));
    }

    /**
     * What status printed last time for this log and view ("text" or "json"), if it still holds: the run's
     * live status (a running log's writer may be gone) is asked anew.
     */
    static Optional<String> keptStatus(RunLookup.Place place, OutputSnapshot.Key key, String view) {
        return OutputSnapshot.STATUS.read(place.dir(), key).flatMap(kept -> kept.loggedStatus()
                .flatMap(logged -> kept.view(OutputSnapshot.statusView(view, live(logged, place.dir())))));
    }

    /** As RunSummary.liveStatus, from the status the log says. */
    static RunStatus live(RunStatus logged, RunDirectory dir) {
        return logged == RunStatus.RUNNING && !EventLog.writerActive(dir) ? RunStatus.INTERRUPTED : logged;
    }

    /** The snapshot view of an events query: what was asked, times resolved (a relative time never matches). */
    static String eventsView(boolean json, String task, String worker, Instant since, Instant until, List<String> kinds) {
        List<String> asked = new ArrayList<>(List.of(json ? "json" : "table", String.valueOf(task), String.valueOf(worker),
                String.valueOf(since), String.valueOf(until)));
        asked.addAll(kinds);
        return OutputSnapshot.eventsView(asked);
    }
}
