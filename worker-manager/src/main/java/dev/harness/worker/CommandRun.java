package dev.harness.worker;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one argument list to completion: output (stdout and stderr together) to a log file, an
 * optional text on stdin, a timeout that ends the whole process tree, and cancellation.
 */
final class CommandRun {
    record Result(Integer exitCode, boolean timedOut, boolean cancelled, long durationMs, String startError) {}

    private CommandRun() {}

    static Result run(List<String> argv, Path cwd, Map<String, String> env, String stdin, Path log, Duration timeout,
                      Duration grace, CancelToken token) {
        long start = System.nanoTime();
        Optional<Path> program = Executables.find(argv.get(0), env);
        if (program.isEmpty()) {
            return new Result(null, false, false, 0, "the command '" + argv.get(0) + "' was not found"
                    + (argv.get(0).contains("/") ? "" : " on PATH") + " (is it installed?)");
        }
        List<String> command = new ArrayList<>(argv);
        command.set(0, program.get().toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.PIPE);
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            return new Result(null, false, false, elapsed(start), "the command '" + argv.get(0) + "' could not be started: "
                    + e.getMessage());
        }
        if (!token.attach(process, grace)) {
            return new Result(null, false, true, elapsed(start), null);
        }
        try {
            if (stdin != null) {
                feed(process, stdin);
            }
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                ProcessTree.kill(process.toHandle(), grace);
                process.waitFor(grace.toMillis() + 1000, TimeUnit.MILLISECONDS);
                return new Result(process.isAlive() ? null : process.exitValue(), true, token.isCancelled(), elapsed(start), null);
            }
            return new Result(process.exitValue(), false, token.isCancelled(), elapsed(start), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTree.kill(process.toHandle(), grace);
            return new Result(null, false, true, elapsed(start), null);
        } finally {
            token.detach(process);
        }
    }

    private static void feed(Process process, String text) {
        // A child that does not read stdin must not block us: a broken pipe is fine.
        Thread writer = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process closed its stdin or exited
            }
        }, "stdin-" + process.pid());
        writer.setDaemon(true);
        writer.start();
    }

    private static long elapsed(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
