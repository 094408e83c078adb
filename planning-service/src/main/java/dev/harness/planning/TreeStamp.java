package dev.harness.planning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * The size and modification time of every path a scan saw (the root, each directory, each file)
 * and of the ignore file outside it: proof that a tree is as scanned, at one stat a path (issue 15).
 * An edit in place changes a file's mtime; adding, removing or renaming an entry changes its
 * directory's. A stamp whose paths were modified while the scan ran proves nothing: the scan may
 * have read a file before the edit and the stamp after it.
 */
final class TreeStamp {
    /** File systems that keep mtimes to the second or two (FAT, some network mounts) still tell a scan from an edit. */
    private static final long SETTLED_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long ABSENT = -1;

    private final Path[] paths;
    private final long[] modified;
    private final long[] sizes;
    private final boolean settled;

    private TreeStamp(Path[] paths, long[] modified, long[] sizes, boolean settled) {
        this.paths = paths;
        this.modified = modified;
        this.sizes = sizes;
        this.settled = settled;
    }

    /** The stamp of {@code scan}'s paths as they are now; {@code scanStartedNanos} is the wall clock when the scan began. */
    static TreeStamp of(Path root, WorkspaceScan scan, long scanStartedNanos) {
        int count = 2 + scan.directories().size() + scan.files().size();
        Path[] paths = new Path[count];
        paths[0] = root;
        paths[1] = root.resolve(".git").resolve("info").resolve("exclude"); // read by the scan, outside what it lists
        int i = 2;
        for (String directory : scan.directories()) {
            paths[i++] = root.resolve(directory);
        }
        for (String file : scan.files()) {
            paths[i++] = root.resolve(file);
        }
        long[] modified = new long[count];
        long[] sizes = new long[count];
        long newest = Long.MIN_VALUE;
        for (int j = 0; j < count; j++) {
            stat(paths[j], modified, sizes, j);
            newest = Math.max(newest, modified[j]);
        }
        return new TreeStamp(paths, modified, sizes, newest < scanStartedNanos - SETTLED_NANOS);
    }

    /** Whether nothing stamped was modified from shortly before the scan began until the stamp was taken. */
    boolean settled() {
        return settled;
    }

    /** Whether every stamped path still has the size and mtime it had (absent ones still absent). */
    boolean unchanged() {
        long[] modifiedNow = new long[1];
        long[] sizeNow = new long[1];
        for (int i = 0; i < paths.length; i++) {
            if (modified[i] == ABSENT) {
                // java.io's stat reports absence without an exception: NIO's would throw one on every request
                if (paths[i].toFile().exists()) {
                    return false;
                }
                continue;
            }
            stat(paths[i], modifiedNow, sizeNow, 0);
            if (modifiedNow[0] != modified[i] || sizeNow[0] != sizes[i]) {
                return false;
            }
        }
        return true;
    }

    /** How many paths the stamp covers (for the timing log and tests). */
    int size() {
        return paths.length;
    }

    private static void stat(Path path, long[] modified, long[] sizes, int at) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            modified[at] = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            sizes[at] = attributes.size();
        } catch (IOException | SecurityException e) {
            modified[at] = ABSENT; // gone or unreadable: equal only to gone or unreadable again
            sizes[at] = ABSENT;
        }
    }
}
