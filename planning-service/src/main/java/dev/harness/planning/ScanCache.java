package dev.harness.planning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Workspace facts per canonical workspace path, so a long-running service does not rescan for
 * every request. An entry is reused while the root directory's mtime is unchanged and it is
 * younger than the TTL (changes deeper in the tree do not touch the root's mtime, hence the TTL).
 */
public final class ScanCache {
    private static final int MAX_WORKSPACES = 32;

    private record Entry(WorkspaceFacts facts, FileTime rootModified, long takenAtMillis) {}

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
        FileTime modified = Files.getLastModifiedTime(canonicalRoot);
        long now = clock.millis();
        WorkspaceFacts fresh = fresh(canonicalRoot, modified, now);
        if (fresh != null) {
            return fresh;
        }
        synchronized (scanning) {
            fresh = fresh(canonicalRoot, modified, now);
            return fresh != null ? fresh : scan(canonicalRoot, modified, now);
        }
    }

    private WorkspaceFacts fresh(Path canonicalRoot, FileTime modified, long now) {
        synchronized (entries) {
            Entry entry = entries.get(canonicalRoot);
            return entry != null && entry.rootModified.equals(modified) && now - entry.takenAtMillis < ttl.toMillis() ? entry.facts : null;
        }
    }

    private WorkspaceFacts scan(Path canonicalRoot, FileTime modified, long now) throws IOException {
        WorkspaceScan scan = scanner.scan(canonicalRoot);
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
            facts = WorkspaceFacts.of(canonicalRoot, scan, commands, detector.subprojects(canonicalRoot, scan, commands),
                    insideGitRepository(canonicalRoot), content);
        } finally {
            content.cancel(false); // only when detecting failed: a finished index ignores it
        }
        synchronized (entries) {
            scans++;
            entries.put(canonicalRoot, new Entry(facts, modified, now));
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
