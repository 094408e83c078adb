package dev.harness.orchestrator.integration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The merge_conflict recipe as the orchestrator applies it (it is the one that sees conflicts):
 * how often the owning task is sent back to its agent before a person decides. The built-in
 * default is one retry with the conflict as feedback; a recipes file (--recipes, the same file the
 * worker manager validates) may name merge_conflict with its own action and max_retries.
 */
public record ConflictRecipe(String action, int maxRetries) {
    public static final ConflictRecipe DEFAULT = new ConflictRecipe("retry_with_feedback", 1);

    /** Automatic retries left after {@code used}. */
    public boolean retriesAfter(int used) {
        return (action.equals("retry_with_feedback") || action.equals("retry")) && used < maxRetries;
    }

    /** The recipe a recipes file gives merge_conflict, else the default. */
    public static ConflictRecipe from(Path recipes) {
        if (recipes == null || !Files.isRegularFile(recipes)) {
            return DEFAULT;
        }
        Object document;
        try (InputStream in = Files.newInputStream(recipes)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException | RuntimeException e) {
            return DEFAULT; // the worker manager refuses a broken recipes file with the reason at start
        }
        if (document instanceof Map<?, ?> root && root.get("recipes") instanceof Map<?, ?> all
                && all.get("merge_conflict") instanceof Map<?, ?> recipe) {
            String action = recipe.get("action") instanceof String a ? a : DEFAULT.action();
            int max = recipe.get("max_retries") instanceof Number n ? n.intValue() : DEFAULT.maxRetries();
            return new ConflictRecipe(action, Math.max(0, max));
        }
        return DEFAULT;
    }
}
