package dev.harness.planning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a workspace's manifests and configuration (package.json, pom.xml, pyproject.toml, …):
 * bounded in size, and only when the file's real path stays inside the workspace, so a committed
 * link to a file elsewhere is never read.
 */
public final class ManifestFile {
    static final long MAX_BYTES = 1 << 20;

    private ManifestFile() {}

    /** The file's text, or "" when it is missing, too big, unreadable or leads outside {@code workspace}. */
    public static String read(Path workspace, String relative) {
        Path file = workspace.resolve(relative);
        try {
            if (!Files.isRegularFile(file) || !inside(workspace, file) || Files.size(file) > MAX_BYTES) {
                return "";
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException | SecurityException e) {
            return "";
        }
    }

    /** Whether {@code file}'s real path (every link resolved) lies inside {@code workspace}'s. */
    public static boolean inside(Path workspace, Path file) {
        try {
            Path realRoot = workspace.toRealPath();
            Path real = file.toRealPath();
            return real.startsWith(realRoot);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
