package dev.harness.orchestrator.pipeline;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * plan.json beside a run's event log: the plan as last proposed.
 *
 * @param packets the approved plan's exact bytes (the digest covers them, and a command may carry
 *                a password the person wrote there, which the event log masks), so they stay JSON
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record PlanFile(String planId, String objective, ArrayNode packets, String digest, String planner, String workspace) {

    /** @throws IllegalArgumentException when the file is JSON but not a plan file */
    static PlanFile read(Path file) throws IOException {
        return Json.convert(Json.parse(Files.readString(file, StandardCharsets.UTF_8)), PlanFile.class);
    }

    /** Indented, one trailing newline. */
    String text() throws IOException {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n";
    }
}
