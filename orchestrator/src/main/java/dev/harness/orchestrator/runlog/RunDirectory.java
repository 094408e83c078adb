package dev.harness.orchestrator.runlog;

import dev.harness.protocol.Log;
import dev.harness.protocol.fs.GitExclude;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One run's directory: {@code events.jsonl} (the source of truth), {@code plan.json} beside it, and
 * {@code services/<name>.stderr.log}; the workers' records, logs and task worktrees under
 * {@code workers/}. Lives under a state directory, by default outside the person's working tree
 * (the project's own tools must never see it): {@code $XDG_STATE_HOME/harness/repos/<name>-<hash>/runs},
 * keyed by the repository the workspace is in. A state directory given inside a working tree is
 * kept out of its git status.
 */
public final class RunDirectory {
    /** Run ids are single path components: no separators, no "..". */
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** What only a new run's id needs: made on first use, not by a read-only command opening a run. */
    private static final class NewIds {
        static final DateTimeFormatter ID_TIME =
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
        static final SecureRandom RANDOM = new SecureRandom();
    }

    private final Path path;
    private final String runId;

    private RunDirectory(Path path, String runId) {
        this.path = path;
        this.runId = runId;
    }

    public static Path defaultStateDir(Path workspace) {
        return defaultStateDir(workspace, System.getenv());
    }

    /**
     * {@code $XDG_STATE_HOME/harness/repos/<name>-<hash>/runs} (XDG_STATE_HOME defaults to
     * ~/.local/state), where name and hash are of the repository's top directory (the workspace's
     * own path outside git), so every workspace of one clone finds the same runs.
     */
    public static Path defaultStateDir(Path workspace, java.util.Map<String, String> env) {
        String xdg = env.get("XDG_STATE_HOME");
        Path stateHome = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home"))).resolve(".local").resolve("state");
        return stateHome.resolve("harness").resolve("repos").resolve(repositoryKey(workspace)).resolve("runs");
    }

    /** name-hash of the repository containing {@code workspace} (found by its .git, no process started). */
    static String repositoryKey(Path workspace) {
        Path dir = workspace.toAbsolutePath().normalize();
        try {
            dir = dir.toRealPath();
        } catch (IOException e) {
            // a workspace that does not exist yet is keyed by its path as given
        }
        Path top = dir;
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                top = p;
                break;
            }
        }
        String name = top.getFileName() == null ? "root" : top.getFileName().toString().replaceAll("[^A-Za-z0-9._-]+", "-");
        // the first 6 bytes of the path's sha256: stable across runs, short enough for a directory name
        return (name.isEmpty() || name.startsWith(".") ? "repo" + name : name) + "-"
                + dev.harness.protocol.json.Digest.of(top.toString()).substring(0, 12);
    }

    /** A sortable, practically unique id such as {@code 20261123-011500-a1b2}. */
    public static String newRunId() {
        return newRunId(Clock.systemUTC());
    }

    static String newRunId(Clock clock) {
        byte[] random = new byte[2];
        NewIds.RANDOM.nextBytes(random);
        return NewIds.ID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(random);
    }

    /** Creates a run directory under a fresh id (retrying the rare id collision). */
    public static RunDirectory createNew(Path stateDir) {
        String runId = newRunId();
        for (int attempt = 0; attempt < 100 && Files.exists(stateDir.resolve(runId)); attempt++) {
            runId = newRunId();
        }
        return create(stateDir, runId);
    }

    /**
     * Creates the directory of a new run (failing if that run already exists) and, when the state
     * directory is inside a git working tree, excludes it through {@code .git/info/exclude}.
     */
    public static RunDirectory create(Path stateDir, String runId) {
        checkRunId(runId);
        Path dir = stateDir.resolve(runId);
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new RunLogException("cannot create the state directory " + stateDir + ": " + describe(e), e);
        }
        try {
            GitExclude.ensureExcluded(stateDir);
        } catch (IOException e) {
            // the run does not depend on it: its files may just show up as untracked
            Log.warn("could not keep " + stateDir + " out of git (" + e.getMessage()
                    + "); the run directory may show up as untracked files");
        }
        try {
            // owner-only: the run holds the approved plan, worker records and logs, which may carry
            // the person's own text (a password written into a check command is kept as approved)
            Files.createDirectory(dir, ownerOnly(dir));
            Files.createDirectories(dir.resolve("services"));
        } catch (FileAlreadyExistsException e) {
            throw new RunLogException("run " + runId + " already exists in " + stateDir, e);
        } catch (IOException e) {
            throw new RunLogException("cannot create the run directory " + dir + ": " + describe(e), e);
        }
        return new RunDirectory(dir, runId);
    }

    /**
     * Removes this run's directory when nothing was recorded in it yet (no events), e.g. after a bad
     * option was found while opening the run: a usage error leaves no empty run behind for runs, watch
     * and the dashboard to list. Returns whether it was removed.
     */
    public boolean discardIfNothingRecorded() {
        try {
            if (Files.exists(eventsFile()) && Files.size(eventsFile()) > 0) {
                return false;
            }
            try (var paths = Files.walk(path)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            return true;
        } catch (IOException | java.io.UncheckedIOException e) {
            Log.warn("could not remove the unused run directory " + path + ": " + e.getMessage());
            return false;
        }
    }

    /** rwx------ where the file system has POSIX permissions; nothing (the platform's default) elsewhere. */
    public static java.nio.file.attribute.FileAttribute<?>[] ownerOnly(Path where) {
        return dev.harness.protocol.fs.PrivateDirectory.ownerOnly(where);
    }

    /** Opens an existing run; an unknown (or malformed) id is an {@link UnknownRunException}. */
    public static RunDirectory open(Path stateDir, String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new UnknownRunException(String.valueOf(runId), stateDir,
                    "not a run id (letters, digits, '.', '_' and '-' only)");
        }
        Path dir = stateDir.resolve(runId);
        if (!Files.isDirectory(dir)) {
            throw new UnknownRunException(runId, stateDir, "no such run directory");
        }
        if (!Files.isRegularFile(dir.resolve("events.jsonl"))) {
            throw new UnknownRunException(runId, stateDir, "the run directory has no events.jsonl");
        }
        return new RunDirectory(dir, runId);
    }

    /**
     * Every run under the state directory, oldest first (ids sort by time). A run whose log cannot be
     * read is still listed, with the problem, so one damaged run does not hide the others.
     */
    public static List<RunSummary> list(Path stateDir) {
        return list(stateDir, RunSummary::read);
    }

    private static List<RunSummary> list(Path stateDir, java.util.function.Function<RunDirectory, RunSummary> read) {
        if (!Files.isDirectory(stateDir)) {
            return List.of();
        }
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(stateDir)) {
            for (Path child : stream) {
                if (Files.isRegularFile(child.resolve("events.jsonl"))
                        && RUN_ID.matcher(child.getFileName().toString()).matches()) {
                    dirs.add(child);
                }
            }
        } catch (IOException e) {
            throw new RunLogException("cannot list " + stateDir + ": " + describe(e), e);
        }
        // a lambda of this class, not Comparator.comparing's: that one is spun at run time, outside the start-up archive
        dirs.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        List<RunSummary> summaries = new ArrayList<>();
        for (Path dir : dirs) {
            summaries.add(read.apply(new RunDirectory(dir, dir.getFileName().toString())));
        }
        return summaries;
    }

    /**
     * Every run under the state directory as {@link #list} gives it, when each one's summary is kept for its
     * log as it is now (no log read); empty when any is not.
     */
    public static java.util.Optional<List<RunSummary>> listKept(Path stateDir) {
        List<RunSummary> kept = list(stateDir, dir -> RunSummary.kept(dir).orElse(null));
        return kept.contains(null) ? java.util.Optional.empty() : java.util.Optional.of(kept);
    }

    public Path path() {
        return path;
    }

    public String runId() {
        return runId;
    }

    public Path eventsFile() {
        return path.resolve("events.jsonl");
    }

    public Path planFile() {
        return path.resolve("plan.json");
    }

    /** Where a child service's stderr is captured: {@code services/<name>.stderr.log}. */
    public Path serviceLog(String service) {
        if (service == null || !SERVICE_NAME.matcher(service).matches()) {
            throw new IllegalArgumentException("not a service name: " + service);
        }
        return path.resolve("services").resolve(service + ".stderr.log");
    }

    private static void checkRunId(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("not a valid run id: '" + runId
                    + "' (1-128 letters, digits, '.', '_' or '-', not starting with a punctuation mark)");
        }
    }

    /** "permission denied", "not a directory", ... rather than an exception class name. */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory: " + e.getMessage();
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way: " + e.getMessage();
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
