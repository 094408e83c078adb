package dev.harness.orchestrator.attention;

import dev.harness.api.run.RunStatus;
import dev.harness.api.run.TaskStatus;
import dev.harness.orchestrator.render.Console;
import dev.harness.orchestrator.render.SafeText;
import java.util.List;

/**
 * Draws runs for {@code watch}: a header per run, its plan as a tree (a task sits under the
 * dependency it waits for longest), one line per task with symbol, state, attempt, elapsed time
 * and the last line of its output, then what the run waits for. With colour off the frame is plain
 * text (no escape sequences at all), fit for a log or a pipe.
 */
public final class WatchScreen {
    public static final String CLEAR = "\u001b[H\u001b[2J";
    private static final String RESET = "\u001b[0m";
    private static final String DIM = "\u001b[2m";
    private static final String BOLD = "\u001b[1m";

    private final boolean color;
    private final int width;

    public WatchScreen(boolean color, int width) {
        this.color = color;
        this.width = Math.max(40, width);
    }

    public String frame(List<RunView> runs) {
        StringBuilder out = new StringBuilder();
        if (runs.isEmpty()) {
            out.append("No active run.\n");
        }
        for (RunView run : runs) {
            out.append(paint(BOLD, "Run " + run.runId())).append("  ").append(paint(colorOf(run.status()), run.status().wire()))
                    .append("  ").append(run.count(TaskStatus.COMPLETED)).append('/').append(run.tasks().size()).append(" done")
                    .append('\n');
            if (run.objective() != null) {
                out.append(fit("  " + SafeText.oneLine(run.objective()))).append('\n');
            }
            if (run.spend() != null) {
                out.append(fit("  " + SafeText.oneLine(run.spend()))).append('\n');
            }
            for (RunView.TaskView task : run.tasks()) {
                out.append(taskLine(task)).append('\n');
                if (task.lastLine() != null && task.status() != TaskStatus.PENDING) {
                    out.append(paint(DIM, fit("  " + "  ".repeat(task.depth() + 1) + "│ " + SafeText.oneLine(task.lastLine()))))
                            .append('\n');
                }
            }
            if (run.waitingFor() != null) {
                out.append(paint(YELLOW, "Waiting for " + SafeText.oneLine(run.waitingFor()))).append('\n');
            } else if (run.status().isTerminal()) {
                out.append("Run ended: ").append(run.status().wire()).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static final String YELLOW = "\u001b[33m";

    private String taskLine(RunView.TaskView task) {
        String indent = "  " + (task.depth() == 0 ? "" : "  ".repeat(task.depth() - 1) + "└─");
        StringBuilder line = new StringBuilder();
        line.append(symbol(task.status())).append(' ').append(task.id()).append(' ').append(task.status().wire());
        if (task.attempt() > 1) {
            line.append(" attempt ").append(task.attempt());
        }
        if (task.elapsed() != null) {
            line.append(" ").append(Console.formatDuration(task.elapsed()));
        }
        line.append("  ").append(SafeText.oneLine(task.title()));
        if (task.dependsOn().size() > 1) {
            line.append("  (after ").append(String.join(", ", task.dependsOn())).append(')');
        }
        if ((task.status() == TaskStatus.FAILED || task.status() == TaskStatus.AWAITING_DECISION
                || task.status() == TaskStatus.SKIPPED) && task.reason() != null) {
            line.append(" — ").append(SafeText.oneLine(task.reason()));
        }
        String text = fit(indent + line);
        return color ? indent + paint(colorOf(task.status()), text.substring(indent.length())) : text;
    }

    static String symbol(TaskStatus status) {
        return switch (status) {
            case PENDING -> "·";
            case RUNNING -> "▶";
            case INTERRUPTED -> "⏸";
            case COMPLETED -> "✓";
            case FAILED -> "✗";
            case SKIPPED -> "↷";
            case AWAITING_DECISION -> "?";
        };
    }

    private static String colorOf(TaskStatus status) {
        return switch (status) {
            case PENDING -> DIM;
            case RUNNING -> "\u001b[36m";
            case COMPLETED -> "\u001b[32m";
            case FAILED -> "\u001b[31m";
            case SKIPPED, AWAITING_DECISION, INTERRUPTED -> YELLOW;
        };
    }

    private static String colorOf(RunStatus status) {
        return switch (status) {
            case COMPLETED -> "\u001b[32m";
            case FAILED, ABORTED, REJECTED -> "\u001b[31m";
            case RUNNING -> "\u001b[36m";
            default -> YELLOW;
        };
    }

    private String fit(String text) {
        return SafeText.width(text) <= width ? text : text.substring(0, text.offsetByCodePoints(0, width - 1)) + "…";
    }

    private String paint(String sgr, String text) {
        return color ? sgr + text + RESET : text;
    }
}
