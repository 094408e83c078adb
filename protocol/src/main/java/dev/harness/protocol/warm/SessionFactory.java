package dev.harness.protocol.warm;

import dev.harness.protocol.Service;
import java.nio.file.Path;
import java.util.Map;

/** Makes a fresh service for one warm session, in the client's environment and working directory. */
@FunctionalInterface
public interface SessionFactory {
    Service create(Map<String, String> env, Path directory);
}
