package dev.harness.worker.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.worker.FailureClass;
import dev.harness.protocol.Json;
import dev.harness.protocol.SchemaCatalog;
import dev.harness.protocol.Violation;
import dev.harness.worker.InvalidFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The recovery recipe of every failure class: the built-in defaults (recovery-recipes.yaml next to
 * this class), with the classes a user file names replaced by the user's recipes. Both are
 * validated by schemas/failure-scenario.schema.json.
 */
public final class RecoveryRecipes {
    private static final String DEFAULTS = "recovery-recipes.yaml";
    /** null for the built-in defaults, read on first use ({@link BuiltIn}); else the merged recipes. */
    private final Map<FailureClass, RecoveryRecipe> recipes;

    private RecoveryRecipes(Map<FailureClass, RecoveryRecipe> recipes) {
        this.recipes = recipes;
    }

    /**
     * The built-in recipes. They are parsed on the first {@link #forClass} (issue 15: reading them
     * costs a YAML parser, a schema and a record binding, which a worker manager answering one
     * list_workers never needs); a user's --recipes file is still read and checked at once by {@link #load}.
     */
    public static RecoveryRecipes defaults() {
        return new RecoveryRecipes(null);
    }

    /** The defaults, with every class the file names replaced by its recipe. */
    public static RecoveryRecipes load(Path file) throws InvalidFile {
        Map<FailureClass, RecoveryRecipe> merged = new EnumMap<>(BuiltIn.RECIPES);
        merged.putAll(parse(readConfig(file), file.toString()));
        return new RecoveryRecipes(merged);
    }

    /** The class's recipe; a class with none (a newer class than the recipe file) escalates like unknown. */
    public RecoveryRecipe forClass(FailureClass failureClass) {
        Map<FailureClass, RecoveryRecipe> all = recipes != null ? recipes : BuiltIn.RECIPES;
        RecoveryRecipe recipe = all.get(failureClass);
        return recipe != null ? recipe : all.get(FailureClass.UNKNOWN);
    }

    /** The built-in recipes, read once when first asked for (the class initialisation makes it thread-safe). */
    private static final class BuiltIn {
        static final Map<FailureClass, RecoveryRecipe> RECIPES = read();

        private static Map<FailureClass, RecoveryRecipe> read() {
            try (InputStream in = RecoveryRecipes.class.getResourceAsStream(DEFAULTS)) {
                if (in == null) {
                    throw new IllegalStateException(DEFAULTS + " is missing from the class path");
                }
                return java.util.Collections.unmodifiableMap(parse(readConfig(in, DEFAULTS), DEFAULTS));
            } catch (IOException | InvalidFile e) {
                throw new IllegalStateException("built-in recipes are broken: " + e.getMessage(), e);
            }
        }
    }

    /** A schema-valid recipe file: its recipes by failure class name, in the file's order. */
    record Written(java.util.LinkedHashMap<String, RecoveryRecipe.Written> recipes) {}

    private static Map<FailureClass, RecoveryRecipe> parse(JsonNode document, String source) throws InvalidFile {
        List<Violation> violations = SchemaCatalog.shared().named("failure-scenario").validate(document);
        if (!violations.isEmpty()) {
            throw new InvalidFile(source + " is not a valid recipe file: " + violations.get(0).path() + " "
                    + violations.get(0).message() + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
        }
        Map<FailureClass, RecoveryRecipe> parsed = new EnumMap<>(FailureClass.class);
        Written file = Json.convert(document, Written.class);
        for (Map.Entry<String, RecoveryRecipe.Written> entry : file.recipes().entrySet()) {
            FailureClass failureClass = FailureClass.fromWire(entry.getKey());
            for (String pattern : entry.getValue().patterns() == null ? List.<String>of() : entry.getValue().patterns()) {
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    throw new InvalidFile(source + ": recipes/" + entry.getKey() + "/patterns has an invalid regular expression '"
                            + pattern + "'");
                }
            }
            RecoveryRecipe recipe = RecoveryRecipe.of(failureClass, entry.getValue());
            if (failureClass == FailureClass.BUDGET_EXCEEDED && (recipe.action() == RecoveryRecipe.Action.RETRY
                    || recipe.action() == RecoveryRecipe.Action.RETRY_WITH_FEEDBACK)) {
                throw new InvalidFile(source + ": recipes/budget_exceeded cannot retry: a spent budget starts no new attempt"
                        + " by itself (use escalate, skip or abort)");
            }
            parsed.put(failureClass, recipe);
        }
        return parsed;
    }

    /** A YAML or JSON configuration file as a JSON tree; its problems (file:line) as an InvalidFile. */
    private static com.fasterxml.jackson.databind.JsonNode readConfig(java.nio.file.Path file) throws InvalidFile {
        try {
            return dev.harness.protocol.json.YamlReader.read(file);
        } catch (dev.harness.protocol.json.YamlReader.YamlException e) {
            throw new InvalidFile(e.getMessage());
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode readConfig(java.io.InputStream in, String source) throws InvalidFile {
        try {
            return dev.harness.protocol.json.YamlReader.read(in, source);
        } catch (dev.harness.protocol.json.YamlReader.YamlException e) {
            throw new InvalidFile(e.getMessage());
        }
    }
}
