package dev.harness.planning;

import dev.harness.protocol.CommandWords;
import dev.harness.protocol.UsageException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Which external planner to run, if any, and for how long: --planner-command (or
 * HARNESS_PLANNER_COMMAND) wins over the config file (--config FILE, else
 * $XDG_CONFIG_HOME/harness/planning.yaml or ~/.config/harness/planning.yaml) with keys
 * {@code planner_command} (a string split like a shell would, or a list) and {@code planner_timeout}
 * (seconds). The config file comes from the user, never from the workspace being planned.
 */
public record PlannerConfig(List<String> command, Duration timeout, String source) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public boolean configured() {
        return command != null;
    }

    public static PlannerConfig load(String flagCommand, String flagTimeout, String configFile, Map<String, String> env)
            throws UsageException {
        Path file = configFile != null ? Path.of(expandHome(configFile, env)) : defaultFile(env);
        Map<?, ?> yaml = Map.of();
        if (file != null && Files.isRegularFile(file)) {
            yaml = read(file);
        } else if (configFile != null) {
            throw new UsageException("config file " + configFile + " does not exist");
        }
        List<String> command = null;
        String source = null;
        if (flagCommand != null && !flagCommand.isBlank()) {
            command = split(flagCommand, "--planner-command");
            source = "--planner-command";
        } else if (yaml.get("planner_command") instanceof String text && !text.isBlank()) {
            command = split(text, file + ": planner_command");
            source = file.toString();
        } else if (yaml.get("planner_command") instanceof List<?> list && !list.isEmpty()) {
            command = list.stream().map(String::valueOf).toList();
            source = file.toString();
        }
        Duration timeout = DEFAULT_TIMEOUT;
        Object fileTimeout = yaml.containsKey("planner_timeout") ? yaml.get("planner_timeout") : yaml.get("planner_timeout_seconds");
        String timeoutText = flagTimeout != null ? flagTimeout : fileTimeout == null ? null : String.valueOf(fileTimeout);
        if (timeoutText != null) {
            try {
                long seconds = Long.parseLong(timeoutText.strip());
                if (seconds < 1) {
                    throw new NumberFormatException();
                }
                timeout = Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                throw new UsageException("planner timeout must be a whole number of seconds ≥ 1, not '" + timeoutText + "'");
            }
        }
        return new PlannerConfig(command, timeout, source);
    }

    private static List<String> split(String command, String where) throws UsageException {
        try {
            return CommandWords.parse(command);
        } catch (IllegalArgumentException e) {
            throw new UsageException(where + ": " + e.getMessage());
        }
    }

    private static Map<?, ?> read(Path file) throws UsageException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (tree == null) {
                return Map.of();
            }
            if (!(tree instanceof Map<?, ?> map)) {
                throw new UsageException("config file " + file + " must be a YAML mapping (planner_command: ...)");
            }
            return map;
        } catch (IOException | RuntimeException e) {
            throw new UsageException("config file " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static Path defaultFile(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "harness", "planning.yaml");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return home == null ? null : Path.of(home, ".config", "harness", "planning.yaml");
    }

    static String expandHome(String path, Map<String, String> env) {
        if (path.equals("~") || path.startsWith("~/")) {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            return home + path.substring(1);
        }
        return path;
    }
}
