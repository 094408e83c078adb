package dev.harness.orchestrator.render;

import java.util.Map;

/**
 * How the hints ("Continue with: … resume RUN") name the orchestrator: as the person ran it, which
 * bin/orchestrator passes in HARNESS_PROGRAM (e.g. {@code bin/orchestrator}), else plain
 * {@code orchestrator}. Quoted for a shell when it holds anything but plain path characters, so the
 * hint can be pasted as it is.
 */
public final class CommandName {
    static final String VARIABLE = "HARNESS_PROGRAM";
    private static final String DEFAULT = "orchestrator";
    private static final String CURRENT = of(System.getenv());

    private CommandName() {
    }

    /** The name for this process's hints. */
    public static String current() {
        return CURRENT;
    }

    static String of(Map<String, String> env) {
        String given = env.get(VARIABLE);
        if (given == null || given.isBlank() || given.indexOf('\n') >= 0 || given.length() > 4096) {
            return DEFAULT;
        }
        return dev.harness.protocol.CommandWords.quote(given); // the suite's one shell quoting
    }
}
