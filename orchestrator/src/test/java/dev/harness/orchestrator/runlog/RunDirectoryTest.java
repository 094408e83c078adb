package dev.harness.orchestrator.runlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harness.api.run.RunEvent;
import dev.harness.api.run.RunStatus;
import dev.harness.protocol.Json;
import dev.harness.protocol.fs.GitExclude;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void createsTheRunLayoutUnderTheDefaultStateDir() {
        Path workspace = tmp.resolve("ws");
        Path stateDir = RunDirectory.defaultStateDir(workspace, java.util.Map.of("XDG_STATE_HOME", tmp.resolve("state").toString()));
        assertThat(stateDir.toString()).startsWith(tmp.resolve("state/harness/repos").toString()).endsWith("/runs");
        assertThat(stateDir).isEqualTo(RunDirectory.defaultStateDir(workspace,
                java.util.Map.of("XDG_STATE_HOME", tmp.resolve("state").toString()))); // stable: found again by status and resume
        assertThat(stateDir.startsWith(workspace)).isFalse(); // nothing of the harness inside the working tree
        stateDir = workspace.resolve(".harness/runs");
        RunDirectory run = RunDirectory.create(stateDir, "20261123-011500-a1b2");
        assertThat(run.path()).isDirectory().isEqualTo(stateDir.resolve("20261123-011500-a1b2"));
        assertThat(run.runId()).isEqualTo("20261123-011500-a1b2");
        assertThat(run.eventsFile()).isEqualTo(run.path().resolve("events.jsonl"));
        assertThat(run.planFile()).isEqualTo(run.path().resolve("plan.json"));
        assertThat(run.serviceLog("worker-manager")).isEqualTo(run.path().resolve("services/worker-manager.stderr.log"));
        assertThat(run.serviceLog("worker-manager").getParent()).isDirectory();
        assertThatThrownBy(() -> run.serviceLog("../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRunDirectoryIsReadableByItsOwnerOnly() throws Exception {
        // what the run keeps (the approved plan, worker records, logs) may carry the person's own text
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), "20261123-011500-a1b3");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(run.path())))
                .isEqualTo("rwx------");
        dev.harness.orchestrator.index.RunIndex index = dev.harness.orchestrator.index.RunIndex.forUser(
                java.util.Map.of("XDG_STATE_HOME", tmp.resolve("state").toString()));
        index.record(new dev.harness.orchestrator.index.RunIndex.Entry("20261123-011500-a1b3", run.path().toString(),
                tmp.toString(), "an objective", "2026-11-23T01:15:00Z"));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(index.dir())))
                .isEqualTo("rwx------");
    }

    @Test
    void runIdsAreSortableByTimeAndDistinct() {
        Clock early = Clock.fixed(Instant.parse("2026-11-23T01:15:00Z"), ZoneOffset.UTC);
        Clock late = Clock.fixed(Instant.parse("2026-11-23T10:02:03Z"), ZoneOffset.UTC);
        String a = RunDirectory.newRunId(early);
        String b = RunDirectory.newRunId(late);
        assertThat(a).matches("20261123-011500-[0-9a-f]{4}");
        assertThat(b).startsWith("20261123-100203-");
        assertThat(a).isLessThan(b);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            ids.add(RunDirectory.createNew(tmp.resolve("runs")).runId());
        }
        assertThat(ids).hasSize(50);
    }

    @Test
    void creatingAnExistingRunFails() {
        RunDirectory.create(tmp, "r1");
        assertThatThrownBy(() -> RunDirectory.create(tmp, "r1")).isInstanceOf(RunLogException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> RunDirectory.create(tmp, "../escape")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStateDirThatCannotBeCreatedIsAClearError() throws Exception {
        Path blocker = tmp.resolve("ws");
        Files.writeString(blocker, "a file where the workspace's directory should be");
        assertThatThrownBy(() -> RunDirectory.create(blocker.resolve(".harness").resolve("runs"), "r1"))
                .isInstanceOf(RunLogException.class)
                .hasMessageContaining("cannot create the state directory " + blocker.resolve(".harness/runs"))
                .hasMessageNotContaining("Exception");
    }

    @Test
    void anUnknownRunIsNamedWithItsStateDir() {
        Path stateDir = tmp.resolve("runs");
        assertThatThrownBy(() -> RunDirectory.open(stateDir, "20990101-000000-dead"))
                .isInstanceOf(UnknownRunException.class)
                .hasMessageContaining("20990101-000000-dead").hasMessageContaining(stateDir.toString());
        assertThatThrownBy(() -> RunDirectory.open(stateDir, "../../etc")).isInstanceOf(UnknownRunException.class)
                .hasMessageContaining("not a run id");
        RunDirectory.create(stateDir, "empty"); // a directory without a log is not a run
        assertThatThrownBy(() -> RunDirectory.open(stateDir, "empty")).isInstanceOf(UnknownRunException.class)
                .hasMessageContaining("events.jsonl");
    }

    @Test
    void theStateDirIsExcludedThroughInfoExcludeOnceAndGitignoreIsNeverTouched() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve(".git/info"));
        Files.writeString(repo.resolve(".git/info/exclude"), "# git ls-files --others --exclude-from=.git/info/exclude\n*.swp");
        Files.writeString(repo.resolve(".gitignore"), "node_modules/\n");
        Path stateDir = repo.resolve(".harness").resolve("runs");

        RunDirectory.create(stateDir, "r1");
        RunDirectory.create(stateDir, "r2");
        RunDirectory.create(stateDir, "r3");

        String exclude = Files.readString(repo.resolve(".git/info/exclude"));
        assertThat(exclude).isEqualTo("# git ls-files --others --exclude-from=.git/info/exclude\n*.swp\n"
                + GitExclude.COMMENT + "\n/.harness/runs/\n");
        assertThat(Files.readString(repo.resolve(".gitignore"))).isEqualTo("node_modules/\n");
    }

    @Test
    void aStateDirDeepInsideTheRepoIsExcludedFromTheTop() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve(".git"));
        Path workspace = repo.resolve("examples/dashboard");
        Files.createDirectories(workspace);
        RunDirectory.create(workspace.resolve(".harness").resolve("runs"), "r1");
        assertThat(Files.readAllLines(repo.resolve(".git/info/exclude")))
                .containsExactly(GitExclude.COMMENT, "/examples/dashboard/.harness/runs/");
    }

    @Test
    void aWorktreeWritesToTheSharedRepositorysExclude() throws Exception {
        Path main = tmp.resolve("main");
        Path gitDir = main.resolve(".git");
        Path wtGitDir = gitDir.resolve("worktrees/feature");
        Files.createDirectories(wtGitDir);
        Files.writeString(wtGitDir.resolve("commondir"), "../..\n");
        Files.writeString(wtGitDir.resolve("HEAD"), "ref: refs/heads/feature\n"); // what git itself needs to see a worktree
        Files.createDirectories(gitDir.resolve("objects"));
        Path worktree = tmp.resolve("feature");
        Files.createDirectories(worktree);
        Files.writeString(worktree.resolve(".git"), "gitdir: " + wtGitDir + "\n");

        RunDirectory.create(worktree.resolve(".harness").resolve("runs"), "r1");

        assertThat(Files.readAllLines(gitDir.resolve("info/exclude"))).contains("/.harness/runs/");
        assertThat(wtGitDir.resolve("info/exclude")).doesNotExist();
        assertThat(worktree.resolve(".gitignore")).doesNotExist();
    }

    @Test
    void outsideARepositoryNothingIsWritten() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(GitExclude.findRepository(tmp.toRealPath()).isEmpty(),
                "the temporary directory is itself inside a git repository");
        Path workspace = tmp.resolve("plain");
        RunDirectory run = RunDirectory.create(workspace.resolve(".harness").resolve("runs"), "r1");
        assertThat(run.path()).isDirectory();
        assertThat(GitExclude.ensureExcluded(workspace.resolve(".harness").resolve("runs"))).isEmpty();
        assertThat(workspace.resolve(".git")).doesNotExist();
        assertThat(workspace.resolve(".gitignore")).doesNotExist();
    }

    @Test
    void excludeIsReallyHonouredByGit() throws Exception {
        Path repo = tmp.resolve("real");
        Files.createDirectories(repo);
        Process init = new ProcessBuilder("git", "init", "-q", repo.toString()).redirectErrorStream(true).start();
        if (init.waitFor() != 0) {
            return; // no git on this machine: the other tests cover the file itself
        }
        RunDirectory run = RunDirectory.create(repo.resolve(".harness").resolve("runs"), "r1");
        Files.writeString(run.eventsFile(), "{}\n");
        Files.writeString(repo.resolve("tracked.txt"), "x\n");
        Process status = new ProcessBuilder("git", "-C", repo.toString(), "status", "--porcelain", "--untracked-files=all")
                .redirectErrorStream(true).start();
        String out = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        status.waitFor();
        assertThat(out.lines().toList()).containsExactly("?? tracked.txt");
    }

    @Test
    void listsRunsOldestFirstWithStatusAndCountsAndKeepsDamagedOnes() throws Exception {
        Path stateDir = tmp.resolve("runs");
        RunDirectory first = RunDirectory.create(stateDir, "20261123-010000-aaaa");
        try (EventLog log = EventLog.open(first)) {
            log.append(new RunEvent.RunStarted("add dark mode", null, null));
            log.append(new RunEvent.PlanCreated("p1", "add dark mode", Plans.chain(), null, null, null));
            log.append(new RunEvent.TaskCompleted("t1", null, null, null, null));
        }
        RunDirectory second = RunDirectory.create(stateDir, "20261123-020000-bbbb");
        Files.writeString(second.eventsFile(), "not json\n");
        Files.createDirectories(stateDir.resolve("stray-dir-without-log"));

        List<RunSummary> runs = RunDirectory.list(stateDir);
        assertThat(runs).extracting(RunSummary::runId).containsExactly("20261123-010000-aaaa", "20261123-020000-bbbb");
        RunSummary ok = runs.get(0);
        assertThat(ok.objective()).isEqualTo("add dark mode");
        assertThat(ok.status()).isEqualTo(RunStatus.PLANNED);
        assertThat(ok.total()).isEqualTo(4);
        assertThat(ok.completed()).isEqualTo(1);
        assertThat(ok.started()).isNotNull();
        assertThat(ok.problem()).isNull();
        assertThat(runs.get(1).problem()).contains(":1:").contains("not valid JSON");
        assertThat(RunDirectory.list(tmp.resolve("nothing-here"))).isEmpty();
    }
}
