package dev.harness.planning;

/** Refine could not turn (part of) the feedback into a change of the plan. */
public final class FeedbackNotUnderstood extends Exception {
    private static final long serialVersionUID = 1L;

    public FeedbackNotUnderstood(String message) {
        super(message, null, false, false);
    }
}
