package dev.harness.protocol.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.protocol.process.ChildProcess;
import dev.harness.protocol.process.ChildResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A repository that attacks whoever runs git in it: fsmonitor, a hook and a clean filter each leave a marker. */
class GitTest {
    @TempDir
    Path tmp;
    Path repo;
    Path fsmonitorMarker;
    Path hookMarker;
    Path filterMarker;

    @BeforeEach
    void hostileRepository() throws Exception {
        repo = Files.createDirectories(tmp.resolve("repo"));
        fsmonitorMarker = tmp.resolve("fsmonitor-ran");
        hookMarker = tmp.resolve("hook-ran");
        filterMarker = tmp.resolve("filter-ran");
        git("init", "-q", ".");
        git("config", "user.email", "t@example.com");
        git("config", "user.name", "t");
        Files.writeString(repo.resolve(".gitattributes"), "*.txt filter=evil\n");
        Files.writeString(repo.resolve("a.txt"), "hello\n");
        git("add", ".");
        git("commit", "-qm", "init");
        Path fsmonitor = script(tmp.resolve("fsmonitor.sh"), "#!/bin/sh\ntouch '" + fsmonitorMarker + "'\n");
        git("config", "core.fsmonitor", fsmonitor.toString());
        Path hooks = Files.createDirectories(repo.resolve(".git/hooks"));
        script(hooks.resolve("post-index-change"), "#!/bin/sh\ntouch '" + hookMarker + "'\n");
        git("config", "filter.evil.clean", "touch '" + filterMarker + "'; cat");
        // same size, old mtime: status must re-read the file, which runs the clean filter
        Files.writeString(repo.resolve("a.txt"), "hellp\n");
        Files.setLastModifiedTime(repo.resolve("a.txt"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    }

    private static Path script(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private void git(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        argv.addAll(List.of(args));
        ChildResult result = ChildProcess.of(argv).env("GIT_CONFIG_NOSYSTEM", "1").env("GIT_CONFIG_GLOBAL", "/dev/null").run();
        assertThat(result.ok()).as(String.join(" ", args) + ": " + result.stderr().text()).isTrue();
    }

    @Test
    void plainGitRunsTheWorkspacesProgramsWhichIsWhatNeutralisingPrevents() {
        ChildResult result = Git.at(repo).run("status", "--porcelain");
        assertThat(result.ok()).isTrue();
        assertThat(Files.exists(fsmonitorMarker)).as("fsmonitor ran").isTrue();
        assertThat(Files.exists(filterMarker)).as("clean filter ran").isTrue();
        assertThat(Files.exists(hookMarker)).as("post-index-change hook ran").isTrue();
    }

    @Test
    void neutralisedStatusRunsNothingTheWorkspaceConfigures() {
        ChildResult result = Git.at(repo).neutralised().run("status", "--porcelain");
        assertThat(result.ok()).as(result.stderr().text()).isTrue();
        assertThat(Git.text(result)).isEqualTo("M a.txt");
        assertThat(fsmonitorMarker).doesNotExist();
        assertThat(hookMarker).doesNotExist();
        assertThat(filterMarker).doesNotExist();
    }

    @Test
    void neutralisedDiffAndUpdateIndexRunNoFilterOrHook() {
        assertThat(Git.at(repo).neutralised().run("diff", "--no-ext-diff", "--no-textconv", "--stat").ok()).isTrue();
        assertThat(Git.at(repo).neutralised().run("update-index", "--refresh").exitCode()).isIn(0, 1);
        assertThat(filterMarker).doesNotExist();
        assertThat(hookMarker).doesNotExist();
        assertThat(fsmonitorMarker).doesNotExist();
    }

    @Test
    void pinnedDriversAreListedOnceAndStillOverridden() {
        Git pinned = Git.at(repo).trusted(false).pinDrivers().orElseThrow();
        for (int i = 0; i < 3; i++) {
            assertThat(Git.text(pinned.run("status", "--porcelain"))).isEqualTo("M a.txt");
        }
        assertThat(filterMarker).doesNotExist();
        assertThat(fsmonitorMarker).doesNotExist();
        assertThat(hookMarker).doesNotExist();
    }

    @Test
    void aCancelledGitIsNotRun() {
        dev.harness.protocol.process.Cancellation cancel = new dev.harness.protocol.process.Cancellation();
        cancel.cancel();
        assertThat(Git.at(repo).cancellation(cancel).run("status")).isInstanceOf(ChildResult.Cancelled.class);
    }

    @ParameterizedTest(name = "untrusted git {0}: allowed {1}")
    @CsvSource({
            "status --porcelain, true",
            "rev-parse --show-toplevel, true",
            "config --get user.name, true",
            "config user.name x, false",
            "checkout -- a.txt, false",
            "add a.txt, false",
            "-c x=y stash, false",
            "--no-pager log -1, true",
    })
    void untrustedRefusesWhatWouldWriteTheWorkingTree(String command, boolean allowed) {
        ChildResult result = Git.at(repo).trusted(false).run(command.split(" "));
        assertThat(result instanceof ChildResult.NotStarted).isEqualTo(!allowed);
        if (!allowed) {
            assertThat(result.describe()).contains("refused before the workspace is trusted");
        }
        assertThat(filterMarker).doesNotExist();
        assertThat(fsmonitorMarker).doesNotExist();
    }

    @Test
    void aHungGitTimesOut() throws Exception {
        // a git whose fsmonitor never answers: plain git would hang until the fsmonitor returns
        Path slow = script(tmp.resolve("slow-fsmonitor.sh"), "#!/bin/sh\nexec sleep 300\n");
        git("config", "core.fsmonitor", slow.toString());
        ChildResult result = Git.at(repo).timeout(java.time.Duration.ofMillis(1500)).run("status", "--porcelain");
        assertThat(result).isInstanceOf(ChildResult.TimedOut.class);
    }
}
