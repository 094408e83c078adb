package dev.harness.worker.recovery;

import java.util.Locale;

/** A packet's escalation_policy: ask (wait for a human), skip or abort; any other text behaves as ask. */
public enum EscalationPolicy {
    ASK, SKIP, ABORT;

    public static EscalationPolicy of(String text) {
        if (text == null) {
            return ASK;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "skip" -> SKIP;
            case "abort" -> ABORT;
            default -> ASK;
        };
    }
}
