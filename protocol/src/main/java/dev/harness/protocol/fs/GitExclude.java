package dev.harness.protocol.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a directory the harness writes (run logs, bootstrap state) out of the user's repository
 * through the repository's {@code info/exclude} — local to the clone, shared by its linked
 * worktrees, never the user's .gitignore. The repository is found by reading {@code .git} (a
 * directory, or a worktree's {@code gitdir:} file and its {@code commondir}) — no git process, so
 * nothing the workspace configures runs. Idempotent: a pattern is added once, and not at all when
 * a line already covers the directory (with {@code /.harness/} present, {@code /.harness/runs/x/}
 * is not added). Safe against other processes doing the same at once (a file lock).
 */
public final class GitExclude {
    public static final String COMMENT = "# harness run files (added by the harness)";
    private static final Object IN_PROCESS = new Object();

    /** What {@link #ensureExcluded} found or did: the exclude file and the line that covers the directory. */
    public record Excluded(Path excludeFile, String pattern, boolean added) {}

    /** A working tree: its top directory and the git directory whose info/exclude applies to it. */
    public record Repository(Path top, Path commonDir) {
        public Path excludeFile() {
            return commonDir.resolve("info").resolve("exclude");
        }
    }

    private GitExclude() {}

    /**
     * Ensures {@code dir} (which need not exist yet) is excluded when it lies inside a git working
     * tree; empty when it does not, or when it is the working tree's top itself.
     *
     * @throws IOException when the exclude file cannot be read or written (the caller decides whether that matters)
     */
    public static Optional<Excluded> ensureExcluded(Path dir) throws IOException {
        Path real = realPathAllowingMissing(dir);
        Optional<Repository> repository = findRepository(real);
        if (repository.isEmpty() || real.equals(repository.get().top())) {
            return Optional.empty();
        }
        Repository repo = repository.get();
        List<String> parts = new ArrayList<>();
        for (Path part : repo.top().relativize(real)) {
            parts.add(part.toString());
        }
        if (parts.contains(".git")) {
            return Optional.empty(); // git never tracks its own directory
        }
        String pattern = pattern(parts);
        Path exclude = repo.excludeFile();
        synchronized (IN_PROCESS) {
            Files.createDirectories(exclude.getParent());
            if (Files.isSymbolicLink(exclude.getParent()) || Files.isSymbolicLink(exclude)) {
                // a crafted repository could point info/exclude at a file of the user's: never write through a link
                throw new IOException(exclude + " is a symbolic link; not writing through it");
            }
            try (FileChannel channel = FileChannel.open(exclude, java.util.Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS));
                 FileLock lock = channel.lock()) {
                String existing = read(channel);
                Optional<String> covering = covering(existing, parts);
                if (covering.isPresent()) {
                    return Optional.of(new Excluded(exclude, covering.get(), false));
                }
                StringBuilder add = new StringBuilder();
                if (!existing.isEmpty() && !existing.endsWith("\n")) {
                    add.append('\n');
                }
                if (existing.lines().noneMatch(l -> l.strip().equals(COMMENT))) {
                    add.append(COMMENT).append('\n');
                }
                add.append(pattern).append('\n');
                channel.position(channel.size());
                ByteBuffer bytes = ByteBuffer.wrap(add.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                return Optional.of(new Excluded(exclude, pattern, true));
            }
        }
    }

    /** Anchored, directory-only gitignore pattern for a path below the working tree's top. */
    public static String pattern(List<String> parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            out.append('/').append(escape(part));
        }
        return out.append('/').toString();
    }

    /**
     * The existing line that already excludes the directory: an anchored literal directory pattern
     * naming it or one of its parents ({@code /a/}, {@code /a/b/}), or an unanchored literal name
     * ({@code .harness/}, {@code .harness}) matching one of its components. Patterns with wildcards
     * are not interpreted; any negation ({@code !…}) after the covering line makes it not count.
     */
    static Optional<String> covering(String excludeText, List<String> parts) {
        String found = null;
        for (String raw : excludeText.lines().toList()) {
            String line = stripTrailingUnescapedSpaces(raw);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("!")) {
                found = null; // something may be re-included after the cover: add our own line
                continue;
            }
            if (found == null && covers(line, parts)) {
                found = line;
            }
        }
        return Optional.ofNullable(found);
    }

    private static boolean covers(String line, List<String> parts) {
        String body = line.endsWith("/") ? line.substring(0, line.length() - 1) : line;
        if (body.isEmpty() || hasWildcard(body)) {
            return false;
        }
        boolean anchored = body.startsWith("/") || body.substring(0, body.length() - 1).contains("/");
        String[] components = (body.startsWith("/") ? body.substring(1) : body).split("/");
        for (int i = 0; i < components.length; i++) {
            components[i] = unescape(components[i]);
        }
        if (!anchored) {
            return parts.contains(components[0]); // "name" or "name/" matches a directory of that name anywhere
        }
        if (components.length > parts.size()) {
            return false;
        }
        for (int i = 0; i < components.length; i++) {
            if (!components[i].equals(parts.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasWildcard(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                c = text.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String stripTrailingUnescapedSpaces(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t' || line.charAt(end - 1) == '\r')
                && !(end >= 2 && line.charAt(end - 2) == '\\')) {
            end--;
        }
        return line.substring(0, end);
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

    private static String read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > 16L * 1024 * 1024) {
            throw new IOException("the exclude file is larger than 16 MiB; not touching it");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        channel.position(0);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading until the whole file is in
            continue;
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    /** The real path of the nearest existing ancestor, with the missing rest appended. */
    static Path realPathAllowingMissing(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        return existing.toRealPath().resolve(existing.relativize(absolute));
    }

    /** Walks up from {@code start} to the nearest {@code .git} directory or worktree {@code .git} file. */
    public static Optional<Repository> findRepository(Path start) throws IOException {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path dotGit = dir.resolve(".git");
            if (Files.isDirectory(dotGit)) {
                return repository(dir, dotGit);
            }
            if (Files.isRegularFile(dotGit)) {
                Optional<Path> gitDir = gitDirFromFile(dotGit);
                if (gitDir.isPresent()) {
                    return repository(dir, gitDir.get());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Where {@code .git} is a file or names a {@code commondir}, only a directory git itself would
     * accept (HEAD in the git dir, objects/ in the common dir): a crafted workspace must not make
     * us create {@code info/exclude} anywhere it likes.
     */
    private static Optional<Repository> repository(Path top, Path gitDir) throws IOException {
        Path common = commonDir(gitDir);
        boolean elsewhere = !gitDir.equals(top.resolve(".git")) || !common.equals(gitDir);
        if (elsewhere && (!Files.exists(gitDir.resolve("HEAD")) || !Files.isDirectory(common.resolve("objects")))) {
            return Optional.empty(); // a plain .git directory only ever leads to a file inside the workspace
        }
        return Optional.of(new Repository(top, common));
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
