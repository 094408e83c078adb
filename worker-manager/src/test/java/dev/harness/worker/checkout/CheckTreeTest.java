package dev.harness.worker.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.api.worker.ChecksPlacement;
import dev.harness.worker.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy an attempt's checks run in: the person's uncommitted, staged, deleted and untracked
 * work is all there, dependency directories are borrowed through links, what the checks write
 * stays in the copy, and afterwards the person's repository and tree are exactly as they were.
 */
class CheckTreeTest {
    @TempDir
    Path tmp;

    Path repo;
    Git git;

    @BeforeEach
    void repository() throws Exception {
        repo = Files.createDirectories(tmp.resolve("repo"));
        git = new Git(Fixtures.env(tmp.resolve("home")));
        Fixtures.git(repo, "init", "-q", "-b", "main");
        Fixtures.write(repo.resolve(".gitignore"), "node_modules/\ncoverage/\n.env\n__pycache__/\n");
        Fixtures.write(repo.resolve("src/theme.js"), "export const theme = 'light';\n");
        Fixtures.write(repo.resolve("src/old.js"), "old\n");
        Fixtures.write(repo.resolve("src/staged.js"), "one\n");
        Fixtures.write(repo.resolve("packages/core/index.js"), "exports.answer = 42;\n");
        Fixtures.git(repo, "add", "-A");
        Fixtures.git(repo, "commit", "-q", "-m", "initial");
        // the person's work in progress, none of it committed
        Fixtures.write(repo.resolve("src/theme.js"), "export const theme = 'dark';\n");
        Fixtures.write(repo.resolve("src/staged.js"), "two\n");
        Fixtures.git(repo, "add", "src/staged.js");
        Files.delete(repo.resolve("src/old.js"));
        Fixtures.write(repo.resolve("src/new.test.js"), "test\n");
        Fixtures.write(repo.resolve(".env"), "MODE=dark\n");
        Fixtures.write(repo.resolve("node_modules/dep/index.js"), "module.exports = 1;\n");
        // an npm workspace's package: a relative link from node_modules into the checkout
        Files.createDirectories(repo.resolve("node_modules/@m"));
        Files.createSymbolicLink(repo.resolve("node_modules/@m/core"), Path.of("../../packages/core"));
        Fixtures.write(repo.resolve("coverage/old.txt"), "an earlier run's\n");
    }

    private String status(Path dir) throws Exception {
        return Fixtures.gitOut(dir, "status", "--porcelain", "--ignored", "--untracked-files=all");
    }

    @Test
    void theChecksSeeThePersonsUncommittedWorkAndLeaveNothingBehind() throws Exception {
        String before = status(repo);
        String worktreesBefore = Fixtures.gitOut(repo, "worktree", "list", "--porcelain");
        Path scratch = tmp.resolve("state/logs/w1/attempt-1/checkout");
        try (CheckTree checks = CheckTree.open(git, repo.resolve("src"), scratch, CheckTree.Limits.DEFAULT)) {
            assertThat(checks.placement()).isEqualTo(ChecksPlacement.GIT_CHECKOUT);
            Path copy = checks.directory();
            assertThat(copy).isEqualTo(scratch.resolve("src"));
            assertThat(Files.readString(copy.resolve("theme.js"))).contains("dark");
            assertThat(Files.readString(copy.resolve("staged.js"))).isEqualTo("two\n");
            assertThat(copy.resolve("old.js")).doesNotExist();
            assertThat(Files.readString(copy.resolve("new.test.js"))).isEqualTo("test\n");
            assertThat(Files.readString(scratch.resolve(".env"))).isEqualTo("MODE=dark\n");
            // node_modules is lent as a tree of hard links (the same file, its real path in the copy);
            // a workspace package resolves to the copy's own code
            assertThat(Files.isSymbolicLink(scratch.resolve("node_modules/dep"))).isFalse();
            assertThat(scratch.resolve("node_modules/dep/index.js").toRealPath()).startsWith(scratch.toRealPath());
            assertThat(Files.isSameFile(scratch.resolve("node_modules/dep/index.js"), repo.resolve("node_modules/dep/index.js")))
                    .isTrue();
            assertThat(scratch.resolve("node_modules/@m/core/index.js").toRealPath())
                    .isEqualTo(scratch.resolve("packages/core/index.js").toRealPath());
            assertThat(scratch.resolve("coverage")).doesNotExist(); // an ignored output directory is not carried
            // git in the copy sees the same work in progress (staged stays staged)
            assertThat(status(scratch).lines().filter(l -> !l.startsWith("!!")).sorted().toList())
                    .isEqualTo(before.lines().filter(l -> !l.startsWith("!!")).sorted().toList());
            // what a project's tests write
            Fixtures.write(copy.resolve("coverage/out.txt"), "covered\n");
            Fixtures.write(copy.resolve("__pycache__/theme.cpython-311.pyc"), "x");
            Fixtures.write(scratch.resolve("test-results/junit.xml"), "<x/>");
            assertThat(checks.event().placement()).isEqualTo(ChecksPlacement.GIT_CHECKOUT);
            assertThat(checks.event().linked()).containsExactly("../node_modules");
        }
        assertThat(scratch).doesNotExist();
        assertThat(status(repo)).isEqualTo(before);
        assertThat(Fixtures.gitOut(repo, "worktree", "list", "--porcelain")).isEqualTo(worktreesBefore);
        assertThat(Fixtures.gitOut(repo, "stash", "list")).isEmpty();
        assertThat(repo.resolve("node_modules/dep/index.js")).exists(); // the links went, never what they led to
        assertThat(repo.resolve("packages/core/index.js")).exists();
        assertThat(repo.resolve("src/coverage")).doesNotExist();
        assertThat(repo.resolve("src/__pycache__")).doesNotExist();
    }

