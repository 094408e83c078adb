package dev.harness.planning;

import java.nio.file.Path;
import java.util.List;

/**
 * What a bounded walk of a workspace saw: relative directory and file paths (with /, in
 * breadth-first, name-sorted order) and whether a limit cut it short: {@code truncated} by any
 * limit but depth, {@code timeLimited} when it was the scan's time budget.
 */
public record WorkspaceScan(Path root, List<String> directories, List<String> files, boolean truncated,
                            boolean depthLimited, boolean timeLimited, int ignored, long elapsedNanos) {
    public WorkspaceScan {
        directories = List.copyOf(directories);
        files = List.copyOf(files);
    }

    public boolean isEmpty() {
        return directories.isEmpty() && files.isEmpty();
    }
}
