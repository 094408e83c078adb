package dev.harness.orchestrator.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.api.plan.Scope;
import dev.harness.api.plan.TaskPacket;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopeOverlapTest {
    private static TaskPacket packet(String scope, String path, String commitPolicy) {
        return new TaskPacket("t", null, "change " + path, null, Scope.fromWire(scope), path.equals("-") ? null : path,
                List.of("true"), null, commitPolicy, null, null, null, null);
    }

    @ParameterizedTest(name = "{0}:{1} vs {2}:{3} → {4}")
    @CsvSource({
            // scope a, path a, scope b, path b, overlaps
            "module, src/theme, module, src/api, false",
            "module, src/theme, single_file, src/theme/dark.css, true",
            "module, src/theme, module, src/themes, false",
            "module, src/theme, module, ./src/theme/, true",
            "workspace, -, module, src/api, true",
            "module, src, module, src/api, true",
    })
    void committingTasksOverlapWhenOneScopeContainsTheOther(String scopeA, String pathA, String scopeB, String pathB,
                                                             boolean expected) {
        String commit = "single verified commit";
        assertThat(ScopeOverlap.overlaps(packet(scopeA, pathA, commit), packet(scopeB, pathB, commit))).isEqualTo(expected);
        assertThat(ScopeOverlap.overlaps(packet(scopeB, pathB, commit), packet(scopeA, pathA, commit))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"none", "no commit", "keep it tidy"})
    void aTaskThatCommitsNothingOverlapsNothing(String policy) {
        assertThat(ScopeOverlap.overlaps(packet("workspace", "-", policy), packet("workspace", "-", "single verified commit")))
                .isFalse();
    }
}
