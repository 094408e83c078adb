package dev.harness.protocol.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DependencyOrderTest {
    record Task(String id, List<String> dependsOn) {}

    /** "a:b,c d e:a" → tasks a (depends on b, c), d, e (depends on a). */
    private static List<Task> tasks(String spec) {
        List<Task> tasks = new ArrayList<>();
        for (String part : spec.trim().split("\\s+")) {
            String[] idDeps = part.split(":", -1);
            tasks.add(new Task(idDeps[0], idDeps.length < 2 || idDeps[1].isEmpty() ? List.of() : Arrays.asList(idDeps[1].split(","))));
        }
        return tasks;
    }

    private static DependencyOrder.Result<Task> order(List<Task> tasks) {
        return DependencyOrder.of(tasks, Task::id, Task::dependsOn);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "a b c|a b c",
            "c:b b:a a|a b c",
            "a:x b|a b",                // an unknown dependency is ignored here
            "b:a d a c|d a b c",        // b waits for a; among the ready, input order wins
            "d:a,b c b a|c b a d",
            "a b:a a:b|a b",            // a repeated id counts once: the first one
    })
    void ordersDependenciesFirstKeepingInputOrderForTies(String spec, String expected) {
        List<String> ids = order(tasks(spec)).orElseThrow().stream().map(Task::id).toList();
        assertThat(String.join(" ", ids)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> cycle {1}")
    @CsvSource(delimiter = '|', value = {
            "a:a|a",
            "a:b b:a|a b",
            "x a:b b:c c:a|a b c",
            "r a:b b:c c:b|a",   // the walk from a reaches the cycle b ↔ c
    })
    void aCycleIsNamedInOrder(String spec, String expected) {
        DependencyOrder.Result<Task> result = order(tasks(spec));
        assertThat(result).isInstanceOf(DependencyOrder.Cycle.class);
        List<String> ids = ((DependencyOrder.Cycle<Task>) result).ids();
        if (expected.equals("a")) {
            assertThat(ids).hasSize(spec.startsWith("r") ? 2 : 1);
        } else {
            assertThat(String.join(" ", ids)).isEqualTo(expected);
        }
        // each id depends on the next, and the last on the first
        Map<String, List<String>> deps = tasks(spec).stream().collect(Collectors.toMap(Task::id, Task::dependsOn, (x, y) -> x));
        for (int i = 0; i < ids.size(); i++) {
            assertThat(deps.get(ids.get(i))).contains(ids.get((i + 1) % ids.size()));
        }
    }

    @Test
    void theCycleSaysWhatItIs() {
        DependencyOrder.Result<Task> result = order(tasks("p a:b b:a"));
        DependencyOrder.Cycle<Task> cycle = (DependencyOrder.Cycle<Task>) result;
        assertThat(cycle.describe()).isEqualTo("Dependency cycle: a → b → a.");
        assertThat(cycle.ordered()).extracting(Task::id).containsExactly("p");
        assertThatThrownBy(result::orElseThrow).hasMessage("Dependency cycle: a → b → a.");
    }

    @Test
    void aHundredThousandTaskChainListedDependentsFirstWorks() {
        int n = 100_000;
        List<Task> chain = new ArrayList<>(n);
        for (int i = n - 1; i >= 0; i--) {
            chain.add(new Task("t" + i, i == 0 ? List.of() : List.of("t" + (i - 1))));
        }
        List<Task> ordered = order(chain).orElseThrow();
        assertThat(ordered).hasSize(n);
        assertThat(ordered.get(0).id()).isEqualTo("t0");
        assertThat(ordered.get(n - 1).id()).isEqualTo("t" + (n - 1));

        chain.set(n - 1, new Task("t0", List.of("t" + (n - 1)))); // close the chain into one big cycle
        DependencyOrder.Result<Task> cycle = order(chain);
        assertThat(((DependencyOrder.Cycle<Task>) cycle).ids()).hasSize(n);
    }
}
