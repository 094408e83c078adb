package dev.harness.worker.checkout;

import java.util.Locale;

/** When a worker gets its own git worktree: auto (when its commit policy asks for a commit), always, never. */
public enum WorktreeMode {
    AUTO, ALWAYS, NEVER;

    public static WorktreeMode parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
