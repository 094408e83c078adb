package dev.harness.orchestrator.render;

/** The few SGR sequences the console uses; written only when colour is on. */
final class Ansi {
    static final String RESET = "\u001b[0m";
    static final String BOLD = "\u001b[1m";
    static final String DIM = "\u001b[2m";
    static final String RED = "\u001b[31m";
    static final String GREEN = "\u001b[32m";
    static final String YELLOW = "\u001b[33m";
    static final String CYAN = "\u001b[36m";
    /** Back to column 0 and erase the line: redraws the progress line in place on a terminal. */
    static final String CLEAR_LINE = "\r\u001b[2K";

    private Ansi() {}
}
