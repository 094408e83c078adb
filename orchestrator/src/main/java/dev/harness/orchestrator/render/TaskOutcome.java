package dev.harness.orchestrator.render;

/** What happened to a task, as one progress line shows it. */
public enum TaskOutcome {
    STARTED("▶", Ansi.CYAN),
    RETRYING("↻", Ansi.YELLOW),
    WAITING("⏸", Ansi.YELLOW),
    COMPLETED("✓", Ansi.GREEN),
    FAILED("✗", Ansi.RED),
    SKIPPED("⊘", Ansi.YELLOW),
    /** Not run yet: it waits for a task sent back after a merge conflict, then runs. */
    POSTPONED("↺", Ansi.YELLOW);

    private final String symbol;
    private final String color;

    TaskOutcome(String symbol, String color) {
        this.symbol = symbol;
        this.color = color;
    }

    public String symbol() {
        return symbol;
    }

    String color() {
        return color;
    }

    /** The task's turn is over (done, failed or skipped). */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == SKIPPED;
    }
}
