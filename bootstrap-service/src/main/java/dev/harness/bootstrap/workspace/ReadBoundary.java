package dev.harness.bootstrap.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the bootstrap may read: the repository (or workspace) it prepares and the user's own
 * configuration directory. A file is opened only when its real path — every symbolic link
 * resolved — stays inside one of them, whatever discovery or configuration named it: a committed
 * {@code CLAUDE.md} or {@code .mcp.json} that links to {@code ~/.ssh/id_rsa} is refused, not read.
 */
public record ReadBoundary(List<Path> roots) {
    public ReadBoundary {
        roots = List.copyOf(roots);
    }

    /** The repository (or workspace) and, when it exists, the user's config directory; each by its real path. */
    public static ReadBoundary of(Path repository, Path userConfigDir) {
        List<Path> roots = new ArrayList<>();
        roots.add(real(repository).orElse(repository.toAbsolutePath().normalize()));
        if (userConfigDir != null) {
            real(userConfigDir).ifPresent(roots::add);
        }
        return new ReadBoundary(roots);
    }

    /** What checking a path found: the real path to read, or why it may not be read. */
    public sealed interface Checked permits Inside, Outside, Missing {}

    public record Inside(Path real) implements Checked {}

    /** The path (or a link on the way) leads to {@code real}, outside every root. */
    public record Outside(Path real) implements Checked {}

    public record Missing(String reason) implements Checked {}

    public Checked check(Path path) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            return new Missing(Files.isSymbolicLink(path) ? "it is a link that leads nowhere" : "it does not exist");
        }
        for (Path root : roots) {
            if (real.startsWith(root)) {
                return new Inside(real);
            }
        }
        return new Outside(real);
    }

    /** The real path of a regular file inside the boundary, if that is what path is. */
    public Optional<Path> regularFile(Path path) {
        return check(path) instanceof Inside inside && Files.isRegularFile(inside.real()) ? Optional.of(inside.real())
                : Optional.empty();
    }

    private static Optional<Path> real(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
