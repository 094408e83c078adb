package dev.harness.planning;

import dev.harness.protocol.StartupTrace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Workspace facts per canonical workspace path, so a long-running service does not rescan for
 * every request. An entry is reused only while its {@link TreeStamp} proves the tree is as scanned
 * (every scanned path's size and mtime, one stat each: far less than a scan and its text index)
 * and it is younger than the TTL, a safety net for what the stamp does not cover (the toolchains
 * on PATH, a parent's .git). A changed file, anywhere in the tree, gives fresh facts.
 */
public final class ScanCache {
    private static final int MAX_WORKSPACES = 32;

    private record Entry(WorkspaceFacts facts, TreeStamp stamp, long takenAtMillis) {}

    private final WorkspaceScanner scanner;
    private final ToolchainDetector detector;
    private final Duration ttl;
    private final Clock clock;
    private final Map<Path, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Entry> eldest) {
            return size() > MAX_WORKSPACES;
        }
    };
    private int scans;
    /** Held while scanning: requests answered in parallel wait for one scan rather than each running their own. */
    private final Object scanning = new Object();

    public ScanCache(WorkspaceScanner scanner, ToolchainDetector detector, Duration ttl, Clock clock) {
        this.scanner = scanner;
        this.detector = detector;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Facts of the workspace at {@code canonicalRoot} (already resolved with toRealPath). */
    public WorkspaceFacts facts(Path canonicalRoot) throws IOException {
        long now = clock.millis();
        WorkspaceFacts fresh = fresh(canonicalRoot, now);
        if (fresh != null) {
            return fresh;
        }
        synchronized (scanning) {
            fresh = fresh(canonicalRoot, now);
            return fresh != null ? fresh : scan(canonicalRoot, now);
        }
    }

    private WorkspaceFacts fresh(Path canonicalRoot, long now) {
        Entry entry;
        synchronized (entries) {
            entry = entries.get(canonicalRoot);
        }
        // the stamp is checked outside the lock: requests answered in parallel stat the tree at the same time
        return entry != null && now - entry.takenAtMillis < ttl.toMillis() && entry.stamp.settled() && entry.stamp.unchanged()
                ? entry.facts : null;
    }

    private WorkspaceFacts scan(Path canonicalRoot, long now) throws IOException {
        // the file system's clock, not the service's (tests move that one): mtimes are compared with it
        long started = ChronoUnit.NANOS.between(Instant.EPOCH, Instant.now());
        WorkspaceScan scan = scanner.scan(canonicalRoot);
        StartupTrace.mark("scan: tree walked");
        // the text index reads thousands of files: it starts now, while the commands are detected
        CompletableFuture<ContentIndex> content = CompletableFuture.supplyAsync(() -> ContentIndex.build(canonicalRoot, scan, scanner.budget()),
                task -> {
                    Thread thread = new Thread(task, "content-index");
                    thread.setDaemon(true);
                    thread.start();
                });
        WorkspaceFacts facts;
        try {
            WorkspaceCommands commands = detector.detect(canonicalRoot);
            StartupTrace.mark("scan: commands detected");
            facts = WorkspaceFacts.of(canonicalRoot, scan, commands, detector.subprojects(canonicalRoot, scan, commands),
                    insideGitRepository(canonicalRoot), content);
        } finally {
            content.cancel(false); // only when detecting failed: a finished index ignores it
        }
        // after the facts: detecting reads files the scan listed, and the text index started reading before this
        StartupTrace.mark("scan: facts built");
        TreeStamp stamp = TreeStamp.of(canonicalRoot, scan, started);
        StartupTrace.mark("scan: stamped");
        synchronized (entries) {
            scans++;
            entries.put(canonicalRoot, new Entry(facts, stamp, now));
        }
        return facts;
    }

    private static boolean insideGitRepository(Path root) {
        for (Path dir = root; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }

    /** How many real scans ran (for tests and the timing log). */
    public int scans() {
        synchronized (entries) {
            return scans;
        }
    }
}
