package dev.harness.worker.checkout;

import dev.harness.protocol.Log;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The checks' copies of plain work directories (not git work trees), kept between attempts and
 * brought up to date instead of made again: a task after task in one directory copied its files
 * and removed them each time, and creating files right after removing many was the largest cost
 * the kernel had in a short task (issue 15).
 * <p>
 * A kept file is trusted only when neither side changed since it was copied: the person's file has
 * the size, modification time, change time and inode it had, and the copy's file its inode and
 * change time. A change time cannot be set back by a program, so whatever a check did to a file of
 * the copy (wrote it, replaced it, changed its mode, linked it) shows; a file of the person's that
 * was still changing when it was copied (its change time within {@link #SETTLED} of the copy) is
 * copied again next time. Whatever else is in the copy (what the checks wrote) is removed, links
 * and all, never followed. Nothing is ever written outside the copy.
 * <p>
 * The copies live under {@code checks/<pid>} of the worker manager's state directory; a later
 * manager removes those of a manager that is gone.
 */
public final class CheckCopies implements AutoCloseable {
    /** How long a person's file must have been still before its copy is trusted as it is. */
    static final Duration SETTLED = Duration.ofSeconds(1);

    /** Idle copies kept in all: a lane's copy each for a few work directories. */
    public static final int DEFAULT_IDLE = 4;

    private final Path root;
    private final int maxIdle;
    private final Duration settled;
    /** Idle copies, by the real work directory they copy; the eldest first. */
    private final Map<Path, ArrayDeque<Copy>> idle = new HashMap<>();
    private final ArrayDeque<Copy> byAge = new ArrayDeque<>();
    private int made;
    private boolean closed;

    /** One kept copy: its directory and what each of its files was copied from. */
    static final class Copy {
        final Path workdir;
        final Path dir;
        final Map<String, Kept> files = new HashMap<>();

        Copy(Path workdir, Path dir) {
            this.workdir = workdir;
            this.dir = dir;
        }
    }

    /** A file as it was copied: the person's side and the copy's side. */
    record Kept(long size, FileTime modified, FileTime changed, Object inode, FileTime copyChanged, Object copyInode,
                boolean settled) {}

    public CheckCopies(Path checksDir) throws IOException {
        this(checksDir, DEFAULT_IDLE, SETTLED);
    }

    CheckCopies(Path checksDir, int maxIdle, Duration settled) throws IOException {
        this.maxIdle = maxIdle;
        this.settled = settled;
        Files.createDirectories(checksDir);
        removeLeftovers(checksDir);
        this.root = Files.createDirectories(checksDir.resolve(Long.toString(ProcessHandle.current().pid())));
    }

    /** Copies of managers that are gone (killed while their checks ran, or before they could remove them; a zombie runs nothing). */
    private static void removeLeftovers(Path checksDir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(checksDir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean gone = !name.chars().allMatch(Character::isDigit) || name.length() > 18
                        || ProcessHandle.of(Long.parseLong(name)).map(dev.harness.protocol.process.ProcessTree::isGone).orElse(true);
                if (gone) {
                    remove(entry);
                }
            }
        } catch (IOException e) {
            Log.warn("cannot list the checks' copies in " + checksDir + ": " + e.getMessage());
        }
    }

    /** An idle copy of {@code workdir} (a real path), or a new empty one. */
    synchronized Copy take(Path workdir) {
        ArrayDeque<Copy> kept = idle.get(workdir);
        if (kept != null && !kept.isEmpty()) {
            Copy copy = kept.pollLast(); // the most recent: its files are the likeliest to be current
            byAge.remove(copy);
            return copy;
        }
        return new Copy(workdir, root.resolve(Integer.toString(made++)));
    }

    /** A copy whose checks are done, kept for the next attempt in its work directory (the eldest beyond the bound goes). */
    void giveBack(Copy copy) {
        Copy evicted = null;
        synchronized (this) {
            if (closed) {
                evicted = copy;
            } else {
                idle.computeIfAbsent(copy.workdir, w -> new ArrayDeque<>()).addLast(copy);
                byAge.addLast(copy);
                if (byAge.size() > maxIdle) {
                    evicted = byAge.pollFirst();
                    idle.get(evicted.workdir).remove(evicted);
                }
            }
        }
        if (evicted != null) {
            remove(evicted.dir);
        }
    }

    /** Whether a kept file can stay as it is: settled when copied and neither side changed since. */
    boolean unchanged(Kept kept, Map<String, Object> person, Path copied) {
        if (kept == null || !kept.settled() || !person.get("size").equals(kept.size())
                || !person.get("lastModifiedTime").equals(kept.modified()) || !person.get("ctime").equals(kept.changed())
                || !person.get("ino").equals(kept.inode())) {
            return false;
        }
        try {
            Map<String, Object> copy = Files.readAttributes(copied, "unix:ino,ctime,isRegularFile", LinkOption.NOFOLLOW_LINKS);
            return Boolean.TRUE.equals(copy.get("isRegularFile")) && copy.get("ino").equals(kept.copyInode())
                    && copy.get("ctime").equals(kept.copyChanged());
        } catch (IOException gone) {
            return false; // a check removed it: copied again
        }
    }

    /** What to remember of a file just copied from {@code person} (attributes read before the copy) to {@code copied}. */
    Kept kept(Map<String, Object> person, Path copied, Instant began) throws IOException {
        Map<String, Object> copy = Files.readAttributes(copied, "unix:ino,ctime", LinkOption.NOFOLLOW_LINKS);
        FileTime changed = (FileTime) person.get("ctime");
        FileTime modified = (FileTime) person.get("lastModifiedTime");
        Instant still = began.minus(settled);
        return new Kept((Long) person.get("size"), modified, changed, person.get("ino"), (FileTime) copy.get("ctime"),
                copy.get("ino"), changed.toInstant().isBefore(still) && modified.toInstant().isBefore(still));
    }

    /** The person's file's attributes that {@link #unchanged} compares, read without following a link. */
    static Map<String, Object> attributes(Path file) throws IOException {
        return Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino,isRegularFile", LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Removes from the copy whatever is not in the work directory now ({@code kept}: the relative
     * paths of its files and directories): what the checks wrote. Links are removed, never followed.
     */
    static void removeOthers(Path tree, Set<String> kept) throws IOException {
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(tree) && !kept.contains(tree.relativize(dir).toString())) {
                    CheckTree.deleteTree(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!kept.contains(tree.relativize(file).toString())) {
                    Files.delete(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Makes {@code to} a directory of the copy's own: whatever else a check left there (a link, a file) goes first. */
    static void ownDirectory(Path to) throws IOException {
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(to);
        }
        Files.createDirectories(to);
    }

    /** Makes room for a file of the copy at {@code to}: whatever a check left there goes, never followed. */
    static void clear(Path to) throws IOException {
        if (Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
            CheckTree.deleteTree(to);
        } else {
            Files.deleteIfExists(to);
        }
    }

    static void remove(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            CheckTree.deleteTree(dir);
        } catch (IOException e) {
            Log.warn("the checks' copy " + dir + " could not be removed: " + e.getMessage());
        }
    }

    /** Removes the idle copies and this manager's directory of them (a copy still in use is removed when given back). */
    @Override
    public void close() {
        java.util.List<Copy> all;
        synchronized (this) {
            closed = true;
            all = new java.util.ArrayList<>(byAge);
            byAge.clear();
            idle.clear();
        }
        for (Copy copy : all) {
            remove(copy.dir);
        }
        try (DirectoryStream<Path> left = Files.newDirectoryStream(root)) {
            Iterator<Path> any = left.iterator();
            if (!any.hasNext()) {
                Files.delete(root);
            }
        } catch (IOException e) {
            Log.warn("the checks' copies in " + root + " could not be removed: " + e.getMessage());
        }
    }
}
