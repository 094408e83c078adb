package dev.harness.orchestrator.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Packets whose scope_path leaves the workspace ("../", an absolute path elsewhere, a symlink out).
 * The worker manager refuses them at spawn time anyway; checking a plan file or an edited plan up
 * front makes that a usage error before anything runs, not a failure halfway through the run.
 */
public final class ScopeBoundary {
    private ScopeBoundary() {}

    /** One sentence per packet whose scope_path lies outside the workspace; empty when all stay inside. */
    public static List<String> escaping(JsonNode packets, Path workspace) {
        Path root = real(workspace.toAbsolutePath().normalize());
        List<String> problems = new ArrayList<>();
        for (JsonNode packet : packets) {
            String given = packet.hasNonNull("scope_path") ? packet.get("scope_path").asText().strip() : "";
            if (given.isEmpty()) {
                continue;
            }
            String id = packet.path("id").asText("?");
            Path candidate;
            try {
                Path raw = Path.of(given);
                candidate = (raw.isAbsolute() ? raw : root.resolve(raw)).normalize();
            } catch (InvalidPathException e) {
                problems.add("Packet " + id + ": scope_path '" + given + "' is not a usable path");
                continue;
            }
            Path resolved = real(candidate);
            if (!candidate.startsWith(root) || !resolved.startsWith(root)) {
                problems.add("Packet " + id + ": scope_path '" + given + "' resolves to " + resolved
                        + ", outside the workspace " + root);
            }
        }
        return problems;
    }

    /** Symlinks resolved in the part of the path that exists; the rest appended as written. */
    private static Path real(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        } catch (IOException e) {
            return path;
        }
    }
}
