package dev.harness.planning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scanned paths by the stems of their names, built once per scan (and cached with it), so
 * matching an objective looks up a few stems instead of walking 50,000 names per request.
 */
public final class NameIndex {
    private final Map<String, List<String>> pathsByStem = new HashMap<>();
    private final Map<String, List<String>> stemsByName = new HashMap<>(); // big trees repeat names (index.js, pkg_1)
    private final Set<String> directories;
    private final List<String> testFiles = new ArrayList<>();
    private NameIndex(WorkspaceScan scan) {
        directories = new HashSet<>(scan.directories());
        for (List<String> paths : List.of(scan.directories(), scan.files())) {
            for (String path : paths) {
                if (TestPaths.isTestPath(path)) {
                    if (!directories.contains(path)) {
                        testFiles.add(path);
                    }
                    continue;
                }
                String name = path.substring(path.lastIndexOf('/') + 1);
                List<String> stems = stemsByName.computeIfAbsent(name, ObjectiveTerms::ofName);
                if (!stems.isEmpty()) {
                    for (String stem : stems) {
                        pathsByStem.computeIfAbsent(stem, k -> new ArrayList<>()).add(path);
                    }
                }
            }
        }
    }

    public static NameIndex of(WorkspaceScan scan) {
        return new NameIndex(scan);
    }

    /** Paths (not tests) whose name has this stem, in scan order. */
    public List<String> pathsWithStem(String stem) {
        return pathsByStem.getOrDefault(stem, List.of());
    }

    public List<String> stemsOf(String path) {
        return stemsByName.getOrDefault(path.substring(path.lastIndexOf('/') + 1), List.of());
    }

    public boolean isDirectory(String path) {
        return directories.contains(path);
    }

    public List<String> testFiles() {
        return testFiles;
    }
}
