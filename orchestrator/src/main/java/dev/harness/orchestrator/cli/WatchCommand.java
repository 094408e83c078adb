package dev.harness.orchestrator.cli;

import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.attention.RunFollower;
import dev.harness.orchestrator.attention.RunView;
import dev.harness.orchestrator.attention.WatchScreen;
import dev.harness.orchestrator.render.CommandName;
import dev.harness.orchestrator.render.Console;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.orchestrator.runlog.RunSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watch [RUN]}: a live view of one run, drawn from the run's log as it grows — so it works
 * on a run another process or terminal is running — until nothing more happens without a person
 * (the run ended or nobody runs it). A run waiting for a person stays on screen with what it waits
 * for, since the answer may come from elsewhere. Without RUN it follows the workspace's newest run
 * and says so: following every unfinished run never ended while an old run sat at its plan gate.
 */
@Command(name = "watch", description = {"Watch a run live: the plan as a tree with each task's state, attempt, elapsed time and last",
                "output line, and what the run waits for. Without RUN_ID: the workspace's newest run (it says which).",
                "Exits when the run(s) end. Plain text (no escape sequences) when not a terminal or NO_COLOR is set."})
public final class WatchCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_ID")
    String runId;

    @Option(names = "--once", description = "Draw the current state once and exit.")
    boolean once;

    @Option(names = "--interval", paramLabel = "MS", description = "How often to look at the log (default: ${DEFAULT-VALUE} ms).")
    long intervalMs = 250;

    @ParentCommand
    RunInvocation parent;

    @Override
    public Integer call() throws InterruptedException {
        CommonOptions c = parent.commonOptions();
        boolean tty = System.console() != null;
        boolean live = tty && !c.noColor && Console.colorWanted(tty, System.getenv());
        int width = columns();
        WatchScreen screen = new WatchScreen(live, width);
        PrintStream out = System.out;
        Map<String, RunFollower> followers = new LinkedHashMap<>();
        String header = "";
        if (runId != null) {
            RunLookup found = RunLookup.find(c, runId);
            followers.put(runId, new RunFollower(found.dir()));
        } else {
            Path stateDir = c.resolvedStateDir(c.resolvedWorkspace());
            List<RunSummary> runs = RunDirectory.list(stateDir).stream().filter(r -> r.problemText().isEmpty()).toList();
            Optional<RunSummary> newest = newest(runs);
            if (newest.isEmpty()) {
                out.print("No run in this workspace yet (start one with " + CommandName.current() + " \"OBJECTIVE\").\n");
                out.flush();
                return ExitCode.SUCCESS.code();
            }
            String id = newest.get().runId();
            followers.put(id, new RunFollower(RunDirectory.open(stateDir, id)));
            header = following(id, runs.size() - 1);
        }
        String lastFrame = null;
        long lastDraw = 0;
        while (true) {
            boolean changed = false;
            List<RunView> views = new ArrayList<>();
            boolean allOver = true;
            for (RunFollower follower : followers.values()) {
                changed |= follower.refresh();
                RunView view = follower.view(Instant.now());
                views.add(view);
                allOver &= RunFollower.over(view.status());
            }
            String frame = header + screen.frame(views);
            long now = System.nanoTime();
            if (live) {
                // on a terminal: redraw in place, also every second for the running tasks' clocks
                if (!frame.equals(lastFrame) && (changed || now - lastDraw > 1_000_000_000L || lastFrame == null)) {
                    out.print(WatchScreen.CLEAR + frame);
                    out.flush();
                    lastFrame = frame;
                    lastDraw = now;
                }
            } else if (changed || lastFrame == null) {
                if (!frame.equals(lastFrame)) {
                    out.print(frame);
                    out.flush();
                    lastFrame = frame;
                }
            }
            if (once || allOver) {
                if (lastFrame == null || !lastFrame.equals(frame)) {
                    out.print(live ? WatchScreen.CLEAR + frame : frame);
                    out.flush();
                }
                return ExitCode.SUCCESS.code();
            }
            Thread.sleep(Math.max(20, intervalMs));
        }
    }

    /** The run started last (by its log's start, then its id); a run whose log cannot be read is no candidate. */
    static Optional<RunSummary> newest(List<RunSummary> runs) {
        return runs.stream().max(Comparator.comparing((RunSummary r) -> r.started() == null ? Instant.MIN : r.started())
                .thenComparing(RunSummary::runId));
    }

    /** The first line of every frame: which run is followed, and how to follow another. */
    static String following(String runId, int others) {
        return "Following run " + runId + ", the newest of this workspace"
                + (others == 0 ? "" : " (" + others + " older: " + CommandName.current() + " runs; " + CommandName.current()
                        + " watch RUN_ID for one of them)") + ".\n";
    }

    private static int columns() {
        try {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120").strip());
        } catch (NumberFormatException e) {
            return 120;
        }
    }
}
