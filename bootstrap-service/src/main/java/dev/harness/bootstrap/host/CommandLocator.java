package dev.harness.bootstrap.host;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a command the way exec would: a name is looked up on PATH, anything with a slash is a path. */
public final class CommandLocator {
    private final HostEnvironment environment;

    public CommandLocator(HostEnvironment environment) {
        this.environment = environment;
    }

    /**
     * @param baseDir where a relative path (e.g. {@code ./server.sh}) is resolved
     */
    public Optional<Path> locate(String command, Path baseDir) {
        if (command == null || command.isBlank()) {
            return Optional.empty();
        }
        if (command.contains("/")) {
            Path path = baseDir.resolve(command).normalize();
            return isExecutableFile(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVar = environment.get("PATH").orElse("/usr/local/bin:/usr/bin:/bin");
        for (String dir : pathVar.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir).resolve(command);
            if (isExecutableFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
