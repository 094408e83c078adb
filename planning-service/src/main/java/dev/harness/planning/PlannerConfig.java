package dev.harness.planning;

import dev.harness.protocol.CommandWords;
import dev.harness.protocol.UsageException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.json.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        return load(flagCommand, null, flagTimeout, configFile, env);
    }

    /**
     * As above, with {@code flagPreset} (--planner claude|codex): an explicit --planner-command
     * wins over it, and it wins over the config file's planner_command or planner.
     */
    public static PlannerConfig load(String flagCommand, String flagPreset, String flagTimeout, String configFile,
                                     Map<String, String> env) throws UsageException {
        return load(flagCommand, flagPreset, flagTimeout, configFile, env, null);
    }

    /**
     * As above, a relative --config FILE read from {@code directory} (the session's working directory: a warm
     * server's own is not the client's), named as it was given.
     */
    public static PlannerConfig load(String flagCommand, String flagPreset, String flagTimeout, String configFile,
                                     Map<String, String> env, Path directory) throws UsageException {
        Path file = configFile != null ? Path.of(expandHome(configFile, env)) : defaultFile(env);
        Path located = file != null && directory != null ? directory.resolve(file) : file;
        JsonNode yaml = Json.object();
        if (located != null && Files.isRegularFile(located)) {
            yaml = read(located, file);
        } else if (configFile != null) {
            throw new UsageException("config file " + configFile + " does not exist");
        }
        JsonNode fileCommand = yaml.path("planner_command");
        boolean fileHasCommand = (fileCommand.isTextual() && !fileCommand.asText().isBlank())
                || (fileCommand.isArray() && !fileCommand.isEmpty());
        List<String> command = null;
        String source = null;
        if (flagCommand != null && !flagCommand.isBlank()) {
            command = split(flagCommand, "--planner-command");
            source = "--planner-command";
        } else if (flagPreset != null && !flagPreset.isBlank()) {
            command = preset(flagPreset, "--planner");
            source = "--planner " + flagPreset.strip();
        } else if (fileHasCommand && fileCommand.isTextual()) {
            command = split(fileCommand.asText(), file + ": planner_command");
            source = file.toString();
        } else if (fileHasCommand) {
            List<String> words = new ArrayList<>();
            fileCommand.forEach(word -> words.add(word.isValueNode() ? word.asText() : word.toString()));
            command = words;
            source = file.toString();
        } else if (yaml.path("planner").isTextual() && !yaml.path("planner").asText().isBlank()) {
            String name = yaml.path("planner").asText();
            command = preset(name, file + ": planner");
            source = file + " (planner: " + name.strip() + ")";
        }
        Duration timeout = DEFAULT_TIMEOUT;
        JsonNode fileTimeout = yaml.has("planner_timeout") ? yaml.get("planner_timeout") : yaml.get("planner_timeout_seconds");
        String timeoutText = flagTimeout != null ? flagTimeout
                : fileTimeout == null || fileTimeout.isNull() ? null : fileTimeout.asText();
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

    private static List<String> preset(String name, String where) throws UsageException {
        return PlannerPreset.named(name).map(PlannerPreset::command).orElseThrow(() -> new UsageException(
                where + ": unknown planner '" + name.strip() + "' (known: " + PlannerPreset.names()
                        + "; any other CLI goes in --planner-command)"));
    }

    private static List<String> split(String command, String where) throws UsageException {
        try {
            return CommandWords.parse(command);
        } catch (IllegalArgumentException e) {
            throw new UsageException(where + ": " + e.getMessage());
        }
    }

    private static JsonNode read(Path located, Path file) throws UsageException {
        try {
            String text = Files.readString(located);
            if (text.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
                return Json.object(); // an empty config configures nothing
            }
            JsonNode tree = YamlReader.parse(text, file.toString()); // the suite's one YAML reader (safe constructor, bounded)
            if (tree == null || tree.isNull() || tree.isMissingNode()) {
                return Json.object();
            }
            if (!tree.isObject()) {
                throw new UsageException("config file " + file + " must be a YAML mapping (planner_command: ...)");
            }
            return tree;
        } catch (YamlReader.YamlException | java.io.IOException | java.io.UncheckedIOException e) {
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
