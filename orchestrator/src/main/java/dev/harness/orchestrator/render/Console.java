package dev.harness.orchestrator.render;

import dev.harness.orchestrator.evidence.FailingCheck;
import dev.harness.orchestrator.runlog.RunState;
import dev.harness.orchestrator.runlog.TaskState;
import dev.harness.api.run.TaskStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a person sees while a run goes: task lines such as {@code [Task 2/5] ✓ Add theme toggle (3.2s)},
 * a progress bar, and a summary. On a terminal the progress line redraws in place and colour is
 * used unless NO_COLOR is set; otherwise the same text is printed plain, with no cursor movement.
 * Thread-safe: parallel tasks report through one console.
 */
public final class Console {
    static final int BAR_WIDTH = 10;

    private final PrintStream out;
    private final boolean tty;
    private final boolean color;
    private String statusLine; // shown at the bottom of a terminal, redrawn after each message
    private int lastPlainProgress = -1;

    public Console(PrintStream out, boolean tty, boolean color) {
        this.out = out;
        this.tty = tty;
        this.color = color;
    }

    /** A console whose colour follows the environment: on only for a terminal without NO_COLOR. */
    public static Console of(PrintStream out, boolean tty) {
        return new Console(out, tty, colorWanted(tty, System.getenv()));
    }

    /** Colour only on a terminal, and not when NO_COLOR is set to anything non-empty or TERM=dumb. */
    public static boolean colorWanted(boolean tty, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        return tty && !"dumb".equals(env.get("TERM"));
    }

    public boolean isTty() {
        return tty;
    }

    public boolean isColor() {
        return color;
    }

    /**
     * Prints and returns (without colour) a task line: {@code [Task n/total] <symbol> <title>}, then
     * {@code (elapsed)} when given, then {@code — detail} when given; a skipped task's detail reads
     * {@code skipped: <detail>}.
     */
    public String taskLine(int n, int total, String title, TaskOutcome outcome, Duration elapsed, String detail) {
        String plain = formatTaskLine(n, total, title, outcome, elapsed, detail);
        String shown = plain;
        if (color) {
            String prefix = "[Task " + n + "/" + total + "]";
            shown = Ansi.DIM + prefix + Ansi.RESET + " " + outcome.color() + outcome.symbol() + Ansi.RESET
                    + plain.substring(prefix.length() + 1 + outcome.symbol().length());
        }
        print(shown);
        return plain;
    }

    public static String formatTaskLine(int n, int total, String title, TaskOutcome outcome, Duration elapsed,
                                        String detail) {
        StringBuilder line = new StringBuilder();
        line.append("[Task ").append(n).append('/').append(total).append("] ")
                .append(outcome.symbol()).append(' ').append(SafeText.brief(title, 120));
        if (elapsed != null) {
            line.append(" (").append(formatDuration(elapsed)).append(')');
        }
        String text = detail == null ? "" : SafeText.brief(detail, 200);
        if (outcome == TaskOutcome.SKIPPED && !text.startsWith("skipped")) {
            text = text.isEmpty() ? "skipped" : "skipped: " + text;
        }
        if (outcome == TaskOutcome.POSTPONED && !text.startsWith("postponed")) {
            text = text.isEmpty() ? "postponed" : "postponed: " + text;
        }
        if (!text.isEmpty()) {
            line.append(" — ").append(text);
        }
        return line.toString();
    }

    /** {@code [####------] 2/5}: the share of tasks whose turn is over. */
    public static String progressBar(int done, int total) {
        int clampedTotal = Math.max(total, 0);
        int clampedDone = Math.max(0, Math.min(done, clampedTotal));
        int filled = clampedTotal == 0 ? BAR_WIDTH : clampedDone * BAR_WIDTH / clampedTotal;
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + clampedDone + "/" + clampedTotal;
    }

    /**
     * Shows progress. On a terminal: one line at the bottom, redrawn in place, with what is running.
     * Otherwise: the bar as a plain line, only when the number done changes.
     */
    public synchronized void progress(int done, int total, String running) {
        String bar = progressBar(done, total);
        if (tty) {
            String text = running == null || running.isBlank() ? bar : bar + "  " + SafeText.brief(running, 60);
            statusLine = text;
            out.print(Ansi.CLEAR_LINE + text);
            out.flush();
        } else if (done != lastPlainProgress) {
            lastPlainProgress = done;
            out.println(bar);
            out.flush();
        }
    }

    /** Removes the progress line from a terminal (before printing something else for good). */
    public synchronized void clearProgress() {
        if (tty && statusLine != null) {
            out.print(Ansi.CLEAR_LINE);
            out.flush();
        }
        statusLine = null;
    }

    public void info(String message) {
        print(SafeText.oneLine(message));
    }

    public void warn(String message) {
        print(paint(Ansi.YELLOW, "warning:") + " " + SafeText.oneLine(message));
    }

    public void error(String message) {
        print(paint(Ansi.RED, "error:") + " " + SafeText.oneLine(message));
    }

    /** Prints text as it is (several lines allowed), e.g. a rendered plan. */
    public synchronized void block(String text) {
        clearStatus();
        out.print(text.endsWith("\n") ? text : text + "\n");
        redrawStatus();
    }

