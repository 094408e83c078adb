package dev.harness.worker.attempt;

import dev.harness.worker.trust.TrustPolicy;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Did a task meant to change code change anything in its scope? The scope's files (size and
 * modification time) are noted before the first attempt's agent runs and again after the agent
 * of the attempt that passed; the difference is the task's change. The harness's own files never
 * count: {@code .harness/} and the state directory (where logs, records and worktrees live), nor
 * {@code .git/} and installed dependencies ({@code node_modules/}), which are not code.
 */
public final class ScopeChanges {
    /** Past this many files a scope is not compared (the answer would cost more than it tells). */
    static final int MAX_FILES = 200_000;
    private static final Set<String> NOT_CODE = Set.of(".git", ".harness", "node_modules");

    /** The scope's files, relative to the work directory, each with its size and modification time. */
    public record Snapshot(Map<String, String> files) {}

    /** What changed between two snapshots, sorted. */
    public record Changes(List<String> added, List<String> modified, List<String> removed) {
        public boolean any() {
            return !added.isEmpty() || !modified.isEmpty() || !removed.isEmpty();
        }

        public int count() {
            return added.size() + modified.size() + removed.size();
        }

        /** Up to {@code limit} changed paths, for an event. */
        public List<String> sample(int limit) {
            List<String> all = new ArrayList<>(added);
            all.addAll(modified);
            all.addAll(removed);
            return all.subList(0, Math.min(limit, all.size()));
        }
    }

    private ScopeChanges() {}

    /** The scope's files now; empty when there are too many to compare or the scope cannot be read. */
    public static Optional<Snapshot> take(Path workdir, String scopePath, Path stateDir) {
        Path root = workdir.resolve(scopePath);
        Map<String, String> files = new HashMap<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(new Snapshot(files));
        }
        Path state = TrustPolicy.realOrNormal(stateDir);
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && (NOT_CODE.contains(dir.getFileName().toString()) || dir.equals(state))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (files.size() >= MAX_FILES) {
                        return FileVisitResult.TERMINATE;
                    }
                    files.put(workdir.relativize(file).toString(), attrs.size() + ":" + attrs.lastModifiedTime().toMillis());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return Optional.empty();
        }
        return files.size() >= MAX_FILES ? Optional.empty() : Optional.of(new Snapshot(files));
    }

    public static Changes between(Snapshot before, Snapshot after) {
        TreeSet<String> added = new TreeSet<>();
        TreeSet<String> modified = new TreeSet<>();
        TreeSet<String> removed = new TreeSet<>();
        after.files().forEach((path, stamp) -> {
            String old = before.files().get(path);
            if (old == null) {
                added.add(path);
            } else if (!old.equals(stamp)) {
                modified.add(path);
            }
        });
        before.files().keySet().stream().filter(path -> !after.files().containsKey(path)).forEach(removed::add);
        return new Changes(List.copyOf(added), List.copyOf(modified), List.copyOf(removed));
    }
}
