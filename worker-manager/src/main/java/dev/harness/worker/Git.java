package dev.harness.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs git with an argument list (never a shell line) and returns its exit code and output. */
final class Git {
    record Output(int exitCode, String text) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private final Map<String, String> env;

    Git(Map<String, String> env) {
        this.env = env;
    }

    Output run(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Executables.find("git", env).map(Path::toString).orElse("git"));
        command.add("-C");
        command.add(dir.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process process = builder.start();
            String text;
            try (InputStream out = process.getInputStream()) {
                text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Output(-1, "git " + args[0] + " did not finish within 120 s");
            }
            return new Output(process.exitValue(), text.strip());
        } catch (IOException e) {
            return new Output(-1, "git could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Output(-1, "interrupted");
        }
    }

    /** The repository's top level when {@code dir} is inside a git work tree. */
    Optional<Path> topLevel(Path dir) {
        Output out = run(dir, "rev-parse", "--show-toplevel");
        return out.ok() && !out.text().isEmpty() ? Optional.of(Path.of(out.text().lines().findFirst().orElse(""))) : Optional.empty();
    }
}
