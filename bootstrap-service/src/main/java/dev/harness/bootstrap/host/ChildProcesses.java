package dev.harness.bootstrap.host;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The processes the phases started (git, --version checks, MCP servers), so SIGTERM can end them all. */
public final class ChildProcesses {
    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    public Process track(Process process) {
        live.add(process);
        process.onExit().thenRun(() -> live.remove(process));
        return process;
    }

    public void forget(Process process) {
        live.remove(process);
    }

    /** Kills a process and everything it started (children first, while they are still its descendants). */
    public static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    public void killAll() {
        live.forEach(ChildProcesses::killTree);
        live.clear();
    }

    public int liveCount() {
        return live.size();
    }
}
