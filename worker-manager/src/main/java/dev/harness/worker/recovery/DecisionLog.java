package dev.harness.worker.recovery;

import dev.harness.api.worker.DecisionRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The decisions taken about one worker: every escalation decision in order ({@code decisions})
 * and the latest one, which may instead be a trust denial ({@code decision}: no decision, a reason).
 */
public record DecisionLog(DecisionRecord latest, List<DecisionRecord> all) {
    public static final DecisionLog EMPTY = new DecisionLog(null, List.of());

    public DecisionLog {
        all = List.copyOf(all);
    }

    /** A decision after an escalation: the latest, and one more in the list. */
    public DecisionLog with(DecisionRecord decision) {
        List<DecisionRecord> more = new ArrayList<>(all);
        more.add(decision);
        return new DecisionLog(decision, more);
    }

    /** Trust refused: the latest word on the worker, not an escalation decision. */
    public DecisionLog denied(DecisionRecord denial) {
        return new DecisionLog(denial, all);
    }
}
