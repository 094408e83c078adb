package dev.harness.protocol.secrets;

import dev.harness.protocol.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The names and patterns a person adds to the built-in rules, from their own configuration only
 * (never the workspace's, which could otherwise switch masking off for its own secrets):
 * {@code secrets.yaml} (or {@code .yml}/{@code .json}) in the user's harness config directory —
 * {@code $HARNESS_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/harness}, else {@code ~/.config/harness} —
 *
 * <pre>
 * names: [MY_SERVICE_CRED, "*_PASSPHRASE"]   # variables whose values are secrets (globs)
 * patterns: ["corp_[A-Za-z0-9]{32}"]          # regular expressions masked wherever they match
 * </pre>
 *
 * and the variables {@code HARNESS_SECRET_NAMES} (comma-separated globs) and
 * {@code HARNESS_SECRET_PATTERNS} (one regular expression per line). Rules only add masking.
 */
public record UserSecretRules(List<String> names, List<Pattern> patterns) {
    public static final List<String> FILES = List.of("secrets.yaml", "secrets.yml", "secrets.json");

    public UserSecretRules {
        names = List.copyOf(names);
        patterns = List.copyOf(patterns);
    }

    public static UserSecretRules none() {
        return new UserSecretRules(List.of(), List.of());
    }

    /** The user's config directory as the suite resolves it. */
    public static Path configDir(Map<String, String> env, Path home) {
        String harness = env.get("HARNESS_CONFIG_DIR");
        if (harness != null && !harness.isBlank()) {
            return Path.of(harness).toAbsolutePath().normalize();
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "harness").toAbsolutePath().normalize();
        }
        return home.resolve(".config").resolve("harness").toAbsolutePath().normalize();
    }

    /** The rules of this environment's user; a rule that cannot be read is reported on stderr and skipped, never fatal. */
    public static UserSecretRules load(Map<String, String> env, Path home) {
        List<String> names = new ArrayList<>();
        List<String> patterns = new ArrayList<>();
        Path dir = configDir(env, home);
        for (String file : FILES) {
            Path path = dir.resolve(file);
            if (Files.isRegularFile(path)) {
                readFile(path, names, patterns);
                break;
            }
        }
        String envNames = env.get("HARNESS_SECRET_NAMES");
        if (envNames != null) {
            for (String name : envNames.split("[,\\s]+")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        String envPatterns = env.get("HARNESS_SECRET_PATTERNS");
        if (envPatterns != null) {
            envPatterns.lines().filter(l -> !l.isBlank()).forEach(patterns::add);
        }
        return new UserSecretRules(names, compile(patterns));
    }

    private static void readFile(Path path, List<String> names, List<String> patterns) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            Log.warn("secret rules " + path + " cannot be read (" + e.getClass().getSimpleName() + "); only the built-in rules apply");
            return;
        }
        if (root == null) {
            return;
        }
        if (!(root instanceof Map<?, ?> map)) {
            Log.warn("secret rules " + path + " must be a mapping with names: and patterns:; only the built-in rules apply");
            return;
        }
        strings(map.get("names"), path, "names", names);
        strings(map.get("patterns"), path, "patterns", patterns);
    }

    private static void strings(Object value, Path path, String key, List<String> into) {
        if (value == null) {
            return;
        }
        if (!(value instanceof List<?> list)) {
            Log.warn("secret rules " + path + ": " + key + " must be a list of strings; ignored");
            return;
        }
        for (Object item : list) {
            if (item instanceof String s && !s.isBlank()) {
                into.add(s);
            } else {
                Log.warn("secret rules " + path + ": " + key + " has an entry that is not a string; ignored");
            }
        }
    }

    private static List<Pattern> compile(List<String> patterns) {
        List<Pattern> out = new ArrayList<>();
        for (String pattern : patterns) {
            try {
                out.add(Pattern.compile(pattern));
            } catch (PatternSyntaxException e) {
                Log.warn("secret pattern " + pattern + " is not a valid regular expression (" + e.getDescription() + "); ignored");
            }
        }
        return out;
    }
}
