package dev.harness.protocol.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real children through sh: timeouts that fire, trees that die, output that stays bounded. */
class ChildProcessTest {
    @TempDir
    Path tmp;

    @Test
    void capturesStdoutStderrAndExitStatusSeparately() {
        ChildResult result = ChildProcess.of("sh", "-c", "echo out; echo err >&2; exit 3").run();
        assertThat(result).isInstanceOf(ChildResult.Exited.class);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout().text()).isEqualTo("out\n");
        assertThat(result.stderr().text()).isEqualTo("err\n");
        assertThat(result.ok()).isFalse();
    }

    @Test
    void stdoutToGetsAllOfStdoutAndNothingOfStderrWhileTheCaptureStaysCapped() {
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        // 200,000 bytes of stdout: more than the 1 KiB capture keeps
        ChildResult result = ChildProcess.of("sh", "-c", "i=0; while [ $i -lt 20000 ]; do echo 123456789; i=$((i+1)); done;"
                + " echo noise >&2").capture(1024).stdoutTo(whole).timeout(Duration.ofSeconds(60)).run();
        assertThat(result.exitCode()).isZero();
        assertThat(whole.size()).isEqualTo(200_000);
        assertThat(whole.toString(StandardCharsets.UTF_8)).doesNotContain("noise").startsWith("123456789\n");
        assertThat(result.stdout().truncated()).isTrue();
        assertThat(result.stdout().totalBytes()).isEqualTo(200_000);
        assertThat(result.stderr().text()).isEqualTo("noise\n");
    }

    @Test
    void stdinBytesReachTheChildAndAClosedStdinReadsAsEmpty() {
        assertThat(ChildProcess.of("cat").stdin("héllo").run().stdout().text()).isEqualTo("héllo");
        assertThat(ChildProcess.of("cat").timeout(Duration.ofSeconds(30)).run().stdout().totalBytes()).isZero();
    }

    @Test
    void environmentIsAddedToAndRemovedFromAndTheDirectoryIsUsed() throws Exception {
        ChildResult result = ChildProcess.of("sh", "-c", "echo \"$ADDED:${HOME-unset}\"; pwd")
                .env("ADDED", "yes").removeEnv("HOME").directory(tmp).run();
        assertThat(result.stdout().text()).isEqualTo("yes:unset\n" + tmp.toRealPath() + "\n");
    }

    @Test
    void aMissingProgramIsNotStartedWithAReason() {
        ChildResult result = ChildProcess.of("no-such-program-xyz").run();
        assertThat(result).isInstanceOf(ChildResult.NotStarted.class);
        assertThat(result.describe()).contains("no-such-program-xyz").contains("not found on PATH");
    }

    @Test
    void timeoutFiresEvenWhenTheChildNeverClosesStdout() {
        // the case of a hung git: a child that keeps its stdout open and never exits
        ChildResult result = ChildProcess.of("sh", "-c", "echo started; exec sleep 300")
                .timeout(Duration.ofMillis(1500)).grace(Duration.ofMillis(200)).run();
        assertThat(result).isInstanceOf(ChildResult.TimedOut.class);
        assertThat(result.stdout().text()).isIn("started\n", ""); // "" only when the machine was too busy to start sh in time
    }

    @Test
    void aDoubleForkedChildIsGoneAfterTimeout() throws Exception {
        Path pidFile = tmp.resolve("escaped.pid");
        ChildResult result = ChildProcess.of("sh", "-c", "(sleep 300 & echo $! > \"$0\") ; sleep 300", pidFile.toString())
                .timeout(Duration.ofMillis(2000)).grace(Duration.ofMillis(200)).run();
        assertThat(result).isInstanceOf(ChildResult.TimedOut.class);
        assertGone(readPid(pidFile));
    }

    @Test
    void aDoubleForkedChildOfAChildInItsOwnSessionIsGoneAfterTimeoutToo() throws Exception {
        Path pidFile = tmp.resolve("escaped-session.pid");
        ChildResult result = ChildProcess.of("sh", "-c", "(sleep 300 & echo $! > \"$0\") ; sleep 300", pidFile.toString())
                .ownSession(true).timeout(Duration.ofMillis(2000)).grace(Duration.ofMillis(200)).run();
        assertThat(result).isInstanceOf(ChildResult.TimedOut.class);
        assertGone(readPid(pidFile));
    }

    @Test
    void aBackgroundChildIsGoneAfterANormalExit() throws Exception {
        Path pidFile = tmp.resolve("background.pid");
        ChildResult result = ChildProcess.of("sh", "-c", "sleep 300 >/dev/null 2>&1 & echo $! > \"$0\"", pidFile.toString())
                .grace(Duration.ofMillis(200)).run();
        assertThat(result.ok()).isTrue();
        assertGone(readPid(pidFile));
    }

    @Test
    void aBackgroundChildMayBeLeftRunningWhenAsked() throws Exception {
        Path pidFile = tmp.resolve("kept.pid");
        ChildResult result = ChildProcess.of("sh", "-c", "sleep 300 >/dev/null 2>&1 & echo $! > \"$0\"", pidFile.toString())
                .killStragglersOnExit(false).run();
        assertThat(result.ok()).isTrue();
        ProcessHandle kept = ProcessHandle.of(readPid(pidFile)).orElseThrow();
        try {
            assertThat(kept.isAlive()).isTrue();
        } finally {
            ProcessTree.kill(kept, Duration.ofMillis(100));
        }
    }

    @Test
    void hugeOutputKeepsOnlyTheTailWithinTheCapAndReportsTheTotal() {
        long size = 200L * 1024 * 1024;
        ChildResult result = ChildProcess.of("sh", "-c", "head -c " + size + " /dev/zero; printf 'THE END'")
                .capture(4096).run();
        assertThat(result.ok()).isTrue();
        assertThat(result.stdout().totalBytes()).isEqualTo(size + "THE END".length());
        assertThat(result.stdout().tail()).hasSize(4096);
        assertThat(result.stdout().text()).endsWith("THE END");
        assertThat(result.stdout().truncated()).isTrue();
    }

    @Test
    void theLogFileKeepsTheHeadANoteAndTheTail() throws Exception {
        Path log = tmp.resolve("logs/run.log");
        ChildResult result = ChildProcess.of("sh", "-c", "printf 'HEAD'; head -c 100000 /dev/zero | tr '\\0' x; printf 'TAIL'")
                .mergeStderr(true).logTo(log, 1000).capture(100).run();
        assertThat(result.ok()).isTrue();
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(text).startsWith("HEAD").endsWith("TAIL").contains("100008 bytes in all");
        assertThat(text.length()).isLessThan(1300);
    }

    @Test
    void linesReachTheCallbackInOrderFromBothStreamsWhenMerged() {
        List<String> lines = new CopyOnWriteArrayList<>();
        ChildProcess.of("sh", "-c", "echo one; echo two >&2; printf three").mergeStderr(true).onLine(lines::add).run();
        assertThat(lines).containsExactly("one", "two", "three");
    }

    @Test
    void cancellationKillsTheRunningTree() throws Exception {
        Cancellation cancel = new Cancellation();
        Path pidFile = tmp.resolve("cancel.pid");
        Thread canceller = new Thread(() -> {
            try {
                while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
                    Thread.sleep(10);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            cancel.cancel();
        });
        canceller.start();
        ChildResult result = ChildProcess.of("sh", "-c", "echo $$ > \"$0\"; sleep 300", pidFile.toString())
                .cancellation(cancel).grace(Duration.ofMillis(200)).run();
        canceller.join();
        assertThat(result).isInstanceOf(ChildResult.Cancelled.class);
        assertGone(readPid(pidFile));
        assertThat(ChildProcess.of("true").cancellation(cancel).run()).isInstanceOf(ChildResult.Cancelled.class);
    }

    @Test
    void theTagIsInTheChildsEnvironmentAndKeepsInheritedTags() {
        ChildResult result = ChildProcess.of("sh", "-c", "echo $" + ProcessTag.VARIABLE).env(ProcessTag.VARIABLE, "outer").run();
        assertThat(result.stdout().text().strip()).matches("outer:[0-9a-f]{24}");
    }

    @Test
    void ownSessionPutsTheChildInANewSessionWithTheSamePid() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(PathLookup.find("setsid", System.getenv()).isPresent(), "setsid is not installed");
        String ours = sessionOf("self");
        ChildResult result = ChildProcess.of("sh", "-c", "echo $$; cut -d' ' -f6 /proc/$$/stat").ownSession(true).run();
        List<String> lines = result.stdout().text().lines().toList();
        assertThat(result.ok()).isTrue();
        assertThat(lines.get(1)).as("the child leads its own session").isEqualTo(lines.get(0)).isNotEqualTo(ours);
        ChildResult inherited = ChildProcess.of("sh", "-c", "cut -d' ' -f6 /proc/$$/stat").run();
        assertThat(inherited.stdout().text().strip()).isEqualTo(ours);
    }

    private static String sessionOf(String pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3];
    }

    private static long readPid(Path file) throws Exception {
        for (int i = 0; i < 500 && (!Files.exists(file) || Files.readString(file).isBlank()); i++) {
            Thread.sleep(10);
        }
        return Long.parseLong(Files.readString(file).strip());
    }

    private static void assertGone(long pid) {
        ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
        // Gone means dead, not reaped: an orphan killed by the harness is reaped by whatever adopts it, and in a
        // container whose first process never reaps, a zombie stays forever, so onExit() would never complete.
        // The generous bound catches a survivor, not slowness.
        assertThat(handle == null || ProcessTree.awaitGone(handle, Duration.ofSeconds(60))).as("process " + pid + " is gone")
                .isTrue();
    }
}
