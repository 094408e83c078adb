package dev.harness.planning;

/**
 * One package of a monorepo (an npm/pnpm/yarn workspace, a Maven module, a Gradle subproject, a
 * Cargo workspace member, a Go module), or the workspace itself ({@code directory} "") when it is
 * one project. {@code name} is what other packages and the build tool call it.
 */
public record WorkspacePackage(String directory, String name, Ecosystem ecosystem) {
    public enum Ecosystem { NPM, MAVEN, GRADLE, CARGO, GO, PYTHON, OTHER }

    public boolean isRoot() {
        return directory.isEmpty();
    }

    public boolean contains(String path) {
        return directory.isEmpty() || path.equals(directory) || path.startsWith(directory + "/");
    }

    /** {@code path} relative to this package's directory. */
    public String relative(String path) {
        return directory.isEmpty() ? path : path.equals(directory) ? "." : path.substring(directory.length() + 1);
    }

    /** The scope path a packet for this package gets. */
    public String scopePath() {
        return directory.isEmpty() ? "." : directory;
    }
}
