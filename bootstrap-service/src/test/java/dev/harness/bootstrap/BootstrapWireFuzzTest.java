package dev.harness.bootstrap;

import dev.harness.bootstrap.host.HostEnvironment;
import dev.harness.protocol.Service;
import dev.harness.protocol.fuzz.ServiceWireFuzz;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.PropertyDefaults;

/** The bootstrap service's loop under hostile lines made from examples/bootstrap, and its corpus of past findings. */
@PropertyDefaults(tries = 25)
class BootstrapWireFuzzTest extends ServiceWireFuzz {
    @Override
    protected String examples() {
        return "bootstrap";
    }

    @Override
    protected Service service(Path home) {
        return new BootstrapService(new HostEnvironment(Map.of("HOME", home.toString(),
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")), home), home);
    }
}
