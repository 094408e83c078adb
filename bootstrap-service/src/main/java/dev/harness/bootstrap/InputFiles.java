package dev.harness.bootstrap;

import dev.harness.protocol.json.Digest;
import dev.harness.bootstrap.workspace.ReadBoundary;
import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files a phase looked at, each with a fingerprint of what it saw: the content's sha256,
 * {@code absent} for a candidate that did not exist (so creating it later changes the inputs), or
 * size and modification time for large files and executables (hashing a 100 MB binary on every
 * call would defeat the point of a recorded result).
 */
public final class InputFiles {
    static final String ABSENT = "absent";
    private static final long HASH_LIMIT = 8L * 1024 * 1024;

    private final Map<String, String> seen = new TreeMap<>();

    /** Reads a file's bytes and records their digest. */
    public byte[] read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        seen.put(path.toString(), "sha256:" + Digest.of(bytes));
        return bytes;
    }

    /**
     * Reads a file only where the boundary allows: its real path is checked and then opened without
     * following a link, so a file swapped for a link after discovery is refused, not read.
     *
     * @throws IOException naming where the path leads when that is outside the boundary
     */
    public byte[] readInside(Path path, ReadBoundary boundary) throws IOException {
        ReadBoundary.Checked checked = boundary.check(path);
        if (checked instanceof ReadBoundary.Outside outside) {
            probe(path);
            throw new IOException("it links to " + outside.real() + ", outside " + boundary.roots().get(0));
        }
        if (checked instanceof ReadBoundary.Missing missing) {
            throw new IOException(missing.reason());
        }
        Path real = ((ReadBoundary.Inside) checked).real();
        byte[] bytes;
        try (var channel = Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             var in = java.nio.channels.Channels.newInputStream(channel)) {
            bytes = in.readAllBytes();
        }
        seen.put(path.toString(), "sha256:" + Digest.of(bytes));
        return bytes;
    }

    /** Records whether a candidate exists (and its content digest if it does) without using it. */
    public void probe(Path path) {
        seen.put(path.toString(), contentFingerprint(path));
    }

    /** Records a file by size and modification time (executables, large files). */
    public void stat(Path path) {
        seen.put(path.toString(), statFingerprint(path));
    }

    public Map<String, String> snapshot() {
        return Map.copyOf(seen);
    }

    /** True when every recorded file still looks the way it did. */
    public static boolean unchanged(Map<String, String> recorded) {
        for (Map.Entry<String, String> entry : recorded.entrySet()) {
            Path path = Path.of(entry.getKey());
            String now = entry.getValue().startsWith("stat:") ? statFingerprint(path) : contentFingerprint(path);
            if (!now.equals(entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    static String contentFingerprint(Path path) {
        try {
            if (!Files.exists(path)) {
                return ABSENT;
            }
            if (Files.isDirectory(path)) {
                return "directory";
            }
            if (Files.isSymbolicLink(path)) {
                // Where it links and how the target looks, never the target's content: it may lie outside the workspace.
                return "link:" + Digest.of(Files.readSymbolicLink(path).toString()) + ":" + statFingerprint(path);
            }
            if (Files.size(path) > HASH_LIMIT) {
                return statFingerprint(path);
            }
            return "sha256:" + Digest.of(Files.readAllBytes(path));
        } catch (IOException e) {
            return "unreadable";
        }
    }

    static String statFingerprint(Path path) {
        try {
            if (!Files.exists(path)) {
                return ABSENT;
            }
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return "stat:" + attributes.size() + ":" + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
