package dev.harness.bootstrap.host;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The service's own environment variables and home directory, injectable so tests can control
 * what credentials and PATH the phases see. Values are read here; only presence ever leaves.
 */
public record HostEnvironment(Map<String, String> variables, Path home) {
    public HostEnvironment {
        variables = Map.copyOf(variables);
    }

    public static HostEnvironment current() {
        return new HostEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public boolean isSet(String name) {
        return get(name).isPresent();
    }

    /** The harness's configuration directory: $HARNESS_CONFIG_DIR, else $XDG_CONFIG_HOME/harness, else ~/.config/harness. */
    public Path configDir() {
        return get("HARNESS_CONFIG_DIR").map(Path::of)
                .or(() -> get("XDG_CONFIG_HOME").map(x -> Path.of(x, "harness")))
                .orElse(home.resolve(".config").resolve("harness"))
                .toAbsolutePath().normalize();
    }
}
