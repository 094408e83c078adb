package dev.harness.bootstrap.mcp;

import dev.harness.protocol.process.ProcessTree;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The MCP servers being probed right now, so SIGTERM can end them (and everything they started). */
public final class ServerProcesses {
    static final Duration GRACE = Duration.ofMillis(500);
    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    Process track(Process process) {
        live.add(process);
        process.onExit().thenRun(() -> live.remove(process));
        return process;
    }

    void forget(Process process) {
        live.remove(process);
    }

    public void killAll() {
        List<Process> all = List.copyOf(live);
        live.clear();
        ProcessTree.killAll(all.stream().map(Process::toHandle).toList(), GRACE);
    }

    public int liveCount() {
        return live.size();
    }
}
