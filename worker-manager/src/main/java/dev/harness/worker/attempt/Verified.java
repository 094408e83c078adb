package dev.harness.worker.attempt;

import dev.harness.api.worker.Verification;
import java.util.List;

/**
 * How far a finished task was verified: changed_and_verified with how many files of its scope
 * changed (and a sample of them), or verified_unchanged (nothing changed, e.g. the built-in worker).
 */
public record Verified(Verification verification, int changedCount, List<String> changedFiles) {
    public Verified {
        if (verification == null) {
            throw new IllegalArgumentException("a verification says how the task was verified");
        }
        if (verification == Verification.VERIFIED_UNCHANGED && changedCount != 0) {
            throw new IllegalArgumentException("verified_unchanged changed nothing");
        }
        changedFiles = changedFiles == null ? null : List.copyOf(changedFiles);
    }

    public static Verified unchanged() {
        return new Verified(Verification.VERIFIED_UNCHANGED, 0, null);
    }

    public static Verified changed(int count, List<String> sample) {
        return new Verified(Verification.CHANGED_AND_VERIFIED, count, sample);
    }
}
