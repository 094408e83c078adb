package dev.harness.orchestrator;

/** The orchestrator executable (placeholder until its issue lands). */
public final class Orchestrator {
    public static void main(String[] args) {
        System.err.println("orchestrator: not built yet");
        System.exit(3);
    }
}
