package dev.harness.protocol.testkit;

import dev.harness.protocol.Service;
import dev.harness.protocol.ServiceLauncher;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service running in this JVM through {@link ServiceLauncher#run} on in-memory pipes, exactly
 * as its main() would run it (options parsed, contract loaded, handlers registered, the loop).
 *
 * <pre>{@code
 * try (InProcessService svc = InProcessService.start(new PlanningService(env, dir))) {
 *     JsonNode plan = svc.ok("decompose", params);
 *     svc.assertWireClean();
 * }
 * }</pre>
 */
public final class InProcessService extends ServiceHarness {
    private final Service service;
    private final Pipe stdin = new Pipe(1 << 20);
    private final Pipe stdout = new Pipe(1 << 20);
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final AtomicInteger exitCode = new AtomicInteger(Integer.MIN_VALUE);
    private final Thread thread;

    private InProcessService(Service service, String... args) {
        super(service.name());
        this.service = service;
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        collect(stdout.in());
        thread = new Thread(() -> {
            try {
                exitCode.set(ServiceLauncher.run(service, args, stdin.in(), stdout.out(), err, false));
            } finally {
                stdout.closeWrite();
            }
        }, service.name() + "-in-process");
        thread.setDaemon(true);
        thread.start();
    }

    public static InProcessService start(Service service, String... args) {
        return new InProcessService(service, args);
    }

    public Service service() {
        return service;
    }

    @Override
    protected OutputStream stdin() {
        return stdin.out();
    }

    /** Only what the launcher wrote to its error stream (Log writes to System.err, which tests may capture themselves). */
    @Override
    public String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public int closeAndWait() {
        stdin.closeWrite();
        try {
            thread.join(RESPONSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitStdoutEnd();
        if (thread.isAlive()) {
            throw new AssertionError(service.name() + " did not finish after EOF within " + RESPONSE_WAIT);
        }
        return exitCode.get();
    }

    @Override
    public void terminate() {
        service.terminate();
    }
}
