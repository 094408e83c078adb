package dev.harness.worker.checkout;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lends a throwaway checkout the person's installed {@code node_modules} so that nothing a test
 * writes there reaches theirs (a loader's cache such as esm's {@code node_modules/.cache/esm},
 * vitest's {@code node_modules/.vite}, a test writing a fixture under a package):
 * <ul>
 * <li>every directory is a real directory of the copy and every file a hard link to the person's:
 * no byte is copied, and Node's real path of a module stays inside the copy, so a tool that looks
 * for "its" {@code node_modules} finds the copy's and creates its files there;</li>
 * <li>tool state kept directly in a {@code node_modules} (its dot-entries: {@code .cache},
 * {@code .vite}, {@code .package-lock.json} …, except the {@code .bin} links and pnpm's
 * {@code .pnpm} store) is copied, because a tool rewrites those files in place and a hard link
 * would carry the write back;</li>
 * <li>links are copied as links, so a workspace package's {@code ../packages/core} and
 * {@code .bin}'s relative links resolve into the copy.</li>
 * </ul>
 * A hard link shares the file, so a test that rewrote an installed package's own file in place
 * would still change the person's; nothing a tool does by creating, renaming or deleting files
 * does. Where hard links cannot be made (the state dir on another filesystem than the work
 * directory), each package is a symbolic link to the person's, as before, and the loan says that
 * writes there reach the person's.
 */
public final class DependencyLoan {
    /** How the copy got the directory; {@code note} says what it means for the person when writes can reach theirs. */
    public record Lent(Path path, boolean hardLinked, int files, String note) {}

    /** Dot-entries of a node_modules that are the package manager's layout, not tool state. */
    private static final Set<String> LAYOUT = Set.of(".bin", ".pnpm", ".modules.yaml");

    private DependencyLoan() {}

    /** Lends {@code from} (an installed node_modules) at {@code to}, which must not exist. */
    public static Lent lendNodeModules(Path from, Path to) throws IOException {
        int[] files = {0};
        try {
            hardLinkTree(from, to, files);
            return new Lent(to, true, files[0], null);
        } catch (FileSystemException e) {
            // another filesystem (EXDEV), or a file the kernel will not link (protected_hardlinks)
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                giveBack(to);
            }
            Files.createDirectory(to);
            lendPackages(from, to, true);
            return new Lent(to, false, 0, from + " is lent package by package (no hard link could be made: "
                    + (e.getReason() == null ? e.getMessage() : e.getReason()) + "), so what a test writes under node_modules reaches yours");
        }
    }

    private static void hardLinkTree(Path from, Path to, int[] files) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            /** Set while inside tool state that is copied, not linked. */
            private Path copying;

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectory(to.resolve(from.relativize(dir).toString()));
                if (copying == null && isToolState(dir)) {
                    copying = dir;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.copy(file, target, LinkOption.NOFOLLOW_LINKS); // the link itself, relative ones now lead into the copy
                } else if (attrs.isRegularFile()) {
                    if (copying != null || isToolState(file)) {
                        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    } else {
                        Files.createLink(target, file);
                        files[0]++;
                    }
                }
                return FileVisitResult.CONTINUE; // a socket or a fifo is nobody's dependency
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                if (dir.equals(copying)) {
                    copying = null;
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A dot-entry directly in a node_modules that a tool keeps its state in. */
    static boolean isToolState(Path entry) {
        String name = entry.getFileName().toString();
        Path parent = entry.getParent();
        return name.startsWith(".") && !LAYOUT.contains(name) && parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals("node_modules");
    }

    /**
     * The fallback (and what was lent before the tree of hard links; bench/NodeModulesLoanBench's
     * baseline): {@code to}, which must exist, gets a link to each package; a package that is itself
     * a link (an npm workspace's {@code ../packages/core}) is copied as that link, so it resolves to
     * the copy's code.
     */
    public static void lendPackages(Path from, Path to) throws IOException {
        lendPackages(from, to, true);
    }

    private static void lendPackages(Path from, Path to, boolean scopes) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(from)) {
            entries = list.toList();
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            Path target = to.resolve(name);
            if (Files.isSymbolicLink(entry)) {
                Files.copy(entry, target, LinkOption.NOFOLLOW_LINKS);
            } else if (scopes && name.startsWith("@") && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(target);
                lendPackages(entry, target, false);
            } else {
                Files.createSymbolicLink(target, entry);
            }
        }
    }

    /**
     * Removes what was lent: every entry is deleted, a link never followed; a hard link's
     * deletion leaves the person's file as it was.
     */
    public static void giveBack(Path lent) throws IOException {
        if (!Files.isDirectory(lent, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(lent);
            return;
        }
        CheckTree.deleteTree(lent);
    }
}
