package dev.harness.orchestrator.runlog;

import dev.harness.protocol.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the run directories out of the user's repository through {@code .git/info/exclude}
 * (local to the clone, shared by its worktrees) — never by editing the user's .gitignore.
 */
public final class GitExclude {
    static final String COMMENT = "# harness run logs (added by the orchestrator)";

    private GitExclude() {}

    /** A working tree: its top directory and the git directory whose info/exclude applies to it. */
    record Repository(Path top, Path commonDir) {
        Path excludeFile() {
            return commonDir.resolve("info").resolve("exclude");
        }
    }

    /**
     * Ensures {@code dir} is excluded when it lies inside a git working tree. Returns the exclude file
     * written or already containing the pattern, empty when {@code dir} is not in a repository.
     * Failing to write is a warning: the run itself does not depend on it.
     */
    public static Optional<Path> ensureExcluded(Path dir) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        Optional<Repository> repository = findRepository(real);
        if (repository.isEmpty()) {
            return Optional.empty();
        }
        Repository repo = repository.get();
        if (real.equals(repo.top())) {
            return Optional.empty(); // the state dir is the whole working tree: nothing sensible to exclude
        }
        String pattern = pattern(repo.top().relativize(real));
        Path exclude = repo.excludeFile();
        try {
            appendIfMissing(exclude, pattern);
            return Optional.of(exclude);
        } catch (IOException e) {
            Log.warn("could not add " + pattern + " to " + exclude + " (" + e.getMessage()
                    + "); the run directory may show up as untracked files");
            return Optional.empty();
        }
    }

    /** Anchored, directory-only gitignore pattern for a path relative to the working tree's top. */
    static String pattern(Path relative) {
        StringBuilder out = new StringBuilder();
        for (Path part : relative) {
            out.append('/').append(escape(part.toString()));
        }
        return out.append('/').toString();
    }

    /** Escapes gitignore's special characters so the directory name is matched literally. */
    static String escape(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\' || (i == 0 && (c == '#' || c == '!'))) {
                out.append('\\');
            }
            out.append(c);
        }
        // trailing spaces are stripped by git unless escaped
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        if (end < out.length()) {
            String spaces = out.substring(end);
            out.setLength(end);
            out.append(spaces.replace(" ", "\\ "));
        }
        return out.toString();
    }

    private static synchronized void appendIfMissing(Path exclude, String pattern) throws IOException {
        Files.createDirectories(exclude.getParent());
        String existing = Files.exists(exclude) ? Files.readString(exclude, StandardCharsets.UTF_8) : "";
        List<String> lines = existing.lines().map(String::strip).toList();
        if (lines.contains(pattern)) {
            return;
        }
        StringBuilder add = new StringBuilder();
        if (!existing.isEmpty() && !existing.endsWith("\n")) {
            add.append('\n');
        }
        if (!lines.contains(COMMENT)) {
            add.append(COMMENT).append('\n');
        }
        add.append(pattern).append('\n');
        Files.writeString(exclude, add.toString(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Walks up from {@code start} to the nearest {@code .git} directory or worktree {@code .git} file. */
    static Optional<Repository> findRepository(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path dotGit = dir.resolve(".git");
            try {
                if (Files.isDirectory(dotGit)) {
                    return Optional.of(new Repository(dir, commonDir(dotGit)));
                }
                if (Files.isRegularFile(dotGit)) {
                    Optional<Path> gitDir = gitDirFromFile(dotGit);
                    if (gitDir.isPresent()) {
                        return Optional.of(new Repository(dir, commonDir(gitDir.get())));
                    }
                }
            } catch (IOException e) {
                Log.warn("could not read " + dotGit + ": " + e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A linked worktree's git dir names the shared repository in its {@code commondir} file. */
    private static Path commonDir(Path gitDir) throws IOException {
        Path commondir = gitDir.resolve("commondir");
        if (Files.isRegularFile(commondir)) {
            String text = Files.readString(commondir, StandardCharsets.UTF_8).strip();
            if (!text.isEmpty()) {
                return gitDir.resolve(text).normalize();
            }
        }
        return gitDir;
    }

    /** A {@code .git} file (worktree or submodule) reads {@code gitdir: <path>}. */
    private static Optional<Path> gitDirFromFile(Path dotGitFile) throws IOException {
        String text = Files.readString(dotGitFile, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("gitdir:")) {
            return Optional.empty();
        }
        Path target = dotGitFile.getParent().resolve(text.substring("gitdir:".length()).strip()).normalize();
        return Files.isDirectory(target) ? Optional.of(target) : Optional.empty();
    }
}
