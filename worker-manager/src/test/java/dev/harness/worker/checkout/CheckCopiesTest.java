package dev.harness.worker.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.api.worker.ChecksPlacement;
import dev.harness.worker.Fixtures;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain work directory's copy for the checks, kept between attempts (issue 15): the next
 * attempt's copy is exactly the person's directory as it is then, whatever the last checks did to
 * the copy, files that did not change are not copied again, and the person's directory is never
 * written. Times are never waited for: "settled" is given as a span that makes every file settled
 * (or none).
 */
class CheckCopiesTest {
    /** Every file counts as settled: its copy is trusted while neither side changes. */
    private static final Duration ALL_SETTLED = Duration.ofDays(-1);
    /** No file counts as settled: every one is copied again. */
    private static final Duration NONE_SETTLED = Duration.ofDays(1);

    @TempDir
    Path tmp;

    Path plain;
    Git git;

    @BeforeEach
    void directory() throws Exception {
        git = new Git(Fixtures.env(tmp.resolve("home")));
        plain = Files.createDirectories(tmp.resolve("project")).toRealPath();
        Fixtures.write(plain.resolve("package.json"), "{\"name\": \"p\"}\n");
        Fixtures.write(plain.resolve("src/theme.js"), "export const theme = 'light';\n");
        Fixtures.write(plain.resolve("src/util.js"), "export const one = 1;\n");
        Fixtures.write(plain.resolve("src/kept.js"), "export const kept = true;\n");
        Fixtures.write(plain.resolve("docs/readme.md"), "# p\n");
        Fixtures.write(plain.resolve("old.txt"), "to be removed\n");
        Files.createSymbolicLink(plain.resolve("current"), Path.of("src/theme.js"));
    }

