package dev.harness.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a tool call may pass on to the orchestrator: nothing that reads as an option or approves. */
class ToolArgumentsTest {
    private static final Set<String> ALL = Set.of("objective", "run_id", "kind", "task", "since_seq", "decision", "workspace");

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("a blank objective", Map.of("objective", "   "), (Function<ToolArguments, Object>) ToolArguments::objective),
                Arguments.of("a huge objective", Map.of("objective", "x".repeat(ToolArguments.MAX_OBJECTIVE_CHARS + 1)), (Function<ToolArguments, Object>) ToolArguments::objective),
                Arguments.of("an objective that is no string", Map.of("objective", 3), (Function<ToolArguments, Object>) ToolArguments::objective),
                Arguments.of("an option as run id", Map.of("run_id", "--trust"), (Function<ToolArguments, Object>) ToolArguments::runId),
                Arguments.of("a path as run id", Map.of("run_id", "../x"), (Function<ToolArguments, Object>) ToolArguments::runId),
                Arguments.of("a missing run id", Map.of(), (Function<ToolArguments, Object>) ToolArguments::runId),
                Arguments.of("an option as kind", Map.of("kind", "--yes"), (Function<ToolArguments, Object>) ToolArguments::optionalKind),
                Arguments.of("an option as task", Map.of("task", "-x"), (Function<ToolArguments, Object>) ToolArguments::optionalTask),
                Arguments.of("a negative seq", Map.of("since_seq", -1), (Function<ToolArguments, Object>) ToolArguments::sinceSeq),
                Arguments.of("a fractional seq", Map.of("since_seq", 1.5), (Function<ToolArguments, Object>) ToolArguments::sinceSeq),
                Arguments.of("approve as decision", Map.of("decision", "approve"),
                        (Function<ToolArguments, Object>) a -> a.choice("decision", Set.of("retry", "skip", "abort"), null)),
                Arguments.of("a relative workspace", Map.of("workspace", "project"),
                        (Function<ToolArguments, Object>) a -> a.workspace(Path.of("/"))),
                Arguments.of("a missing workspace", Map.of("workspace", "/no/such/dir/anywhere"),
                        (Function<ToolArguments, Object>) a -> a.workspace(Path.of("/"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String what, Map<String, Object> args, Function<ToolArguments, Object> read) {
        ToolArguments arguments = ToolArguments.of(args, ALL);
        assertThatThrownBy(() -> read.apply(arguments)).isInstanceOf(ToolArguments.InvalidArgument.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("undeclared")
    void undeclaredArgumentsAreRefused(String name) {
        Map<String, Object> args = new HashMap<>();
        args.put("run_id", "20261130-032104-84b6");
        args.put(name, true);
        assertThatThrownBy(() -> ToolArguments.of(args, Set.of("run_id")))
                .isInstanceOf(ToolArguments.InvalidArgument.class).hasMessageContaining(name);
    }

    static Stream<String> undeclared() {
        return Stream.of("yes", "trust", "approve", "--yes", "args");
    }

    /** The CLI takes such an objective after "--"; the tools do too, and put it only there. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dashObjectives")
    void anObjectiveStartingWithADashIsTakenAndOnlyEverFollowsTheDoubleDash(String objective, @TempDir Path dir) {
        String taken = ToolArguments.of(Map.of("objective", objective), ALL).objective();
        assertThat(taken).isEqualTo(objective);
        for (List<String> argv : List.of(HarnessMcp.planCommand(dir, taken), HarnessMcp.runCommand(dir, "none", taken))) {
            assertThat(argv.indexOf(taken)).as(argv.toString()).isEqualTo(argv.size() - 1);
            assertThat(argv.get(argv.size() - 2)).isEqualTo("--");
            assertThat(argv.subList(0, argv.size() - 1)).doesNotContain("--yes", "--trust", "-y");
        }
    }

    static Stream<String> dashObjectives() {
        return Stream.of("-rf the build dir", "--yes", "--trust add a file", "-y do it", "-- twice");
    }

    @org.junit.jupiter.api.Test
    void acceptsWhatAToolNeeds(@TempDir Path dir) {
        ToolArguments a = ToolArguments.of(Map.of("objective", "  add dark mode -- now ", "run_id", "20261130-032104-84b6",
                "kind", "task_failed", "task", "t1", "since_seq", 12, "workspace", dir.toString()), ALL);
        assertThat(a.objective()).isEqualTo("add dark mode -- now");
        assertThat(a.runId()).isEqualTo("20261130-032104-84b6");
        assertThat(a.optionalKind()).isEqualTo("task_failed");
        assertThat(a.optionalTask()).isEqualTo("t1");
        assertThat(a.sinceSeq()).isEqualTo(12);
        assertThat(a.workspace(Path.of("/"))).isEqualTo(dir);
        assertThat(ToolArguments.of(Map.of(), ALL).workspace(dir)).isEqualTo(dir);
    }
}
