package dev.harness.protocol.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service as the real executable ({@code bin/<service>} of this installation, or any command):
 * a child process whose stdin and stdout are the wire and whose stderr goes to a file.
 *
 * <pre>{@code
 * try (ProcessService svc = ProcessService.bin("planning-service", Map.of("HOME", home.toString()), tmp)) {
 *     svc.ok("decompose", params);
 *     svc.assertWireClean();
 * }
 * }</pre>
 */
public final class ProcessService extends ServiceHarness {
    private final Process process;
    private final Path stderrFile;

    private ProcessService(String serviceName, List<String> command, Map<String, String> env, Path workDir) {
        super(serviceName);
        try {
            Files.createDirectories(workDir);
            this.stderrFile = Files.createTempFile(workDir, serviceName, ".stderr");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
            builder.environment().putAll(env);
            builder.redirectError(stderrFile.toFile());
            this.process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e.getMessage(), e);
        }
        collect(process.getInputStream());
    }

    /** Runs {@code bin/<serviceName> args…} of this installation (see {@link #home()}) in {@code workDir}. */
    public static ProcessService bin(String serviceName, Map<String, String> env, Path workDir, String... args) {
        Path executable = home().resolve("bin").resolve(serviceName);
        Path jar = home().resolve(serviceName).resolve("target").resolve(serviceName + ".jar");
        if (!Files.exists(jar)) {
            throw new AssertionError(serviceName + " is not packaged (" + jar + "): run the tests with `mvn verify`");
        }
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        return new ProcessService(serviceName, command, env, workDir);
    }

    /** Runs any command that serves the contract {@code serviceName} on its stdio. */
    public static ProcessService command(String serviceName, List<String> command, Map<String, String> env, Path workDir) {
        return new ProcessService(serviceName, command, env, workDir);
    }

    /** The installation: the {@code harness.home} system property, else the nearest directory up with bin/harness-launch. */
    public static Path home() {
        String property = System.getProperty("harness.home");
        if (property != null) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("bin").resolve("harness-launch"))) {
                return dir;
            }
        }
        throw new AssertionError("cannot find the installation (no bin/harness-launch above " + Path.of("").toAbsolutePath() + ")");
    }

    public Process process() {
        return process;
    }

    @Override
    protected OutputStream stdin() {
        return process.getOutputStream();
    }

    @Override
    public String stderr() {
        try {
            return Files.readString(stderrFile);
        } catch (IOException e) {
            return "(stderr unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public int closeAndWait() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(RESPONSE_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the service did not exit after EOF within " + RESPONSE_WAIT);
            }
        } catch (IOException e) {
            // stdin already closed: waiting is all that is left
            process.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        awaitStdoutEnd();
        return process.exitValue();
    }

    @Override
    public void terminate() {
        process.destroy(); // SIGTERM
    }
}
