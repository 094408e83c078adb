package dev.harness.orchestrator.cli;

/** Text every command's help ends with. */
public final class HelpText {
    public static final String EXIT_CODES = "%nExit codes:%n"
            + "  0  success: every task completed%n"
            + "  1  a task failed, the bootstrap failed, or the run was rejected or aborted%n"
            + "  2  usage: bad arguments or input (empty objective, unknown run id, corrupted or altered run log)%n"
            + "  3  waiting for a human: plan approval, workspace trust, or an escalation decision%n"
            + "  4  internal or service failure (a service missing, dead or misbehaving)";

    private HelpText() {}
}
