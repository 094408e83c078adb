package dev.harness.orchestrator.integration;

import dev.harness.api.plan.Scope;
import dev.harness.api.plan.TaskPacket;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Whether two committing tasks may change the same files: their scope paths overlap when one
 * contains the other (whole path components; a workspace-wide task overlaps every task). With
 * -j N such tasks are not run at the same time, which avoids most merge conflicts up front.
 * Tasks that commit nothing never conflict.
 */
public final class ScopeOverlap {
    private ScopeOverlap() {}

    public static boolean overlaps(TaskPacket a, TaskPacket b) {
        if (!commits(a) || !commits(b)) {
            return false;
        }
        Path pa = scope(a);
        Path pb = scope(b);
        return pa == null || pb == null || pa.startsWith(pb) || pb.startsWith(pa);
    }

    /** True when {@code packet} overlaps any of the running packets. */
    public static boolean overlapsAny(TaskPacket packet, Collection<TaskPacket> running) {
        return running.stream().anyMatch(other -> overlaps(packet, other));
    }

    private static boolean commits(TaskPacket packet) {
        return RunIntegration.wantsCommit(packet.commitPolicy());
    }

    /** The scope as a normal relative path; null for the whole workspace. */
    private static Path scope(TaskPacket packet) {
        String path = packet.scopePath() == null ? "" : packet.scopePath();
        if (packet.scope() == Scope.WORKSPACE || path.isBlank()) {
            return null;
        }
        Path normal = Path.of(path.strip()).normalize();
        return normal.toString().isEmpty() || normal.toString().equals(".") ? null : normal;
    }
}