    @Test
    void aDirectoryThatIsNoGitWorkTreeIsCopiedWhenSmallAndChecksRunInPlaceWithAReasonWhenNot() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Fixtures.write(plain.resolve("a.txt"), "a");
        Fixtures.write(plain.resolve("lib/b.txt"), "b");
        Fixtures.write(plain.resolve("node_modules/x/index.js"), "x");
        Fixtures.write(plain.resolve(".harness/runs/r1/events.jsonl"), "{}");
        Path scratch = tmp.resolve("state/copy");
        try (CheckTree checks = CheckTree.open(git, plain, scratch, CheckTree.Limits.DEFAULT)) {
            assertThat(checks.placement()).isEqualTo(ChecksPlacement.COPY);
            assertThat(checks.event().reason()).isEqualTo("not a git work tree");
            assertThat(Files.readString(checks.directory().resolve("lib/b.txt"))).isEqualTo("b");
            assertThat(Files.isSameFile(checks.directory().resolve("node_modules/x/index.js"), plain.resolve("node_modules/x/index.js")))
                    .isTrue();
            assertThat(checks.directory().resolve(".harness")).doesNotExist();
            Fixtures.write(checks.directory().resolve("coverage/out.txt"), "covered\n");
        }
        assertThat(scratch).doesNotExist();
        assertThat(files(plain)).containsExactlyInAnyOrder("a.txt", "lib/b.txt", "node_modules/x/index.js",
                ".harness/runs/r1/events.jsonl");

