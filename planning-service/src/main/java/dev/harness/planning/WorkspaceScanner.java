package dev.harness.planning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Walks a workspace breadth-first within a depth, an entry and a time limit, so the top of a huge
 * tree is always seen and a 50,000-file repository, or a whole file system, costs a bounded time. Skips VCS and build
 * output directories, hidden directories, .gitignore'd paths, and never follows symbolic links.
 */
public final class WorkspaceScanner {
    /** Deep enough for Java's src/main/java/org/example/pkg/sub layout inside a module. */
    public static final int DEFAULT_MAX_DEPTH = 16;
    /** Enough to see a 50,000-file repository whole; leaf directories cost no stat per file (see scan). */
    public static final int DEFAULT_MAX_ENTRIES = 60_000;

    /** Build output, dependencies and tool state: never what an objective is about. */
    static final Set<String> SKIPPED_DIRECTORIES = Set.of("node_modules", "target", "build", "dist", "out",
            "obj", "vendor", "coverage", "__pycache__", "venv", "site-packages", "bower_components");

    private final int maxDepth;
    private final int maxEntries;
    private final ScanBudget budget;

    /** A scanner with no time limit (tests, small trees). */
    public WorkspaceScanner(int maxDepth, int maxEntries) {
        this(maxDepth, maxEntries, ScanBudget.unlimited());
    }

    public WorkspaceScanner(int maxDepth, int maxEntries, ScanBudget budget) {
        this.maxDepth = maxDepth;
        this.maxEntries = maxEntries;
        this.budget = budget;
    }

    /** The time limit of this scanner's walk, which its text index gets too. */
    public ScanBudget budget() {
        return budget;
    }

    private record Pending(Path dir, String relative, int depth, IgnoreRules rules) {}

    /** Subdirectories of dir by its link count; -1 where the file system does not count them (e.g. btrfs). */
    private static int subdirectoryCount(Path dir) {
        try {
            Object links = Files.getAttribute(dir, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            int count = links instanceof Integer n ? n : -1;
            return count >= 2 ? count - 2 : -1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return -1;
        }
    }

    public WorkspaceScan scan(Path root) throws IOException {
        long start = System.nanoTime();
        List<String> directories = new ArrayList<>();
        List<String> files = new ArrayList<>();
        boolean truncated = false;
        boolean depthLimited = false;
        boolean timeLimited = false;
        ScanBudget.Stage clock = budget.start();
        int ignored = 0;
        IgnoreRules rootRules = IgnoreRules.none()
                .plusFile(root.resolve(".git").resolve("info").resolve("exclude"), "");
        Deque<Pending> queue = new ArrayDeque<>();
        queue.add(new Pending(root, "", 0, rootRules));
        int entries = 0;
        boolean first = true;
        walk:
        while (!queue.isEmpty()) {
            // per directory, not per entry: one clock read per listing; the root is always listed
            if (!first && entries >= budget.floorEntries() && clock.spent()) {
                truncated = true;
                timeLimited = true;
                break;
            }
            Pending current = queue.poll();
            // File.list gives plain names: no Path object per entry, which matters on 50,000 files
            String[] children;
            try {
                children = current.dir.toFile().list();
            } catch (SecurityException e) {
                children = null;
            }
            if (children == null) {
                if (first) {
                    throw new IOException("cannot list " + current.dir);
                }
                continue; // an unreadable subdirectory is just not seen
            }
            first = false;
            Arrays.sort(children);
            IgnoreRules rules = current.rules;
            if (Arrays.binarySearch(children, ".gitignore") >= 0) {
                rules = rules.plusFile(current.dir.resolve(".gitignore"), current.relative);
            }
            // Like find(1): a directory's link count is 2 + its subdirectories, so once they are all
            // found the remaining entries are files and need no stat (most of a big tree is leaves).
            int subdirectoriesLeft = subdirectoryCount(current.dir);
            for (String name : children) {
                if (++entries > maxEntries) {
                    truncated = true;
                    break walk;
                }
                String relative = current.relative.isEmpty() ? name : current.relative + "/" + name;
                boolean directory;
                Path child = null;
                if (subdirectoriesLeft == 0) {
                    directory = false;
                } else {
                    child = current.dir.resolve(name);
                    BasicFileAttributes attributes;
                    try {
                        attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException e) {
                        continue;
                    }
                    directory = attributes.isDirectory();
                    if (directory && subdirectoriesLeft > 0) {
                        subdirectoriesLeft--;
                    }
                    if (!directory && !attributes.isRegularFile()) {
                        continue; // symbolic links, sockets, devices: nothing to plan on
                    }
                }
                if (directory && (name.startsWith(".") || SKIPPED_DIRECTORIES.contains(name))) {
                    continue;
                }
                if (!rules.isEmpty() && rules.ignores(relative, directory)) {
                    ignored++;
                    continue;
                }
                if (directory) {
                    directories.add(relative);
                    if (current.depth + 1 < maxDepth) {
                        queue.add(new Pending(child, relative, current.depth + 1, rules));
                    } else {
                        depthLimited = true;
                    }
                } else {
                    files.add(relative);
                }
            }
        }
        return new WorkspaceScan(root, directories, files, truncated, depthLimited, timeLimited, ignored,
                System.nanoTime() - start);
    }
}
