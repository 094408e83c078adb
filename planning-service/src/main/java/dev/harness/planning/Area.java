package dev.harness.planning;

import java.util.List;

/** A part of the workspace an objective is about: a real relative path, and the tests that cover it. */
public record Area(String path, boolean directory, int score, List<String> matchedTerms, List<String> testFiles) {
    public Area {
        matchedTerms = List.copyOf(matchedTerms);
        testFiles = List.copyOf(testFiles);
    }

    public String scope() {
        return directory ? "module" : "single_file";
    }
}
