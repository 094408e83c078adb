package dev.harness.planning;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why a check the planner would propose cannot be used on a workspace: it names a script, target
 * or path the project lacks (CheckTargets.missing), or a script it runs rewrites files
 * (CheckTargets.rewrites). The planner asks this for every check of every plan, and the same few
 * commands come back plan after plan, so the answer is kept with the scan the plan is made from
 * (issue 15: about 8% of a decompose): as fresh as the scan whose files and detected commands
 * made those checks, and computed again after a rescan.
 */
final class UnusableChecks {
    /** Distinct commands kept per scan; past this they are computed each time (a bound, not a working limit). */
    static final int MAX_KEPT = 4096;
    private static final String KEPT = "unusable-checks";

    private UnusableChecks() {
    }

    /** The reason {@code command} is not used as a check on the workspace of {@code facts}; empty when it can be. */
    static Optional<String> why(String command, WorkspaceFacts facts) {
        Map<String, Optional<String>> kept = facts.content().derived(KEPT, ConcurrentHashMap::new);
        Optional<String> why = kept.get(command);
        if (why == null) {
            why = now(command, facts.root());
            if (kept.size() < MAX_KEPT) {
                kept.putIfAbsent(command, why);
            }
        }
        return why;
    }

    /** The same, read from the workspace's files now. */
    static Optional<String> now(String command, Path root) {
        return CheckTargets.missing(command, root)
                .or(() -> CheckTargets.rewrites(command, root).map(why -> "it changes the workspace: " + why));
    }
}
