package dev.harness.orchestrator.integration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.json.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;

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
        JsonNode recipe;
        try {
            recipe = YamlReader.read(recipes).at("/recipes/merge_conflict");
        } catch (YamlReader.YamlException e) {
            return DEFAULT; // the worker manager refuses a broken recipes file with the reason at start
        }
        if (recipe.isObject()) {
            JsonNode action = recipe.get("action");
            JsonNode max = recipe.get("max_retries");
            return new ConflictRecipe(action != null && action.isTextual() ? action.asText() : DEFAULT.action(),
                    Math.max(0, max != null && max.isNumber() ? max.intValue() : DEFAULT.maxRetries()));
        }
        return DEFAULT;
    }
}
