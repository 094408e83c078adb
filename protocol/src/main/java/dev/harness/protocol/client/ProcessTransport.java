package dev.harness.protocol.client;

import dev.harness.protocol.process.ProcessTag;
import dev.harness.protocol.process.ProcessTree;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Lines over a child process's stdin and stdout (its stderr goes to a file or is inherited). The
 * child is started from an argument list, never a shell line, and carries a {@link ProcessTag}, so
 * {@link #shutdown} and {@link #kill} end everything it started. Shutdown follows PROTOCOL.md:
 * close stdin, wait; SIGTERM, wait; SIGKILL.
 */
public final class ProcessTransport extends StreamTransport {
    private final Process process;
    private final ProcessTag tag;

    private ProcessTransport(String name, Process process, ProcessTag tag, int maxLineBytes) {
        super(name, process.getInputStream(), process.getOutputStream(), maxLineBytes);
        this.process = process;
        this.tag = tag;
    }

    /**
     * @param extraEnv   added to our environment
     * @param stderrFile where the child's stderr is appended; null to inherit ours
     */
    public static ProcessTransport start(String name, List<String> command, Path workingDir, Map<String, String> extraEnv,
                                         Path stderrFile, int maxLineBytes) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        if (extraEnv != null) {
            builder.environment().putAll(extraEnv);
        }
        ProcessTag tag = ProcessTag.fresh();
        tag.applyTo(builder.environment());
        if (stderrFile == null) {
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        } else {
            builder.redirectError(ProcessBuilder.Redirect.appendTo(stderrFile.toFile()));
        }
        return new ProcessTransport(name, builder.start(), tag, maxLineBytes);
    }

    public static ProcessTransport start(String name, List<String> command, Path workingDir, Map<String, String> extraEnv,
                                         Path stderrFile) throws IOException {
        return start(name, command, workingDir, extraEnv, stderrFile, DEFAULT_MAX_LINE_BYTES);
    }

    /**
     * Lines over a process this JVM did not fork: a {@link dev.harness.protocol.HostedProcess}. It
     * has no process tree: TERM and KILL are its own {@link Process#destroy} and
     * {@link Process#destroyForcibly}.
     */
    public static ProcessTransport attach(String name, Process process) {
        return new ProcessTransport(name, process, null, DEFAULT_MAX_LINE_BYTES);
    }

    public Process process() {
        return process;
    }

    /** SIGTERM to the tree (a hosted process: its own destroy), wait {@code grace}; SIGKILL to what is left. */
    private void end(Duration grace) throws InterruptedException {
        if (tag == null) {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } else {
            ProcessTree.kill(process.toHandle(), tag, grace);
        }
    }

    /** Close stdin, wait {@code grace}; SIGTERM to the tree, wait {@code grace}; SIGKILL. Returns the exit code (-1 if still alive). */
    public int shutdown(Duration grace) {
        closeOutput();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                end(grace);
                process.waitFor(2, TimeUnit.SECONDS);
            }
            awaitEnd(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        close();
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Ends the child and everything it started at once (a misbehaving peer). */
    public void kill() {
        if (tag == null) {
            process.destroyForcibly();
            return;
        }
        ProcessTree.kill(process.toHandle(), tag, Duration.ZERO);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill(); // unblocks a write stuck on a full pipe
        }
        super.close();
    }
}
