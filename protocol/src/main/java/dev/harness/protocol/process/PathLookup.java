package dev.harness.protocol.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a program the way exec would: a name without a slash is looked up on the PATH of the
 * environment the child will get (empty entries skipped, the first executable regular file wins);
 * anything with a slash is a path, resolved against {@code baseDir}.
 */
public final class PathLookup {
    /** What a shell falls back to when PATH is unset. */
    public static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private PathLookup() {}

    /** Looks {@code program} up on {@code env}'s PATH; a relative path is resolved against the current directory. */
    public static Optional<Path> find(String program, Map<String, String> env) {
        return find(program, env, null);
    }

    /**
     * @param baseDir where a relative path such as {@code ./server.sh} is resolved; null for the current directory
     */
    public static Optional<Path> find(String program, Map<String, String> env, Path baseDir) {
        if (program == null || program.isBlank() || program.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        try {
            if (program.contains("/")) {
                Path path = baseDir == null ? Path.of(program).toAbsolutePath() : baseDir.resolve(program);
                path = path.normalize();
                return isExecutableFile(path) ? Optional.of(path) : Optional.empty();
            }
            String pathVar = env == null ? null : env.get("PATH");
            for (String dir : (pathVar == null ? DEFAULT_PATH : pathVar).split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue; // an empty entry means "." to some shells: never search the working directory implicitly
                }
                Path candidate = Path.of(dir, program);
                if (isExecutableFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
