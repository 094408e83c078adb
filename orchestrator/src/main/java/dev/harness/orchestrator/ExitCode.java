package dev.harness.orchestrator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The orchestrator's exit codes, declared once: every command's help lists them from here
 * (picocli's exit-code list), and a test holds the README's table to the same list.
 */
public enum ExitCode {
    SUCCESS(0, "success: every task completed (or there was nothing left to do)"),
    TASK_FAILED(1, "a task failed, the bootstrap failed, trust was refused, or the run was rejected or aborted"),
    USAGE(2, "usage: bad arguments or input (empty objective, unknown run id, a decision the run cannot take,"
            + " corrupted or altered run log)"),
    WAITING_FOR_HUMAN(3, "waiting for a human: plan approval, workspace trust, or an escalation decision"),
    INTERNAL(4, "internal or service failure (a service missing, dead or misbehaving)"),
    COMPLETED_WITH_SKIPS(5, "completed with skips: nothing failed, but tasks were skipped (by decision or policy), so not everything was done"),
    INTERRUPTED(130, "interrupted by Ctrl-C (SIGINT); 143 for SIGTERM: running tasks were cancelled, resume continues"),
    TERMINATED(143, "terminated by SIGTERM (see 130)");

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

    /** The list every command's help ends with (code → meaning), in picocli's exit-code-list form. */
    public static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode exit : values()) {
            if (exit != TERMINATED) {
                list.put(String.valueOf(exit.code), exit.meaning);
            }
        }
        return list;
    }
}
