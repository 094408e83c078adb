package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The services as child processes: a missing one is named, a dead one is restarted and its request retried. */
class ServicesIT extends E2E {
    @BeforeEach
    void workspace() {
        copyDashboard();
    }

    @Test
    void aMissingServiceExecutableIsNamedAndIsAServiceFailure() {
        Path missing = temp.resolve("nowhere/planning-service");
        Result run = orchestrator("-C", workspace.toString(), "--planning-service", missing.toString(), "--yes", "add dark mode");

        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.stderr()).contains("planning-service", missing.toString());
    }

    @Test
    void aBootstrapServiceThatDiesIsReportedRestartedAndItsIdempotentRequestRetried() throws Exception {
        // the first start dies while handling its first request (as a crash would); later starts are the real service
        Path marker = scratch.resolve("crashed-once");
        Path wrapper = temp.resolve("crash-once.sh");
        Files.writeString(wrapper, "#!/bin/sh\nif [ ! -f '" + marker + "' ]; then touch '" + marker + "';"
                + " read -r request; echo 'simulated crash' >&2; exit 3; fi\nexec '" + ROOT.resolve("bin/bootstrap-service") + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path plan = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")));

        Result run = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "--trust",
                "--bootstrap-service", wrapper.toString(), "check");

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.stdout()).contains("bootstrap-service exited with code 3", "restarting it and retrying execute_phase once");
        String id = run.runId();
        assertThat(Files.readString(runDir(id).resolve("services/bootstrap-service.stderr.log"))).contains("simulated crash");
        assertThat(events(id, "bootstrap_phase_completed")).hasSize(5);
    }
}
