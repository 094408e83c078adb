package dev.harness.worker.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harness.api.worker.FailureClass;
import dev.harness.worker.Fixtures;
import dev.harness.worker.InvalidFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryRecipesTest {
    @TempDir
    Path tmp;

    @Test
    void theBuiltInRecipesAreThePipelineTable() {
        RecoveryRecipes recipes = RecoveryRecipes.defaults();
        RecoveryRecipe transientRecipe = recipes.forClass(FailureClass.TRANSIENT);
        assertThat(transientRecipe.action()).isEqualTo(RecoveryRecipe.Action.RETRY);
        assertThat(transientRecipe.maxRetries()).isEqualTo(2);
        assertThat(transientRecipe.backoffMs()).containsExactly(5000L, 30000L);
        assertThat(recipes.forClass(FailureClass.LOGIC_ERROR).action()).isEqualTo(RecoveryRecipe.Action.RETRY_WITH_FEEDBACK);
        assertThat(recipes.forClass(FailureClass.LOGIC_ERROR).maxRetries()).isEqualTo(1);
        assertThat(recipes.forClass(FailureClass.PERMISSION).action()).isEqualTo(RecoveryRecipe.Action.ESCALATE);
        assertThat(recipes.forClass(FailureClass.PERMISSION).humanRetries()).isEqualTo(1);
        assertThat(recipes.forClass(FailureClass.INVALID_INPUT).humanRetries()).isEqualTo(1);
        assertThat(recipes.forClass(FailureClass.UNRECOVERABLE).humanRetries()).isZero();
        assertThat(recipes.forClass(FailureClass.UNKNOWN).action()).isEqualTo(RecoveryRecipe.Action.ESCALATE);
    }

    @Test
    void backoffRepeatsItsLastValue() {
        RecoveryRecipe recipe = new RecoveryRecipe(FailureClass.TRANSIENT, RecoveryRecipe.Action.RETRY, 4, List.of(10L, 20L),
                List.of(), List.of(), "");
        assertThat(List.of(recipe.backoffBefore(1), recipe.backoffBefore(2), recipe.backoffBefore(3))).containsExactly(10L, 20L, 20L);
    }

    @Test
    void aUserFileReplacesOnlyTheClassesItNames() throws Exception {
        Path file = Fixtures.write(tmp.resolve("r.yaml"), "version: 1\nrecipes:\n"
                + "  transient: {action: retry, max_retries: 5, backoff_ms: [10, 20]}\n"
                + "  unknown: {action: skip}\n");
        RecoveryRecipes recipes = RecoveryRecipes.load(file);
        assertThat(recipes.forClass(FailureClass.TRANSIENT).maxRetries()).isEqualTo(5);
        assertThat(recipes.forClass(FailureClass.TRANSIENT).backoffMs()).containsExactly(10L, 20L);
        assertThat(recipes.forClass(FailureClass.UNKNOWN).action()).isEqualTo(RecoveryRecipe.Action.SKIP);
        assertThat(recipes.forClass(FailureClass.LOGIC_ERROR).maxRetries()).isEqualTo(1);
    }

    @Test
    void aSpentBudgetIsNeverRetriedByARecipe() throws Exception {
        assertThat(RecoveryRecipes.defaults().forClass(FailureClass.BUDGET_EXCEEDED).action()).isEqualTo(RecoveryRecipe.Action.ESCALATE);
        for (String action : List.of("retry", "retry_with_feedback")) {
            Path file = Fixtures.write(tmp.resolve(action + ".yaml"), "version: 1\nrecipes:\n"
                    + "  budget_exceeded: {action: " + action + ", max_retries: 3}\n");
            assertThatThrownBy(() -> RecoveryRecipes.load(file)).isInstanceOf(InvalidFile.class)
                    .hasMessageContaining("budget_exceeded cannot retry");
        }
        Path skip = Fixtures.write(tmp.resolve("skip.yaml"), "version: 1\nrecipes:\n  budget_exceeded: {action: skip}\n");
        assertThat(RecoveryRecipes.load(skip).forClass(FailureClass.BUDGET_EXCEEDED).action()).isEqualTo(RecoveryRecipe.Action.SKIP);
    }

    @Test
    void jsonFilesWorkToo() throws Exception {
        Path file = Fixtures.write(tmp.resolve("r.json"), "{\"recipes\": {\"permission\": {\"action\": \"abort\"}}}");
        assertThat(RecoveryRecipes.load(file).forClass(FailureClass.PERMISSION).action()).isEqualTo(RecoveryRecipe.Action.ABORT);
    }

    @Test
    void invalidFilesAreRefusedWithWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> RecoveryRecipes.load(Fixtures.write(tmp.resolve("a.yaml"), "recipes:\n  flaky: {action: retry}\n")))
                .isInstanceOf(InvalidFile.class).hasMessageContaining("a.yaml");
        assertThatThrownBy(() -> RecoveryRecipes.load(Fixtures.write(tmp.resolve("b.yaml"), "recipes:\n  transient: {max_retries: 1}\n")))
                .isInstanceOf(InvalidFile.class).hasMessageContaining("/recipes/transient");
        assertThatThrownBy(() -> RecoveryRecipes.load(Fixtures.write(tmp.resolve("c.yaml"),
                "recipes:\n  transient: {action: retry, patterns: [\"(unclosed\"]}\n")))
                .isInstanceOf(InvalidFile.class).hasMessageContaining("regular expression");
        assertThatThrownBy(() -> RecoveryRecipes.load(Fixtures.write(tmp.resolve("d.yaml"), "recipes: [unclosed\n")))
                .isInstanceOf(InvalidFile.class).hasMessageContaining("d.yaml:2").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> RecoveryRecipes.load(tmp.resolve("missing.yaml")))
                .isInstanceOf(InvalidFile.class).hasMessageContaining("does not exist");
    }

    @Test
    void theShippedExamplesAreValid() throws Exception {
        Path examples = Path.of(System.getProperty("user.dir")).resolve("../examples/recovery");
        try (var files = java.nio.file.Files.list(examples)) {
            List<Path> list = files.toList();
            assertThat(list).isNotEmpty();
            for (Path file : list) {
                assertThat(RecoveryRecipes.load(file)).as(file.toString()).isNotNull();
            }
        }
    }
}
