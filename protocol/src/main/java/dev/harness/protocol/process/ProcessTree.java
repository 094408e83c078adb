package dev.harness.protocol.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ends a process and everything it started: SIGTERM to the whole tree, then SIGKILL to whatever
 * is still alive after the grace period. Descendants are collected before the parent dies (an
 * orphan is no longer anyone's descendant) and, when the tree was started with a {@link ProcessTag},
 * also by the tag, which finds double-forked and reparented descendants.
 */
public final class ProcessTree {
    private ProcessTree() {}

    /** TERM → grace → KILL for {@code root}, its descendants and every process carrying {@code tag} (may be null). */
    public static void kill(ProcessHandle root, ProcessTag tag, Duration grace) {
        Set<ProcessHandle> tree = snapshot(root, tag);
        if (tree.isEmpty()) {
            return;
        }
        tree.forEach(ProcessHandle::destroy);
        awaitGone(tree, grace);
        tree.addAll(snapshot(root, tag)); // whatever was started during the grace period
        List<ProcessHandle> left = tree.stream().filter(p -> !isGone(p)).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        // SIGKILL cannot be refused; wait briefly so callers can report the tree as gone
        awaitGone(left, Duration.ofSeconds(2));
        if (tag != null) { // a child forked between the snapshot and the KILL
            List<ProcessHandle> late = tag.members();
            late.forEach(ProcessHandle::destroyForcibly);
            awaitGone(late, Duration.ofSeconds(2));
        }
    }

    public static void kill(ProcessHandle root, Duration grace) {
        kill(root, null, grace);
    }

    /** Kills several trees at once, sharing one grace period (shutdown). */
    public static void killAll(List<ProcessHandle> roots, Duration grace) {
        List<Thread> threads = new ArrayList<>();
        for (ProcessHandle root : roots) {
            Thread t = new Thread(() -> kill(root, grace), "kill-" + root.pid());
            t.setDaemon(true);
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

    /**
     * Dead, or a zombie: an orphan's exit status waits for whoever adopted it to reap it, which may
     * take a while inside a container, but it no longer runs anything.
     */
    public static boolean isGone(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && (stat.charAt(end + 2) == 'Z' || stat.charAt(end + 2) == 'X');
        } catch (IOException | RuntimeException e) {
            return !process.isAlive();
        }
    }

    /**
     * Waits up to {@code limit} for {@code process} to be gone (dead or a zombie) and says whether it is. Use this,
     * not {@code onExit()}, for a process that is not this JVM's child: an orphan's onExit() completes only when
     * whoever adopted it reaps it, and some containers' first process never does.
     */
    public static boolean awaitGone(ProcessHandle process, Duration limit) {
        awaitGone(List.of(process), limit);
        return isGone(process);
    }

    static void awaitGone(Iterable<ProcessHandle> processes, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (ProcessHandle p : processes) {
            while (!isGone(p) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static Set<ProcessHandle> snapshot(ProcessHandle root, ProcessTag tag) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        if (root != null) {
            root.descendants().forEach(tree::add);
            if (root.isAlive()) {
                tree.add(root);
            }
        }
        if (tag != null) {
            tree.addAll(tag.members());
        }
        tree.removeIf(ProcessTree::isGone);
        return tree;
    }
}
