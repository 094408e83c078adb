package dev.harness.orchestrator.integration;

import com.fasterxml.jackson.databind.JsonNode;
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

    public static boolean overlaps(JsonNode a, JsonNode b) {
        if (!commits(a) || !commits(b)) {
            return false;
        }
        Path pa = scope(a);
        Path pb = scope(b);
        return pa == null || pb == null || pa.startsWith(pb) || pb.startsWith(pa);
    }

    /** True when {@code packet} overlaps any of the running packets. */
    public static boolean overlapsAny(JsonNode packet, Collection<JsonNode> running) {
        return running.stream().anyMatch(other -> overlaps(packet, other));
    }

    private static boolean commits(JsonNode packet) {
        return RunIntegration.wantsCommit(packet.path("commit_policy").asText(null));
    }

    /** The scope as a normal relative path; null for the whole workspace. */
    private static Path scope(JsonNode packet) {
        String scope = packet.path("scope").asText("workspace");
        String path = packet.path("scope_path").asText("");
        if (scope.equals("workspace") || path.isBlank()) {
            return null;
        }
        Path normal = Path.of(path.strip()).normalize();
        return normal.toString().isEmpty() || normal.toString().equals(".") ? null : normal;
    }
}