    /** The end-of-run summary, from the state rebuilt from the log. Returns the plain text printed. */
    public String summary(RunState state, Path logFile) {
        return summary(state, logFile, java.util.Map.of());
    }

    /** The summary, with the evidence of each failed task's failing check under its line. */
    public String summary(RunState state, Path logFile, java.util.Map<String, FailingCheck> checks) {
        List<String> lines = new ArrayList<>();
        long verifiedOnly = state.tasks().stream()
                .filter(t -> state.verificationOf(t) == dev.harness.api.run.TaskVerification.VERIFIED_ONLY).count();
        lines.add("Run " + SafeText.oneLine(state.runId()) + ": " + state.status().wire()
                + " — " + state.completedCount() + " completed"
                + (verifiedOnly == 0 ? "" : verifiedOnly == state.completedCount()
                        ? " (verified only — nothing was changed" + (state.noAgent() ? ": no agent)" : ")")
                        : " (" + verifiedOnly + " verified only — nothing was changed)")
                + ", " + state.failedCount() + " failed, "
                + state.skippedCount() + " skipped of " + state.taskCount()
                + (state.taskCount() == 1 ? " task" : " tasks"));
        List<String[]> made = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> untested = new ArrayList<>();
        for (TaskState task : state.tasks()) {
            if (task.branch() != null || task.commit() != null) {
                made.add(new String[] {"    " + SafeText.oneLine(task.id()),
                        task.branch() == null ? "-" : SafeText.oneLine(task.branch()),
                        task.commit() == null ? "(no commit)" : SafeText.oneLine(task.commit())});
            }
            String label = "    " + SafeText.oneLine(task.id()) + "  " + SafeText.brief(task.title(), 60);
            if (task.status() == TaskStatus.FAILED || task.status() == TaskStatus.AWAITING_DECISION) {
                String why = join(task.failureClass() == null ? null : task.failureClass().wire(), task.lastReason());
                failed.add(label + (why.isEmpty() ? "" : " — " + SafeText.briefAtWord(why, 160))
                        + (task.status() == TaskStatus.AWAITING_DECISION ? " (waiting for a decision)" : ""));
                FailingCheck check = checks.get(task.id());
                if (check != null) {
                    check.lines().forEach(line -> failed.add("        " + SafeText.oneLine(line)));
                }
            } else if (task.status() == TaskStatus.SKIPPED) {
                skipped.add(label + (task.lastReason() == null ? "" : " — " + SafeText.briefAtWord(task.lastReason(), 160)));
            } else if (task.status() == TaskStatus.COMPLETED && task.testWarning() != null) {
                untested.add(label + " — " + SafeText.briefAtWord(task.testWarning(), 160));
            }
        }
        if (made.isEmpty()) {
            lines.add("  Branches and commits: none");
        } else {
            lines.add("  Branches and commits:");
            Columns.format(made).lines().forEach(lines::add);
        }
        if (!failed.isEmpty()) {
            lines.add("  Failed:");
            lines.addAll(failed);
        }
        if (!skipped.isEmpty()) {
            lines.add("  Skipped:");
            lines.addAll(skipped);
        }
        if (!untested.isEmpty()) {
            // completed, but nothing shows the change works: what a person checks before taking the result
            lines.add("  Not proven by their tests (look at these changes yourself, or ask for a test that fails without them):");
            lines.addAll(untested);
        }
        dev.harness.orchestrator.spend.RunSpend.describe(state.budget(), state.usage(), state.packets())
                .ifPresent(line -> lines.add("  Budget: " + line));
        if (!state.usage().isEmpty()) {
            lines.add("  Usage: " + state.usage().describe());
            for (TaskState task : state.tasks()) {
                if (!task.usage().isEmpty()) {
                    lines.add("    " + SafeText.oneLine(task.id()) + "  " + task.usage().describe());
                }
            }
        }
        lines.add("  Log: " + logFile);
        String plain = String.join("\n", lines) + "\n";
        synchronized (this) {
            clearStatus();
            statusLine = null;
            if (color) {
                String first = lines.get(0);
                out.print(Ansi.BOLD + first + Ansi.RESET + "\n" + plain.substring(first.length() + 1));
            } else {
                out.print(plain);
            }
            out.flush();
        }
        return plain;
    }

    /** "logic_error: 2 tests failed" from a failure class and a reason, either of which may be missing. */
    private static String join(String failureClass, String reason) {
        if (failureClass == null) {
            return reason == null ? "" : reason;
        }
        return reason == null ? failureClass : failureClass + ": " + reason;
    }

    /** 850ms, 3.2s, 1m 05s, 1h 02m. */
    public static String formatDuration(Duration elapsed) {
        long ms = Math.max(0, elapsed.toMillis());
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long seconds = ms / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    private String paint(String sgr, String text) {
        return color ? sgr + text + Ansi.RESET : text;
    }

    private synchronized void print(String line) {
        clearStatus();
        out.println(line);
        redrawStatus();
    }

    private void clearStatus() {
        if (tty && statusLine != null) {
            out.print(Ansi.CLEAR_LINE);
        }
    }

    private void redrawStatus() {
        if (tty && statusLine != null) {
            out.print(statusLine);
        }
        out.flush();
    }
}
