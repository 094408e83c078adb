package dev.harness.orchestrator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.OrchestratorException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceCommandTest {
    @Test
    void splitsLikeAShellWithoutRunningOne() {
        assertThat(ServiceCommand.split("java -jar '/opt/my harness/x.jar' --flag=\"a b\" c\\ d"))
                .containsExactly("java", "-jar", "/opt/my harness/x.jar", "--flag=a b", "c d");
        assertThat(ServiceCommand.split("sh -c 'rm -rf ~; echo $(id)'")).containsExactly("sh", "-c", "rm -rf ~; echo $(id)");
    }

    @Test
    void anUnbalancedQuoteIsAUsageError() {
        assertThatThrownBy(() -> ServiceCommand.split("planner 'oops"))
                .isInstanceOf(OrchestratorException.class).hasMessageContaining("Unbalanced quote");
    }

    @Test
    void aMissingExecutableIsNamedWithWhereItCameFrom() {
        assertThatThrownBy(() -> ServiceCommand.resolve(ServiceKind.WORKER_MANAGER, "/no/such/worker-manager --quiet", Map.of()))
                .isInstanceOfSatisfying(OrchestratorException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.INTERNAL);
                    assertThat(e.getMessage()).contains("worker-manager", "/no/such/worker-manager", "--worker-manager");
                });
        assertThatThrownBy(() -> ServiceCommand.resolve(ServiceKind.PLANNING, null,
                Map.of("HARNESS_PLANNING_SERVICE", "no-such-planner-on-path", "PATH", "/nonexistent")))
                .hasMessageContaining("HARNESS_PLANNING_SERVICE");
    }

    @Test
    void anOverrideFoundOnThePathIsUsedAsGiven() {
        ServiceCommand command = ServiceCommand.resolve(ServiceKind.BOOTSTRAP, "sh -c 'exit 0'", Map.of("PATH", "/bin:/usr/bin"));
        assertThat(command.argv()).containsExactly("sh", "-c", "exit 0");
    }

    @Test
    void onlyReadsAreRetriedAfterARestart() {
        assertThat(ServiceKind.WORKER_MANAGER.isIdempotent("wait_worker")).isTrue();
        assertThat(ServiceKind.WORKER_MANAGER.isIdempotent("spawn_worker")).isFalse();
        assertThat(ServiceKind.WORKER_MANAGER.isIdempotent("decide")).isFalse();
        assertThat(ServiceKind.BOOTSTRAP.isIdempotent("execute_phase")).isTrue();
        assertThat(ServiceKind.PLANNING.isIdempotent("decompose")).isTrue();
    }
}
