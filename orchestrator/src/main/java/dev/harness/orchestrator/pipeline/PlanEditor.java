package dev.harness.orchestrator.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.orchestrator.service.ServiceCommand;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lets a person edit the plan's packets in their editor: the packets go to a temporary JSON file,
 * $VISUAL or $EDITOR (split into words, run without a shell, on the terminal) edits it, and the
 * result is read back. Validation is the caller's job.
 */
final class PlanEditor {
    private final Map<String, String> env;

    PlanEditor(Map<String, String> env) {
        this.env = env;
    }

    /** The edited packets; throws IllegalArgumentException with a message a person can act on. */
    ArrayNode edit(ArrayNode packets) throws IOException, InterruptedException {
        String editor = env.getOrDefault("VISUAL", env.getOrDefault("EDITOR", "vi"));
        if (editor.isBlank()) {
            editor = "vi";
        }
        Path file = Files.createTempFile("harness-plan-", ".json");
        try {
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(packets) + "\n",
                    StandardCharsets.UTF_8);
            List<String> argv = new ArrayList<>(ServiceCommand.split(editor));
            argv.add(file.toString());
            Process process;
            try {
                process = new ProcessBuilder(argv).inheritIO().start();
            } catch (IOException e) {
                throw new IllegalArgumentException("Could not start the editor '" + editor + "': " + e.getMessage()
                        + " (set EDITOR).");
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalArgumentException("The editor exited with code " + exit + "; the plan was left unchanged.");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            JsonNode edited;
            try {
                edited = Json.parse(text);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("The edited plan is not valid JSON (line " + e.getLocation().getLineNr()
                        + "): " + e.getOriginalMessage() + "; the plan was left unchanged.");
            }
            if (!edited.isArray()) {
                throw new IllegalArgumentException("The edited plan must be a JSON array of task packets; the plan was left unchanged.");
            }
            return (ArrayNode) edited;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
