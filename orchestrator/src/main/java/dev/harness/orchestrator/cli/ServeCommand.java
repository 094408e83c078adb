package dev.harness.orchestrator.cli;

import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.OrchestratorException;
import dev.harness.orchestrator.attention.Dashboard;
import dev.harness.orchestrator.attention.RunCatalog;
import dev.harness.orchestrator.index.RunIndex;
import dev.harness.protocol.secrets.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code serve}: the local web dashboard (runs, plan graph, live events, inbox of decisions). */
@Command(name = "serve", description = {"A local web dashboard: every run (of the workspace and of your run index), a run's plan as a",
                "graph with live task states, its live events, each task's evidence, and an inbox where plans are",
                "approved or rejected, trust granted and escalations decided (recorded with source web).",
                "Bound to 127.0.0.1; the printed address carries a random access token."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Port (default: a free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Listen on another address than 127.0.0.1 (anyone who can reach it and has the token can decide).")
    String bind;

    @ParentCommand
    RunInvocation parent;

    @Override
    public Integer call() throws IOException, InterruptedException {
        CommonOptions c = parent.commonOptions();
        Path here = c.workspace != null ? c.resolvedWorkspace() : Path.of("").toAbsolutePath();
        String address = bind == null ? "127.0.0.1" : bind;
        if (bind != null && !bind.equals("127.0.0.1") && !bind.equals("localhost") && !bind.equals("::1")) {
            System.err.println("orchestrator: WARNING: the dashboard listens on " + bind + ", not only this machine:"
                    + " anyone who reaches it with the token can approve plans and decide for your runs.");
        }
        RunCatalog catalog = new RunCatalog(c.resolvedStateDir(here), RunIndex.forUser(System.getenv()));
        Dashboard dashboard;
        try {
            dashboard = new Dashboard(address, port, catalog, Redactor.forEnvironment(System.getenv()), launcher(),
                    approver());
        } catch (IOException e) {
            throw OrchestratorException.usage("Cannot listen on " + address + ":" + port + ": " + e.getMessage());
        }
        dashboard.start();
        // read every run's log once now, so the first page is served from the summaries' cache
        Thread warm = new Thread(catalog::summaries, "dashboard-warm-up");
        warm.setDaemon(true);
        warm.start();
        // the access token is the person's own key to this page: printed whole (everything else is masked)
        dev.harness.orchestrator.render.RedactedOutput.unmaskedStdout()
                .println("Dashboard: " + dashboard.url(address.contains(":") ? "[" + address + "]" : address));
        System.out.println("(Ctrl-C stops it.)");
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dashboard.close();
            stopped.countDown();
        }, "stop-dashboard"));
        stopped.await();
        return ExitCode.SUCCESS.code();
    }

    /** This installation's orchestrator (bin/orchestrator next to the jar's harness.home), else this JVM's. */
    static List<String> launcher() {
        String home = System.getProperty("harness.home");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "orchestrator"))) {
            return List.of(Path.of(home, "bin", "orchestrator").toString());
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), dev.harness.orchestrator.Orchestrator.class.getName());
    }

    private static String approver() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }
}
