package dev.harness.planning;

/** The external planner gave no usable plan; the message says why (it becomes a plan warning). */
public final class PlannerFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public PlannerFailure(String message) {
        super(message, null, false, false);
    }
}
