package dev.harness.worker.checkout;

import java.util.Locale;

/**
 * A packet's commit_policy where it names a known value: "none" (or "no commit") means no commit;
 * any text asking for a commit ("single verified commit") means one commit of the worker's changes
 * after every acceptance test passed; anything else is guidance for the agent only.
 */
public final class CommitPolicy {
    private CommitPolicy() {}

    public static boolean wantsCommit(String policy) {
        if (policy == null) {
            return false;
        }
        String text = policy.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty() || text.equals("none") || text.startsWith("no ") || text.startsWith("no_")
                || text.contains("do not commit") || text.contains("don't commit") || text.contains("never commit")) {
            return false;
        }
        return text.contains("commit");
    }
}
