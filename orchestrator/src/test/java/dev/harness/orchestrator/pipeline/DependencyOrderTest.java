package dev.harness.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harness.api.plan.ApprovedPacket;
import dev.harness.orchestrator.OrchestratorException;
import dev.harness.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyOrderTest {
    private static ApprovedPacket packet(String id, String... deps) {
        return ApprovedPacket.of(Json.object().put("id", id).put("objective", "do " + id).put("scope", "workspace")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("acceptance_tests", Json.toNode(List.of("true")))
                .set("depends_on", Json.toNode(List.of(deps))));
    }

    private static List<String> ids(List<ApprovedPacket> packets) {
        return packets.stream().map(ApprovedPacket::id).toList();
    }

    @Test
    void everyTaskComesAfterItsDependenciesAndPlanOrderIsKeptWhereFree() {
        List<ApprovedPacket> ordered = TaskScheduler.dependencyOrder(List.of(
                packet("deploy", "test"), packet("ui"), packet("test", "ui", "api"), packet("api")));
        assertThat(ids(ordered)).containsExactly("ui", "api", "test", "deploy");
    }

    @Test
    void aCycleIsRefusedNamingItsMembers() {
        assertThatThrownBy(() -> TaskScheduler.dependencyOrder(List.of(packet("a", "b"), packet("b", "a"), packet("c"))))
                .isInstanceOf(OrchestratorException.class).hasMessageContaining("cycle").hasMessageContaining("a → b → a");
    }

    @Test
    void anUnknownDependencyOrADuplicateIdIsRefused() {
        assertThatThrownBy(() -> TaskScheduler.dependencyOrder(List.of(packet("a", "ghost"))))
                .hasMessageContaining("ghost");
        assertThatThrownBy(() -> TaskScheduler.dependencyOrder(List.of(packet("a"), packet("a"))))
                .hasMessageContaining("two tasks with the id 'a'");
    }
}
