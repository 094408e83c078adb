package dev.harness.protocol.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitExcludeTest {
    @TempDir
    Path tmp;

    private Path repo() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve(".git/info"));
        Files.createDirectories(repo.resolve(".git/objects"));
        Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        return repo.toRealPath();
    }

    private static long count(Path exclude, String line) throws Exception {
        return Files.readAllLines(exclude).stream().filter(line::equals).count();
    }

    @Test
    void addsOneAnchoredLineOnceEvenWhenCalledAgain() throws Exception {
        Path repo = repo();
        Path runDir = repo.resolve(".harness/runs/r1");
        Optional<GitExclude.Excluded> first = GitExclude.ensureExcluded(runDir);
        Optional<GitExclude.Excluded> second = GitExclude.ensureExcluded(runDir);
        Path exclude = repo.resolve(".git/info/exclude");
        assertThat(first).contains(new GitExclude.Excluded(exclude, "/.harness/runs/r1/", true));
        assertThat(second).contains(new GitExclude.Excluded(exclude, "/.harness/runs/r1/", false));
        assertThat(count(exclude, "/.harness/runs/r1/")).isEqualTo(1);
        assertThat(count(exclude, GitExclude.COMMENT)).isEqualTo(1);
        assertThat(Files.exists(runDir)).as("the directory itself is not created").isFalse();
    }

    @Test
    void aLineForAParentCoversEveryDirectoryBelowIt() throws Exception {
        Path repo = repo();
        GitExclude.ensureExcluded(repo.resolve(".harness"));
        for (int run = 0; run < 5; run++) {
            Optional<GitExclude.Excluded> again = GitExclude.ensureExcluded(repo.resolve(".harness/runs/r" + run + "/bootstrap"));
            assertThat(again.orElseThrow().added()).isFalse();
            assertThat(again.orElseThrow().pattern()).isEqualTo("/.harness/");
        }
        assertThat(Files.readAllLines(repo.resolve(".git/info/exclude"))).containsExactly(GitExclude.COMMENT, "/.harness/");
    }

    @ParameterizedTest(name = "{0} covers .harness/runs/x: {1}")
    @CsvSource(delimiter = '|', value = {
            "/.harness/|true",
            "/.harness|true",
            ".harness/|true",
            ".harness|true",
            "/.harness/runs/|true",
            "/.harness/runs/x/|true",
            "/.harness/runs/y/|false",
            "/other/|false",
            "*.log|false",
            "/.harn*/|false",
            "# /.harness/|false",
            "runs/|true",
            "/runs/|false",
    })
    void coverageTable(String line, boolean covers) {
        assertThat(GitExclude.covering(line + "\n", List.of(".harness", "runs", "x")).isPresent()).isEqualTo(covers);
    }

    @Test
    void aNegationAfterTheCoverMakesItNotCount() {
        assertThat(GitExclude.covering("/.harness/\n!/.harness/runs/\n", List.of(".harness", "runs", "x"))).isEmpty();
    }

    @Test
    void aLinkedWorktreeWritesTheSharedExcludeFile() throws Exception {
        Path repo = repo();
        Path worktreeGitDir = Files.createDirectories(repo.resolve(".git/worktrees/wt"));
        Files.writeString(worktreeGitDir.resolve("commondir"), "../..\n");
        Files.writeString(worktreeGitDir.resolve("HEAD"), "ref: refs/heads/wt\n");
        Path worktree = Files.createDirectories(tmp.resolve("wt"));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + worktreeGitDir + "\n");
        GitExclude.Excluded done = GitExclude.ensureExcluded(worktree.resolve(".harness")).orElseThrow();
        assertThat(done.excludeFile()).isEqualTo(repo.resolve(".git/info/exclude"));
        assertThat(done.pattern()).isEqualTo("/.harness/");
    }

    @Test
    void aCraftedGitFileOrALinkedExcludeFileIsNeverWrittenThrough() throws Exception {
        Path victim = Files.createDirectories(tmp.resolve("home"));
        Path workspace = Files.createDirectories(tmp.resolve("crafted"));
        Files.writeString(workspace.resolve(".git"), "gitdir: " + victim + "\n");
        assertThat(GitExclude.ensureExcluded(workspace.resolve(".harness"))).isEmpty();
        assertThat(victim.resolve("info")).doesNotExist();
        Path crafted = Files.createDirectories(tmp.resolve("crafted2/.git"));
        Files.writeString(crafted.resolve("commondir"), victim.toString());
        assertThat(GitExclude.ensureExcluded(crafted.getParent().resolve(".harness"))).isEmpty();
        assertThat(victim.resolve("info")).doesNotExist();

        Path repo = repo();
        Path bashrc = Files.writeString(victim.resolve(".bashrc"), "export A=1\n");
        Files.createSymbolicLink(repo.resolve(".git/info/exclude"), bashrc);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GitExclude.ensureExcluded(repo.resolve(".harness")))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("symbolic link");
        assertThat(Files.readString(bashrc)).isEqualTo("export A=1\n");
    }

    @Test
    void aPlainGitDirectoryNeedsNothingMore() throws Exception {
        Path bare = Files.createDirectories(tmp.resolve("bare/.git")).getParent().toRealPath();
        assertThat(GitExclude.ensureExcluded(bare.resolve("out")).orElseThrow().excludeFile())
                .isEqualTo(bare.resolve(".git/info/exclude"));
    }

    @Test
    void outsideARepositoryOrAtItsTopNothingIsWritten() throws Exception {
        assertThat(GitExclude.ensureExcluded(tmp.resolve("plain/dir"))).isEmpty();
        Path repo = repo();
        assertThat(GitExclude.ensureExcluded(repo)).isEmpty();
        assertThat(Files.exists(repo.resolve(".git/info/exclude"))).isFalse();
    }

    @Test
    void specialCharactersAreEscapedAndAMissingFinalNewlineIsRespected() throws Exception {
        Path repo = repo();
        Files.writeString(repo.resolve(".git/info/exclude"), "*.swp");
        GitExclude.ensureExcluded(repo.resolve("#odd [dir]*"));
        assertThat(Files.readAllLines(repo.resolve(".git/info/exclude")))
                .containsExactly("*.swp", GitExclude.COMMENT, "/\\#odd \\[dir\\]\\*/");
    }
}
