package dev.harness.protocol.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file's content so a reader (or a crash) sees either the old or the new content, never
 * a mix: the bytes go to a temporary file beside the target, are forced to the device, and the
 * temporary file is renamed over the target; then the directory is forced so the rename itself
 * survives a power cut. Where the file system cannot rename atomically (some network and FUSE file
 * systems) the rename falls back to a plain replace — still never a half-written target.
 */
public final class AtomicFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AtomicFile() {}

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, bytes, false);
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * The same replace without forcing anything to the device: a reader, or a crash of this or any
     * process, still sees the old or the new content whole, but a power cut may bring back the old
     * content (on some file systems an empty file). For state that a later {@link #writeString}
     * of the same file supersedes whole, where a disk flush per change would cost more than the
     * change (a worker's progress between two of its state transitions).
     */
    public static void replaceString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), false, false);
    }

    /**
     * The same, the new file readable and writable by its owner only from the moment it exists (what
     * it holds may carry the person's secrets); where the file system has no POSIX permissions, as
     * {@link #writeString}.
     */
    public static void writeStringOwnerOnly(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), true);
    }

    private static void write(Path target, byte[] bytes, boolean ownerOnly) throws IOException {
        write(target, bytes, ownerOnly, true);
    }

    private static void write(Path target, byte[] bytes, boolean ownerOnly, boolean force) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!dir.toFile().isDirectory()) { // (createDirectories throws and catches inside when it exists: issue 15)
            Files.createDirectories(dir);
        }
        // unique per process and thread, hidden, in the same directory (a rename never crosses file systems)
        Path temp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + ".tmp");
        boolean moved = false;
        try {
            FileChannel opened;
            try {
                opened = open(temp, ownerOnly);
            } catch (java.nio.file.FileAlreadyExistsException leftover) {
                // a leftover of a crashed write is removed, so the permissions below are the new file's own
                Files.deleteIfExists(temp);
                opened = open(temp, ownerOnly);
            }
            try (FileChannel channel = opened) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (force) {
                    channel.force(true);
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            if (force) {
                commitDirectory(dir);
            }
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static FileChannel open(Path temp, boolean ownerOnly) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (ownerOnly) {
            try {
                return FileChannel.open(temp, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException notPosix) {
                return FileChannel.open(temp, options);
            }
        }
        return FileChannel.open(temp, options);
    }

    /**
     * Makes a rename durable; file systems (or platforms) that cannot open a directory are skipped.
     * Writers renaming into one directory at once share the force (group commit).
     */
    private static void commitDirectory(Path dir) {
        GroupCommit commit = DIRECTORIES.computeIfAbsent(dir, d -> new GroupCommit(() -> forceDirectory(d)));
        if (DIRECTORIES.size() > MAX_DIRECTORIES) {
            // a fresh GroupCommit for a directory is as correct, only not shared with the old one's writers
            DIRECTORIES.clear();
        }
        try {
            commit.commit();
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can fsync a directory; the file's own content is already forced
            return;
        }
    }

    /**
     * Forces a file's content to the device, for a file written by {@link #replaceString} (not forced) whose
     * latest version must now survive a power cut; a read-only channel can be forced.
     */
    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Forces a directory to the device, so a rename into it survives a power cut. A platform that cannot open a
     * directory is skipped (the files themselves are forced); a missing one is an error.
     */
    public static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (UnsupportedOperationException notHere) {
            // nothing more can be done here: the file's own content is already forced
        }
    }

    /** The directories written to lately, each with its group commit (bounded: a service may write into many). */
    private static final java.util.concurrent.ConcurrentHashMap<Path, GroupCommit> DIRECTORIES =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_DIRECTORIES = 256;
}
