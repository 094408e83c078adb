package dev.harness.orchestrator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.OrchestratorException;
import dev.harness.protocol.HostedProcess;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where each service runs (HARNESS_SERVICES, overrides), and a hosted one supervised as a child is. */
class HostingTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
            // kind,           HARNESS_SERVICES, override,       runs
            "PLANNING,         '',               '',             hosted",
            "BOOTSTRAP,        '',               '',             hosted",
            "WORKER_MANAGER,   '',               '',             process",
            "PLANNING,         in-process,       '',             hosted",
            "PLANNING,         process,          '',             process",
            "BOOTSTRAP,        process,          '',             process",
            "PLANNING,         '',               'sh -c true',   process",
            "BOOTSTRAP,        in-process,       'sh -c true',   process",
    })
    void eachServiceRunsWhereTheEnvironmentSays(ServiceKind kind, String hosting, String override, String runs) {
        Map<String, String> env = hosting.isEmpty() ? Map.of("PATH", "/bin:/usr/bin")
                : Map.of("PATH", "/bin:/usr/bin", Hosting.ENV, hosting);
        ServiceSet.Launch launch = ServiceSet.Launch.of(kind, override.isEmpty() ? null : override, env, tmp, List.of(),
                tmp.resolve("log"));
        assertThat(launch.hosted() != null ? "hosted" : "process").isEqualTo(runs);
        assertThat(launch.command() == null).isEqualTo(launch.hosted() != null);
    }

    @Test
    void aServiceNamedByItsVariableRunsAsThatProcess() {
        ServiceSet.Launch launch = ServiceSet.Launch.of(ServiceKind.PLANNING, null,
                Map.of("PATH", "/bin:/usr/bin", "HARNESS_PLANNING_SERVICE", "sh -c true"), tmp, List.of(), tmp.resolve("log"));
        assertThat(launch.hosted()).isNull();
        assertThat(launch.command().argv()).containsExactly("sh", "-c", "true");
    }

    @Test
    void anUnknownHostingIsAUsageErrorNamingTheChoices() {
        assertThatThrownBy(() -> Hosting.from(Map.of(Hosting.ENV, "threads")))
                .isInstanceOfSatisfying(OrchestratorException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(e.getMessage()).contains("HARNESS_SERVICES=threads", "in-process", "process");
                });
    }

    @Test
    void aHostedPlanningServicePlansLogsToItsFileAndIsRestartedAfterItDied() throws Exception {
        Path workspace = Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(workspace.resolve("README.md"), "# a project\n");
        Path log = tmp.resolve("services/planning-service.stderr.log");
        List<String> reported = new CopyOnWriteArrayList<>();
        try (ServiceSet services = new ServiceSet(workspace, Map.of(),
                kind -> ServiceSet.Launch.of(kind, null, Map.of(), workspace, List.of(), log), reported::add)) {
            JsonNode params = Json.object().put("objective", "add a footer to the readme")
                    .set("context", Json.object().put("cwd", workspace.toString()));
            JsonNode plan = services.planning().call("decompose", params, Duration.ofSeconds(120));
            assertThat(plan.isArray()).isTrue();
            assertThat(plan.size()).isPositive();
            assertThat(services.planning().process()).isInstanceOf(HostedProcess.class);

            services.planning().process().destroyForcibly(); // as a crash would end a child
            JsonNode again = services.planning().call("decompose", params, Duration.ofSeconds(120));

            assertThat(again.size()).isEqualTo(plan.size());
            assertThat(services.planning().starts()).isEqualTo(2);
            assertThat(reported).anyMatch(r -> r.contains("planning-service") && r.contains("137"));
        }
        assertThat(Files.readString(log)).contains("planning-service info: decompose");
    }
}