    @Test
    void theNextCopyIsThePersonsDirectoryAsItIsWhateverTheLastChecksDid() throws Exception {
        try (CheckCopies copies = new CheckCopies(tmp.resolve("state/checks"), 4, ALL_SETTLED)) {
            Path first;
            Object keptInode;
            try (CheckTree checks = CheckTree.open(git, plain, tmp.resolve("state/a1/checkout"), CheckTree.Limits.DEFAULT, copies)) {
                assertThat(checks.placement()).isEqualTo(ChecksPlacement.COPY);
                first = checks.directory();
                assertThat(first).startsWith(tmp.resolve("state/checks"));
                assertThat(snapshot(first)).isEqualTo(snapshot(plain));
                keptInode = inode(first.resolve("src/kept.js"));
                // what checks do to their copy: output, an edit that keeps size and time, a mode, links into the person's tree
                Fixtures.write(first.resolve("coverage/lcov.info"), "covered\n");
                FileTime time = Files.getLastModifiedTime(first.resolve("src/util.js"));
                Files.writeString(first.resolve("src/util.js"), "export const one = 2;\n");
                Files.setLastModifiedTime(first.resolve("src/util.js"), time);
                Files.setPosixFilePermissions(first.resolve("package.json"), PosixFilePermissions.fromString("rwx------"));
                CheckTree.deleteTree(first.resolve("docs"));
                Files.createSymbolicLink(first.resolve("docs"), plain.resolve("docs"));
                Files.delete(first.resolve("src/theme.js"));
                Files.createLink(first.resolve("src/theme.js"), plain.resolve("src/theme.js"));
            }
            assertThat(first).exists(); // kept for the next attempt

            // the person's work meanwhile: an edit that keeps size and time, a file removed, one added
            FileTime time = Files.getLastModifiedTime(plain.resolve("src/theme.js"));
            Files.writeString(plain.resolve("src/theme.js"), "export const theme = 'dark!';\n");
            Files.setLastModifiedTime(plain.resolve("src/theme.js"), time);
            Files.delete(plain.resolve("old.txt"));
            Fixtures.write(plain.resolve("src/new.js"), "new\n");
            Map<String, String> persons = snapshot(plain);

            // held open, the file's inode cannot be given to another file: the same inode after is the same file
            try (var held = java.nio.channels.FileChannel.open(first.resolve("src/kept.js"));
                 CheckTree checks = CheckTree.open(git, plain, tmp.resolve("state/a2/checkout"), CheckTree.Limits.DEFAULT, copies)) {
                assertThat(checks.directory()).isEqualTo(first);
                assertThat(snapshot(first)).isEqualTo(persons);
                assertThat(Files.isSymbolicLink(first.resolve("docs"))).isFalse();
                assertThat(inode(first.resolve("src/theme.js"))).isNotEqualTo(inode(plain.resolve("src/theme.js")));
                assertThat(inode(first.resolve("src/kept.js"))).as("an unchanged file is not copied again").isEqualTo(keptInode);
                assertThat(checks.event().carried()).isEqualTo(7);
            }
            assertThat(snapshot(plain)).isEqualTo(persons);
            assertThat(Files.getPosixFilePermissions(plain.resolve("package.json"))).doesNotContain(
                    java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
        }
        assertThat(tmp.resolve("state/checks").resolve(Long.toString(ProcessHandle.current().pid()))).doesNotExist();
    }

    @Test
    void aFileStillChangingWhenItWasCopiedIsCopiedAgain() throws Exception {
        try (CheckCopies copies = new CheckCopies(tmp.resolve("state/checks"), 4, NONE_SETTLED)) {
            Object before;
            Path first;
            try (CheckTree checks = CheckTree.open(git, plain, tmp.resolve("state/a1/checkout"), CheckTree.Limits.DEFAULT, copies)) {
                first = checks.directory();
                before = inode(first.resolve("src/kept.js"));
            }
            try (var held = java.nio.channels.FileChannel.open(first.resolve("src/kept.js")); // its inode stays taken
                 CheckTree checks = CheckTree.open(git, plain, tmp.resolve("state/a2/checkout"), CheckTree.Limits.DEFAULT, copies)) {
                assertThat(checks.directory()).isEqualTo(first);
                assertThat(inode(first.resolve("src/kept.js"))).isNotEqualTo(before);
                assertThat(snapshot(first)).isEqualTo(snapshot(plain));
            }
        }
    }

    @Test
    void attemptsAtOnceGetCopiesOfTheirOwnAndOnlySoManyAreKept() throws Exception {
        try (CheckCopies copies = new CheckCopies(tmp.resolve("state/checks"), 1, ALL_SETTLED)) {
            CheckTree one = CheckTree.open(git, plain, tmp.resolve("state/a1/checkout"), CheckTree.Limits.DEFAULT, copies);
            CheckTree two = CheckTree.open(git, plain, tmp.resolve("state/a2/checkout"), CheckTree.Limits.DEFAULT, copies);
            assertThat(one.directory()).isNotEqualTo(two.directory());
            assertThat(snapshot(two.directory())).isEqualTo(snapshot(plain));
            one.close();
            two.close();
            assertThat(one.directory()).as("beyond the bound, the eldest idle copy goes").doesNotExist();
            assertThat(two.directory()).exists();
        }
    }

    @Test
    void aDirectoryWithDependenciesToLendGetsAFreshCopyRemovedAfter() throws Exception {
        Fixtures.write(plain.resolve("node_modules/dep/index.js"), "module.exports = 1;\n");
        Path scratch = tmp.resolve("state/a1/checkout");
        try (CheckCopies copies = new CheckCopies(tmp.resolve("state/checks"), 4, ALL_SETTLED)) {
            try (CheckTree checks = CheckTree.open(git, plain, scratch, CheckTree.Limits.DEFAULT, copies)) {
                assertThat(checks.directory()).isEqualTo(scratch);
                assertThat(checks.placement()).isEqualTo(ChecksPlacement.COPY);
            }
            assertThat(scratch).doesNotExist();
            try (Stream<Path> mine = Files.list(tmp.resolve("state/checks").resolve(Long.toString(ProcessHandle.current().pid())))) {
                assertThat(mine).isEmpty();
            }
        }
        assertThat(plain.resolve("node_modules/dep/index.js")).hasContent("module.exports = 1;");
    }

    @Test
    void copiesLeftByAManagerThatIsGoneAreRemovedAndALiveOnesAreNot() throws Exception {
        long never = 999_999_999_999L; // above any pid_max (at most 2^22): never any process's
        Path gone = Fixtures.write(tmp.resolve("state/checks/" + never + "/0/file"), "left\n");
        Path live = Fixtures.write(tmp.resolve("state/checks/" + ProcessHandle.current().parent().orElseThrow().pid() + "/0/file"),
                "in use\n");
        try (CheckCopies copies = new CheckCopies(tmp.resolve("state/checks"), 4, ALL_SETTLED)) {
            assertThat(gone.getParent().getParent()).doesNotExist();
            assertThat(live).exists();
        }
    }

    private static Object inode(Path file) throws Exception {
        return Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    /** Every entry under {@code dir}: its kind, mode, modification time and content (a link: its target). */
    private static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    entries.put(key, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    entries.put(key, "dir");
                } else {
                    entries.put(key, "file " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)) + " "
                            + Files.getLastModifiedTime(p).toMillis() + " " + Files.readString(p));
                }
            }
        }
        return entries;
    }
}
