package dev.harness.worker;

import dev.harness.protocol.fuzz.ServiceWireFuzz;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.PropertyDefaults;

/**
 * The worker manager's loop under hostile lines made from examples/worker, and its corpus of past
 * findings. Its own state directory and a policy that denies every workspace: nothing runs.
 */
@PropertyDefaults(tries = 60)
class WorkerWireFuzzTest extends ServiceWireFuzz {
    WorkerWireFuzzTest() {
        super("worker", home -> new WorkerManager(scratchEnvironment(home)), WorkerWireFuzzTest::arguments);
    }

    private static String[] arguments(Path home) throws IOException {
        Path policy = home.resolve("deny-all.json");
        if (!Files.exists(policy)) {
            Files.writeString(policy, "{\"denied_roots\":[\"/\"],\"default\":\"deny\"}");
        }
        return new String[] {"--quiet", "--state-dir", home.resolve("state").toString(), "--trust-policy", policy.toString(),
                "--default-timeout", "5"};
    }
}
