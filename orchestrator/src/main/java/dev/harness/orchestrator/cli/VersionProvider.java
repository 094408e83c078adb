package dev.harness.orchestrator.cli;

import dev.harness.protocol.ServiceLauncher;
import picocli.CommandLine.IVersionProvider;

/** The suite's one version, as the services print it. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"orchestrator " + ServiceLauncher.version()};
    }
}
