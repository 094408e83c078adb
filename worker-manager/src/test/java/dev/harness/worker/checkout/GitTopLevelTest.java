package dev.harness.worker.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.protocol.process.PathLookup;
import dev.harness.worker.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Git.topLevel answers what git answers, and starts no git where no directory above holds a .git. */
class GitTopLevelTest {
    @TempDir
    Path tmp;
    private Path marks;
    private Git git;

    @BeforeEach
    void layout() throws Exception {
        assertThat(Git.underDotGit(tmp)).as("the test's temporary directory is outside any git work tree").isFalse();
        Path repo = Files.createDirectories(tmp.resolve("repo/sub/deeper"));
        Fixtures.git(tmp.resolve("repo"), "init", "-q", "-b", "main");
        Fixtures.write(tmp.resolve("repo/sub/file.txt"), "x\n");
        Fixtures.git(tmp.resolve("repo"), "add", "-A");
        Fixtures.git(tmp.resolve("repo"), "commit", "-q", "-m", "one");
        Fixtures.git(tmp.resolve("repo"), "worktree", "add", "-q", "--detach", tmp.resolve("linked").toString(), "HEAD");
        Files.createDirectories(tmp.resolve("plain/sub"));
        Files.createSymbolicLink(tmp.resolve("plain/into-repo"), repo);
        Files.createDirectories(tmp.resolve("bare"));
        Fixtures.git(tmp.resolve("bare"), "init", "-q", "--bare");
        // git as the worker manager finds it on PATH, counting its starts
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        marks = tmp.resolve("git-starts");
        Path real = PathLookup.find("git", System.getenv()).orElseThrow();
        Path counting = Fixtures.write(bin.resolve("git"), "#!/bin/sh\necho started >> '" + marks + "'\nexec '" + real + "' \"$@\"\n");
        Files.setPosixFilePermissions(counting, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = Fixtures.env(tmp.resolve("home"));
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", ""));
        git = new Git(env);
    }

    @Test
    void answersWhatGitAnswersInEveryKindOfDirectory() throws Exception {
        for (String dir : List.of("plain", "plain/sub", "plain/into-repo", "repo", "repo/sub/deeper", "linked", "bare")) {
            Path at = tmp.resolve(dir);
            assertThat(git.topLevel(at).map(p -> p.toString())).as(dir).isEqualTo(gitSays(at));
        }
    }

    @Test
    void startsNoGitInAPlainDirectory() throws Exception {
        assertThat(git.topLevel(tmp.resolve("plain/sub"))).isEmpty();
        assertThat(git.topLevel(tmp.resolve("plain"))).isEmpty();
        assertThat(marks).doesNotExist();
        assertThat(git.topLevel(tmp.resolve("plain/into-repo"))).contains(tmp.resolve("repo").toRealPath());
        assertThat(Files.readAllLines(marks)).as("git decides inside a repository (reached through a link)").hasSize(1);
    }

    /** git's own answer, without the class under test. */
    private static Optional<String> gitSays(Path dir) throws Exception {
        Process p = new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "--show-toplevel")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        return p.waitFor() == 0 && !out.isEmpty() ? Optional.of(out) : Optional.empty();
    }
}