        try (CheckTree checks = CheckTree.open(git, plain, scratch, new CheckTree.Limits(1, 1 << 20, 1024))) {
            assertThat(checks.placement()).isEqualTo(ChecksPlacement.IN_PLACE);
            assertThat(checks.directory()).isEqualTo(plain.toRealPath());
            assertThat(checks.event().reason()).contains("not a git work tree", "larger than 1 files",
                    "the checks run in your directory");
        }
        assertThat(scratch).doesNotExist();
        assertThat(plain.resolve("node_modules/x/index.js")).exists();
    }

    @Test
    void whatTheChecksWriteUnderNodeModulesStaysInTheCopy() throws Exception {
        // tool state the person's own runs left: a loader's cache and vitest's results, rewritten in place by the tools
        Fixtures.write(repo.resolve("node_modules/.cache/esm/.data.json"), "{\"person\":1}");
        Fixtures.write(repo.resolve("node_modules/.vite/vitest/results.json"), "{\"person\":1}");
        Fixtures.write(repo.resolve("node_modules/.package-lock.json"), "{}");
        Fixtures.write(repo.resolve("node_modules/dep/package.json"), "{\"name\":\"dep\"}");
        Files.createDirectories(repo.resolve("node_modules/.bin"));
        Files.createSymbolicLink(repo.resolve("node_modules/.bin/dep"), Path.of("../dep/index.js"));
        Map<String, String> before = snapshot(repo.resolve("node_modules"));
        String status = status(repo);
        try (CheckTree checks = CheckTree.open(git, repo, tmp.resolve("state/cache"), CheckTree.Limits.DEFAULT)) {
            Path modules = checks.directory().resolve("node_modules");
            assertThat(checks.event().reason()).isNull(); // nothing of the person's is written through
            // a .bin link resolves into the copy's own packages
            assertThat(modules.resolve(".bin/dep").toRealPath()).isEqualTo(modules.resolve("dep/index.js").toRealPath());
            // what esm, vitest and a test fixture write, each the way the tool writes it
            try (var out = Files.newOutputStream(modules.resolve(".cache/esm/.data.json"))) { // truncated in place
                out.write("{\"check\":2}".getBytes());
            }
            Files.writeString(modules.resolve(".vite/vitest/results.json"), "{\"check\":2}");
            Files.writeString(modules.resolve(".package-lock.json"), "{\"check\":2}");
            Fixtures.write(modules.resolve("dep/node_modules/.cache/esm/.data.blob"), "blob");
            Fixtures.write(modules.resolve("dep/fixture.tmp"), "written by a test");
            Files.delete(modules.resolve("dep/package.json")); // an npm ci in the check starts by removing
        }
        assertThat(snapshot(repo.resolve("node_modules"))).isEqualTo(before);
        assertThat(status(repo)).isEqualTo(status);
    }

    /** Every entry under {@code dir}: its kind, size, modification time and content (a link: its target). */
    private static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    entries.put(key, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    entries.put(key, "dir " + Files.getLastModifiedTime(p));
                } else {
                    entries.put(key, "file " + Files.getLastModifiedTime(p) + " " + Files.readString(p));
                }
            }
        }
        return entries;
    }

    @Test
    void anIndexLockHeldByAnotherGitProcessIsNamedWhenNoCopyCanBeMade() throws Exception {
        // stash create fails without a word while someone else holds the index lock; the reason says so
        Path lock = repo.resolve(".git/index.lock");
        Files.writeString(lock, "");
        try (CheckTree checks = CheckTree.open(git, repo, tmp.resolve("state/locked"), CheckTree.Limits.DEFAULT)) {
            assertThat(checks.placement()).isEqualTo(ChecksPlacement.IN_PLACE);
            assertThat(checks.event().reason()).contains("git stash create failed (exit 1)",
                    "another git process (an editor, a git command) may hold the index lock", "the checks run in your directory");
        } finally {
            Files.delete(lock);
        }
        // the harness's own git takes no optional lock, so it never leaves one in the person's way either
        try (CheckTree checks = CheckTree.open(git, repo, tmp.resolve("state/free"), CheckTree.Limits.DEFAULT)) {
            assertThat(checks.placement()).as(String.valueOf(checks.event().reason())).isEqualTo(ChecksPlacement.GIT_CHECKOUT);
        }
    }

    @Test
    void aRepositoryWithoutACommitIsCopiedLikeAPlainDirectory() throws Exception {
        Path fresh = Files.createDirectories(tmp.resolve("fresh"));
        Fixtures.git(fresh, "init", "-q", "-b", "main");
        Fixtures.write(fresh.resolve("index.js"), "1");
        try (CheckTree checks = CheckTree.open(git, fresh, tmp.resolve("state/c"), CheckTree.Limits.DEFAULT)) {
            assertThat(checks.placement()).isEqualTo(ChecksPlacement.COPY);
            assertThat(checks.event().reason()).isEqualTo("the git repository has no commit yet");
            assertThat(checks.directory().resolve("index.js")).exists();
        }
        assertThat(Fixtures.gitOut(fresh, "status", "--porcelain", "--ignored")).isEqualTo("?? index.js");
    }

    @Test
    void aCopyLeftByAKilledManagerIsReplaced() throws Exception {
        Path scratch = tmp.resolve("state/logs/w1/attempt-1/checkout");
        Fixtures.write(scratch.resolve("stale.txt"), "left over");
        try (CheckTree checks = CheckTree.open(git, repo, scratch, CheckTree.Limits.DEFAULT)) {
            assertThat(checks.placement()).as(String.valueOf(checks.event().reason())).isEqualTo(ChecksPlacement.GIT_CHECKOUT);
            assertThat(scratch.resolve("stale.txt")).doesNotExist();
        }
        assertThat(scratch).doesNotExist();
    }

    @Test
    void aPopulatedSubmoduleIsLinkedBecauseANewWorktreeHasNone() throws Exception {
        Path library = Files.createDirectories(tmp.resolve("library"));
        Fixtures.git(library, "init", "-q", "-b", "main");
        Fixtures.write(library.resolve("lib.js"), "module.exports = 'lib';\n");
        Fixtures.git(library, "add", "-A");
        Fixtures.git(library, "commit", "-q", "-m", "lib");
        Fixtures.git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", library.toString(), "vendor/lib");
        Fixtures.git(repo, "commit", "-q", "-m", "submodule");
        String before = status(repo);
        Path scratch = tmp.resolve("state/sub");
        try (CheckTree checks = CheckTree.open(git, repo, scratch, CheckTree.Limits.DEFAULT)) {
            assertThat(checks.placement()).as(String.valueOf(checks.event().reason())).isEqualTo(ChecksPlacement.GIT_CHECKOUT);
            assertThat(Files.readString(scratch.resolve("vendor/lib/lib.js"))).contains("lib");
            assertThat(checks.event().linked()).contains("vendor/lib");
        }
        assertThat(scratch).doesNotExist();
        assertThat(repo.resolve("vendor/lib/lib.js")).exists();
        assertThat(status(repo)).isEqualTo(before);
    }

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList();
        }
    }
}
