package dev.harness.worker.checkout;

import dev.harness.api.worker.ChecksPlacement;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.protocol.Log;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where an attempt's acceptance tests run: a throwaway copy of its work directory, so what the
 * project's tests write (coverage/, .nyc_output/, __pycache__/, target/, test-results/ …) never
 * lands in the person's working tree, nor in a task's commit.
 * <ul>
 * <li>In a git work tree: a detached {@code git worktree} of HEAD, with the uncommitted changes
 * carried over as {@code git stash create} gives them (a commit made without touching the tree,
 * the index or any ref), the untracked files that are not ignored copied, small ignored files
 * (a {@code .env}) copied, {@code node_modules} lent as a tree of hard links whose writes stay
 * in the copy ({@link DependencyLoan}), and {@code .venv} and populated submodules linked, never copied.</li>
 * <li>In a directory that is not a git work tree: a plain copy when it is small enough
 * ({@link Limits}), dependency directories linked the same way.</li>
 * <li>Otherwise the tests run in place and the placement says why.</li>
 * </ul>
 * The copy lives under the attempt's directory in the worker manager's state and is removed when
 * the tests are done ({@link #close}); links are removed first, so nothing they lead to is touched.
 */
public final class CheckTree implements AutoCloseable {
    /** Installed dependencies the tests need and git does not carry: linked from the work directory, never copied. */
    public static final Set<String> PREPARED_DIRECTORIES = Set.of("node_modules", ".venv", "venv");

    /**
     * How much is copied: a directory that is not a git work tree is copied only up to
     * {@code maxFiles}/{@code maxBytes}; in a git work tree, untracked files are carried up to the
     * same bounds and ignored files only when each is at most {@code maxIgnoredFileBytes}.
     */
    public record Limits(int maxFiles, long maxBytes, long maxIgnoredFileBytes) {
        public static final Limits DEFAULT = new Limits(20_000, 256L << 20, 1L << 20);
    }

    /** Ends every in-place reason: what it means for the person. */
    static final String IN_YOUR_DIRECTORY = ": the checks run in your directory and may leave files there";

    private final Git git;
    private final ChecksPlacement placement;
    private final Path workdir;
    private final Path directory;
    private final String reason;
    private final int carried;
    private final List<Path> links;
    private final Path scratch;
    private final Path gitTop;
    private final long durationMs;
    /** A kept copy ({@link CheckCopies}): given back on close instead of removed; null otherwise. */
    private Runnable giveBack;

    private CheckTree(Git git, ChecksPlacement placement, Path workdir, Path directory, String reason, int carried,
                      List<Path> links, Path scratch, Path gitTop, long durationMs) {
        this.git = git;
        this.placement = placement;
        this.workdir = workdir;
        this.directory = directory;
        this.reason = reason;
        this.carried = carried;
        this.links = List.copyOf(links);
        this.scratch = scratch;
        this.gitTop = gitTop;
        this.durationMs = durationMs;
    }

    /** The tests run here. */
    public Path directory() {
        return directory;
    }

    /**
     * Where Python is to write the checks' bytecode (PYTHONPYCACHEPREFIX), beside the copy and removed
     * with it, or empty in place. Python writes it beside each module it imports, and a lent {@code .venv}
     * (or an editable install of the person's source) would otherwise get it in the person's tree.
     */
    public Optional<Path> bytecodeDirectory() {
        return scratch == null ? Optional.empty() : Optional.of(scratch.resolveSibling(scratch.getFileName() + "-pycache"));
    }

    public ChecksPlacement placement() {
        return placement;
    }

    /** The event that says where the tests run. */
    public WorkerEventPayload.ChecksPlaced event() {
        List<String> linked = links.stream().map(l -> scratch == null ? l.toString() : directory.relativize(l).toString()).toList();
        return new WorkerEventPayload.ChecksPlaced(placement, workdir.toString(), directory.toString(), reason,
                placement == ChecksPlacement.IN_PLACE ? null : carried, linked.isEmpty() ? null : linked, durationMs);
    }

    /** The tests run in {@code workdir} itself, for {@code reason}. */
    public static CheckTree inPlace(Path workdir, String reason) {
        return new CheckTree(null, ChecksPlacement.IN_PLACE, workdir, workdir, reason, 0, List.of(), null, null, 0);
    }

    /**
     * A copy of {@code workdir} under {@code scratch} (which must not exist yet; it is removed on
     * close), or in place with the reason when none can be made.
     */
    public static CheckTree open(Git git, Path workdir, Path scratch, Limits limits) {
        return open(git, workdir, scratch, limits, null);
    }

    /**
     * As {@link #open(Git, Path, Path, Limits)}; a directory that is not a git work tree is copied
     * into one of {@code copies}' kept copies (brought up to date) when it has no dependency
     * directory to lend, and in {@code scratch} otherwise.
     */
    public static CheckTree open(Git git, Path workdir, Path scratch, Limits limits, CheckCopies copies) {
        Instant began = Instant.now();
        if (Files.exists(scratch, LinkOption.NOFOLLOW_LINKS)) {
            remove(git, null, scratch, List.of()); // left by a worker manager killed while its tests ran
        }
        Path real;
        try {
            real = workdir.toRealPath();
        } catch (IOException e) {
            return inPlace(workdir, "the work directory cannot be resolved (" + e.getMessage() + ")" + IN_YOUR_DIRECTORY);
        }
        Optional<Path> top = git.topLevel(real);
        if (top.isPresent() && git.run(top.get(), "rev-parse", "--verify", "--quiet", "HEAD").ok()) {
            try {
                return gitCheckout(git, real, top.get().toRealPath(), scratch, limits, began);
            } catch (IOException e) {
                return inPlace(workdir, "no throwaway checkout could be made (" + e.getMessage() + ")" + IN_YOUR_DIRECTORY);
            }
        }
        String why = top.isPresent() ? "the git repository has no commit yet" : "not a git work tree";
        if (copies != null) {
            CheckCopies.Copy kept = copies.take(real);
            try {
                CheckTree tree = plainCopy(git, real, kept.dir, limits, began, why, copies, kept);
                if (tree.placement == ChecksPlacement.COPY) {
                    tree.giveBack = () -> copies.giveBack(kept);
                }
                return tree; // in place: the copy was removed with the reason
            } catch (NotKept notKept) {
                remove(git, null, kept.dir, List.of());
            }
        }
        return plainCopy(git, real, scratch, limits, began, why);
    }

    /**
     * The kept copy is not used: the work directory has a dependency directory to lend, or the copy
     * could not be brought up to date. A copy is made afresh and removed after.
     */
    private static final class NotKept extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private static CheckTree gitCheckout(Git git, Path workdir, Path top, Path scratch, Limits limits, Instant began)
            throws IOException {
        // the uncommitted changes as a commit: stash create writes only objects, never the tree, the index or a ref
        Git.Output stash = stashCreate(git, top);
        if (!stash.ok()) {
            throw new IOException("git stash create failed (exit " + stash.exitCode() + ")"
                    + (stash.text().isBlank() ? ": another git process (an editor, a git command) may hold the index lock"
                            : ": " + stash.text()));
        }
        Git.Output untracked = quiet(git, top, "ls-files", "-z", "--others", "--exclude-standard");
        Git.Output ignored = quiet(git, top, "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory");
        if (!untracked.ok() || !ignored.ok()) {
            throw new IOException("git could not list the untracked files: " + (untracked.ok() ? ignored.text() : untracked.text()));
        }
        Files.createDirectories(scratch.getParent());
        Path tree = scratch;
        List<Path> links = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean done = false;
        try {
            Git.Output add = quiet(git, top, "worktree", "add", "--detach", "--quiet", tree.toString(), "HEAD");
            if (!add.ok()) {
                throw new IOException("git worktree add failed: " + add.text());
            }
            String changes = stash.text().strip();
            if (!changes.isEmpty()) {
                Git.Output apply = quiet(git, tree, "stash", "apply", "--index", "--quiet", changes);
                if (!apply.ok()) {
                    // the staged state could not be restored apart: the files as they are still are
                    quiet(git, tree, "reset", "-q", "--hard", "HEAD");
                    apply = quiet(git, tree, "stash", "apply", "--quiet", changes);
                }
                if (!apply.ok()) {
                    throw new IOException("the uncommitted changes could not be carried over: " + apply.text());
                }
            }
            int carried = 0;
            long bytes = 0;
            for (String path : names(untracked.text())) {
                Path from = top.resolve(path);
                if (carried >= limits.maxFiles() || bytes > limits.maxBytes()) {
                    throw new IOException("more than " + limits.maxFiles() + " untracked files or " + (limits.maxBytes() >> 20)
                            + " MiB of them to carry over");
                }
                bytes += copy(from, tree.resolve(path));
                carried++;
            }
            for (String path : names(ignored.text())) {
                Path from = top.resolve(path);
                Path to = tree.resolve(path);
                boolean dir = path.endsWith("/");
                String name = from.getFileName() == null ? "" : from.getFileName().toString();
                if (dir && PREPARED_DIRECTORIES.contains(name) && Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)
                        && !Files.exists(to, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(to.getParent())) {
                    links.add(borrow(from, to, notes));
                } else if (!dir && Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)
                        && Files.size(from) <= limits.maxIgnoredFileBytes() && Files.isDirectory(to.getParent())
                        && bytes + Files.size(from) <= limits.maxBytes()) {
                    bytes += copy(from, to); // a .env or a local config the tests read
                    carried++;
                }
            }
            // submodules are not checked out in a new worktree: the person's, where populated, are linked
            Git.Output staged = quiet(git, top, "ls-files", "-z", "--stage");
            for (String entry : staged.ok() ? names(staged.text()) : List.<String>of()) {
                int tab = entry.indexOf('\t');
                if (entry.startsWith("160000 ") && tab > 0) {
                    String path = entry.substring(tab + 1);
                    Path from = top.resolve(path);
                    Path to = tree.resolve(path);
                    if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS) && isEmptyDirectory(to)) {
                        Files.delete(to);
                        links.add(Files.createSymbolicLink(to, from));
                    }
                }
            }
            Path inside = tree.resolve(top.relativize(workdir).toString());
            if (!Files.isDirectory(inside, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("the work directory " + top.relativize(workdir) + " is not in the checkout");
            }
            done = true;
            return new CheckTree(git, ChecksPlacement.GIT_CHECKOUT, workdir, inside, joined(notes), carried, links, scratch, top,
                    Duration.between(began, Instant.now()).toMillis());
        } finally {
            if (!done) {
                remove(git, top, scratch, links);
            }
        }
    }

    private static CheckTree plainCopy(Git git, Path workdir, Path scratch, Limits limits, Instant began, String why) {
        try {
            return plainCopy(git, workdir, scratch, limits, began, why, null, null);
        } catch (NotKept never) {
            throw new IllegalStateException("a fresh copy is never kept", never);
        }
    }

    /** {@code kept}: a kept copy to bring up to date in {@code scratch} (its files that are current stay), or null. */
    private static CheckTree plainCopy(Git git, Path workdir, Path scratch, Limits limits, Instant began, String why,
                                       CheckCopies copies, CheckCopies.Copy kept) throws NotKept {
        Set<String> present = kept == null ? null : new java.util.HashSet<>();
        List<Path> links = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int[] files = {0};
        long[] bytes = {0};
        try {
            Files.createDirectories(scratch.getParent());
            Path tree = scratch;
            Files.walkFileTree(workdir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path to = tree.resolve(workdir.relativize(dir).toString());
                    if (!dir.equals(workdir) && (scratch.startsWith(dir) || dir.startsWith(scratch)
                            || dir.getFileName().toString().equals(".harness"))) {
                        return FileVisitResult.SKIP_SUBTREE; // the harness's own files, this copy among them
                    }
                    if (!dir.equals(workdir) && PREPARED_DIRECTORIES.contains(dir.getFileName().toString())) {
                        if (kept != null) {
                            throw new NotKept();
                        }
                        links.add(borrow(dir, to, notes));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (kept != null) {
                        CheckCopies.ownDirectory(to);
                        present.add(workdir.relativize(dir).toString());
                    } else {
                        Files.createDirectories(to);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (++files[0] > limits.maxFiles() || bytes[0] > limits.maxBytes()) {
                        throw new TooBig();
                    }
                    String relative = workdir.relativize(file).toString();
                    Path to = tree.resolve(relative);
                    if (kept == null) {
                        bytes[0] += copy(file, to);
                        return FileVisitResult.CONTINUE;
                    }
                    present.add(relative);
                    if (!attrs.isRegularFile()) {
                        CheckCopies.clear(to);
                        bytes[0] += copy(file, to); // a link: made again, as it is now
                        kept.files.remove(relative);
                        return FileVisitResult.CONTINUE;
                    }
                    java.util.Map<String, Object> person = CheckCopies.attributes(file);
                    if (!copies.unchanged(kept.files.get(relative), person, to)) {
                        CheckCopies.clear(to);
                        copy(file, to);
                        kept.files.put(relative, copies.kept(person, to, began));
                    }
                    bytes[0] += (Long) person.get("size");
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    throw e;
                }
            });
            if (kept != null) {
                CheckCopies.removeOthers(tree, present); // what the last checks wrote, and files the person removed
                kept.files.keySet().retainAll(present);
            }
            return new CheckTree(git, ChecksPlacement.COPY, workdir, tree, notes.isEmpty() ? why : why + "; " + joined(notes),
                    files[0], links, scratch, null,
                    Duration.between(began, Instant.now()).toMillis());
        } catch (NotKept e) {
            throw e;
        } catch (TooBig e) {
            remove(git, null, scratch, links);
            return inPlace(workdir, why + " and larger than " + limits.maxFiles() + " files or " + (limits.maxBytes() >> 20)
                    + " MiB, so it is not copied" + IN_YOUR_DIRECTORY);
        } catch (IOException | RuntimeException e) {
            remove(git, null, scratch, links);
            if (kept != null) { // what the last checks left got in the way (a directory without rights): a fresh copy
                Log.warn("the kept copy " + scratch + " could not be brought up to date (" + e.getMessage() + "); copying afresh");
                throw new NotKept();
            }
            return inPlace(workdir, why + " and it could not be copied (" + e.getMessage() + ")" + IN_YOUR_DIRECTORY);
        }
    }

    /** Thrown out of the walk when the directory is too big to copy. */
    private static final class TooBig extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /**
     * git for the copy's bookkeeping, with the repository's hooks and fsmonitor off: a
     * post-checkout hook is not the harness's to run. Its filters stay on (an LFS or git-crypt
     * checkout needs them to give the files the tests read).
     */
    /**
     * stash create refreshes the index and, when another git process holds index.lock at that
     * moment, fails without a word (exit 1). A person's editor or shell prompt runs git often, so
     * it is tried a few times, briefly, before the checks fall back to running in place.
     */
    private static Git.Output stashCreate(Git git, Path top) {
        Git.Output stash = null;
        for (int attempt = 0; attempt < STASH_TRIES; attempt++) {
            stash = quiet(git, top, "-c", "user.name=harness", "-c", "user.email=harness@localhost", "stash", "create");
            if (stash.ok() || !stash.text().isBlank() || attempt == STASH_TRIES - 1) {
                return stash;
            }
            try {
                Thread.sleep(100L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return stash;
            }
        }
        return stash;
    }

    private static final int STASH_TRIES = 5;

    private static Git.Output quiet(Git git, Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of("-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false"));
        all.addAll(List.of(args));
        return git.run(dir, all.toArray(String[]::new));
    }

    private static List<String> names(String nulSeparated) {
        List<String> names = new ArrayList<>();
        for (String name : nulSeparated.split("\0")) {
            if (!name.isBlank()) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Lends the copy an installed dependency directory: a link to it, except node_modules, which
     * gets a tree of its own ({@link DependencyLoan}) so that what the tests write there stays in
     * the copy. Returns what was made; a note on what reaches the person's goes to {@code notes}.
     */
    private static Path borrow(Path from, Path to, List<String> notes) throws IOException {
        if (!from.getFileName().toString().equals("node_modules")) {
            return Files.createSymbolicLink(to, from);
        }
        DependencyLoan.Lent lent = DependencyLoan.lendNodeModules(from, to);
        if (lent.note() != null) {
            notes.add(lent.note());
        }
        return to;
    }

    private static String joined(List<String> notes) {
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Copies one file (a link as a link, never followed); returns its size. */
    private static long copy(Path from, Path to) throws IOException {
        if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            return 0; // an untracked nested repository (listed as dir/): not the harness's to copy
        }
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        return Files.isSymbolicLink(from) ? 0 : Files.size(from);
    }

    /** Removes the copy: links first (never followed), then git's record of the checkout, then every file left. */
    @Override
    public void close() {
        if (scratch != null) {
            if (giveBack == null) {
                remove(git, gitTop, scratch, links);
            }
            Path bytecode = bytecodeDirectory().orElseThrow();
            if (Files.exists(bytecode, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    deleteTree(bytecode);
                } catch (IOException e) {
                    Log.warn("the checks' bytecode " + bytecode + " could not be removed: " + e.getMessage());
                }
            }
            if (giveBack != null) {
                giveBack.run();
                giveBack = null;
            }
        }
    }

    /** Deletes a directory and everything in it; a link is deleted, never followed. */
    static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void remove(Git git, Path top, Path scratch, List<Path> links) {
        for (Path link : links) {
            try {
                DependencyLoan.giveBack(link); // a lent node_modules: each link goes, never what it leads to
            } catch (IOException e) {
                Log.warn("the link " + link + " could not be removed: " + e.getMessage());
            }
        }
        boolean registered = top != null && Files.exists(scratch.resolve(".git"), LinkOption.NOFOLLOW_LINKS);
        Git.Output removed = registered ? quiet(git, top, "worktree", "remove", "--force", "--force", scratch.toString()) : null;
        if (Files.exists(scratch, LinkOption.NOFOLLOW_LINKS)) {
            try {
                deleteTree(scratch);
            } catch (IOException e) {
                Log.warn("the checks' copy " + scratch + " could not be removed: " + e.getMessage());
            }
        }
        if (removed != null && !removed.ok()) {
            quiet(git, top, "worktree", "prune"); // the directory is gone: git forgets it
        }
    }
}
