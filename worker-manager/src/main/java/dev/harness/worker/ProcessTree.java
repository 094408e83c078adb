package dev.harness.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends a process and everything it started: SIGTERM to the whole tree, then SIGKILL to whatever
 * is still alive after the grace period. Descendants are collected before the parent dies, since
 * an orphan is no longer anyone's descendant.
 */
final class ProcessTree {
    private ProcessTree() {}

    static void kill(ProcessHandle root, Duration grace) {
        Set<ProcessHandle> tree = snapshot(root);
        tree.forEach(ProcessHandle::destroy);
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        tree.forEach(p -> exits.add(p.onExit()));
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // some ignored SIGTERM: they get SIGKILL below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.addAll(snapshot(root));
        List<CompletableFuture<ProcessHandle>> killed = new ArrayList<>();
        tree.stream().filter(ProcessHandle::isAlive).forEach(p -> {
            p.destroyForcibly();
            killed.add(p.onExit());
        });
        try {
            // SIGKILL cannot be refused; wait briefly so callers can report the tree as gone
            CompletableFuture.allOf(killed.toArray(CompletableFuture[]::new)).get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // a process stuck in the kernel (uninterruptible I/O) ends when the kernel lets it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills several trees at once, sharing one grace period (shutdown). */
    static void killAll(List<ProcessHandle> roots, Duration grace) {
        List<Thread> threads = new ArrayList<>();
        for (ProcessHandle root : roots) {
            Thread t = new Thread(() -> kill(root, grace), "kill-" + root.pid());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join(grace.toMillis() + 5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Set<ProcessHandle> snapshot(ProcessHandle root) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        root.descendants().forEach(tree::add);
        if (root.isAlive()) {
            tree.add(root);
        }
        return tree;
    }
}
