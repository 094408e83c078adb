package dev.harness.planning;

import dev.harness.protocol.warm.WarmServer;

/**
 * The planning service kept warm for scripts (bin/planning-service --warm-start): one JVM whose
 * sessions are each a fresh {@link PlanningService} in its client's environment and working
 * directory, so a session answers as a cold start would, without the JVM's start (issue 15).
 */
public final class WarmPlanningService {
    private WarmPlanningService() {}

    public static void main(String[] args) {
        WarmServer.main(args, PlanningService::new);
    }
}
