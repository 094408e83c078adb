package dev.harness.worker.attempt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Where a task's scope really is: the path resolved one component at a time the way the kernel
 * would, following every symbolic link, dangling ones included ({@code toRealPath} only resolves
 * what exists, so a link to a file not yet created outside the workspace looked like it stayed
 * inside). Checked at spawn and again right before every attempt, since a link can be created or
 * a directory swapped for one in between.
 */
public final class ScopeResolution {
    /** Links followed before a path counts as a loop (Linux's own limit). */
    private static final int MAX_LINKS = 40;

    /** A scope and the place it resolves to; {@code inside} says whether that is still under the root. */
    public record Resolved(Path root, Path real, boolean inside) {
        /** The directory to work in: the scope when it is a directory, a file's directory, or the root while it does not exist. */
        Path directory() {
            if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                return real;
            }
            if (Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) && real.getParent() != null) {
                return real.getParent();
            }
            return root;
        }
    }

    private ScopeResolution() {}

    /** Resolves {@code relative} under {@code root} (itself resolved first); a link loop resolves to empty. */
    public static Optional<Resolved> resolve(Path root, String relative) throws IOException {
        Path realRoot = root.toRealPath();
        Path current = realRoot;
        Deque<String> pending = new ArrayDeque<>();
        push(pending, relative.isEmpty() ? Path.of("") : Path.of(relative));
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                current = current.getParent() == null ? current : current.getParent();
                continue;
            }
            Path next = current.resolve(name);
            if (Files.isSymbolicLink(next)) {
                if (++links > MAX_LINKS) {
                    return Optional.empty();
                }
                Path target = Files.readSymbolicLink(next);
                push(pending, target);
                current = target.isAbsolute() ? target.getRoot() : current;
                continue;
            }
            current = next;
        }
        Path real = current.normalize();
        return Optional.of(new Resolved(realRoot, real, real.startsWith(realRoot)));
    }

    private static void push(Deque<String> pending, Path path) {
        for (int i = path.getNameCount() - 1; i >= 0; i--) {
            pending.push(path.getName(i).toString());
        }
    }
}
