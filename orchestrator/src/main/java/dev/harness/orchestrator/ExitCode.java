package dev.harness.orchestrator;

/** The orchestrator's exit codes: the help text and the README list the same five. */
public enum ExitCode {
    SUCCESS(0, "success: every task completed (or there was nothing left to do)"),
    TASK_FAILED(1, "a task failed, the bootstrap failed, or the run was rejected or aborted"),
    USAGE(2, "usage: bad arguments or input (empty objective, unknown run id, corrupted or altered run log)"),
    WAITING_FOR_HUMAN(3, "waiting for a human: plan approval, workspace trust, or an escalation decision"),
    INTERNAL(4, "internal or service failure (a service missing, dead or misbehaving)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The block the help footers show. */
    public static String helpText() {
        StringBuilder text = new StringBuilder("Exit codes:%n");
        for (ExitCode exit : values()) {
            text.append(String.format("  %d  %s%%n", exit.code, exit.meaning.replace("%", "%%")));
        }
        return text.toString();
    }
}
