package dev.harness.orchestrator.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a recipes file makes of merge_conflict (read with the suite's one YAML reader). */
class ConflictRecipeTest {
    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("recipes:\n  merge_conflict:\n    action: escalate\n    max_retries: 0\n", new ConflictRecipe("escalate", 0)),
                Arguments.of("recipes:\n  merge_conflict: {action: retry, max_retries: 3}\n", new ConflictRecipe("retry", 3)),
                Arguments.of("recipes:\n  merge_conflict:\n    max_retries: -2\n", new ConflictRecipe("retry_with_feedback", 0)),
                Arguments.of("recipes:\n  merge_conflict:\n    action: [no]\n    max_retries: two\n", ConflictRecipe.DEFAULT),
                Arguments.of("recipes:\n  transient: {action: retry}\n", ConflictRecipe.DEFAULT),
                Arguments.of("- just a list\n", ConflictRecipe.DEFAULT),
                Arguments.of("recipes: [unclosed\n", ConflictRecipe.DEFAULT), // broken: the worker manager says why
                Arguments.of("", ConflictRecipe.DEFAULT));
    }

    @ParameterizedTest
    @MethodSource("files")
    void aRecipesFileGivesMergeConflictItsRecipe(String text, ConflictRecipe expected, @TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("recipes.yaml"), text);
        assertThat(ConflictRecipe.from(file)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void noFileIsTheDefault(@TempDir Path tmp) {
        assertThat(ConflictRecipe.from(tmp.resolve("missing.yaml"))).isEqualTo(ConflictRecipe.DEFAULT);
        assertThat(ConflictRecipe.from(null)).isEqualTo(ConflictRecipe.DEFAULT);
    }
}
