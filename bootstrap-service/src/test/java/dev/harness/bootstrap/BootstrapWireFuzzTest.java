package dev.harness.bootstrap;

import dev.harness.bootstrap.host.HostEnvironment;
import dev.harness.protocol.fuzz.ServiceWireFuzz;
import net.jqwik.api.PropertyDefaults;

/** The bootstrap service's loop under hostile lines made from examples/bootstrap, and its corpus of past findings. */
@PropertyDefaults(tries = 25)
class BootstrapWireFuzzTest extends ServiceWireFuzz {
    BootstrapWireFuzzTest() {
        super("bootstrap", home -> new BootstrapService(new HostEnvironment(scratchEnvironment(home), home), home));
    }
}
