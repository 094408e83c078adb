package dev.harness.orchestrator.attention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.CommandWords;
import dev.harness.protocol.json.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which notifier commands a run uses: each {@code --notify CMD}, else {@code notify:} in the
 * person's config file ({@code $HARNESS_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/harness}, else
 * {@code ~/.config/harness}, file {@code config.yaml}) — a command string or a list of them. A
 * command is split into an argv by {@link CommandWords} (or given as a JSON array); never a shell.
 * The config file is the person's own, never the workspace's.
 */
public final class NotifyConfig {
    private NotifyConfig() {}

    public static Path configFile(Map<String, String> env) {
        String dir = env.get("HARNESS_CONFIG_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir).resolve("config.yaml");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return base.resolve("harness").resolve("config.yaml");
    }

    /** @throws IllegalArgumentException naming the command or the file that is wrong */
    public static List<List<String>> commands(List<String> given, Map<String, String> env) {
        List<List<String>> commands = new ArrayList<>();
        if (given != null && !given.isEmpty()) {
            for (String command : given) {
                commands.add(parse(command, "--notify"));
            }
            return commands;
        }
        Path file = configFile(env);
        if (!Files.isRegularFile(file)) {
            return commands;
        }
        JsonNode config;
        try {
            config = YamlReader.read(file);
        } catch (YamlReader.YamlException e) {
            throw new IllegalArgumentException(file + ":" + e.line() + ": " + e.getMessage());
        }
        JsonNode notify = config == null ? null : config.get("notify");
        if (notify == null || notify.isNull()) {
            return commands;
        }
        if (notify.isTextual()) {
            commands.add(parse(notify.asText(), file + ": notify"));
        } else if (notify.isArray()) {
            for (JsonNode command : notify) {
                if (!command.isTextual()) {
                    throw new IllegalArgumentException(file + ": notify: each entry is a command string");
                }
                commands.add(parse(command.asText(), file + ": notify"));
            }
        } else {
            throw new IllegalArgumentException(file + ": notify: a command string or a list of them");
        }
        return commands;
    }

    private static List<String> parse(String command, String where) {
        try {
            List<String> argv = CommandWords.parse(command);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("the command is empty");
            }
            return argv;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }
}
