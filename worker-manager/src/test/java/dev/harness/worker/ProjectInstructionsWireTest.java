package dev.harness.worker;

import static dev.harness.worker.Fixtures.id;
import static dev.harness.worker.Fixtures.packet;
import static dev.harness.worker.Fixtures.spawn;
import static dev.harness.worker.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's instructions reach the agent: the bootstrap's assembled system prompt, or else the instruction files' names. */
class ProjectInstructionsWireTest {
    @TempDir
    Path tmp;
    Path trusted;
    Path agents;
    WireSession wire;

    @BeforeEach
    void start() throws Exception {
        trusted = Files.createDirectories(tmp.resolve("trusted"));
        agents = tmp.resolve("agents");
        Path policy = Fixtures.write(tmp.resolve("config/policy.yaml"), "trusted_roots:\n  - " + trusted + "\n");
        wire = new WireSession(Fixtures.env(tmp.resolve("home")), "--state-dir", tmp.resolve("state").toString(),
                "--trust-policy", policy.toString());
    }

    @AfterEach
    void stop() throws Exception {
        wire.close();
    }

    /** Runs the prompt-copying agent in {@code ws} and returns the prompt it got. */
    private String promptOfAgentIn(Path ws, ObjectNode params) throws Exception {
        String worker = wire.ok("spawn_worker", params).get("worker_id").asText();
        wire.ok("check_trust", id(worker));
        wire.ok("run_worker", id(worker));
        JsonNode done = wire.ok("wait_worker", id(worker));
        assertThat(done.get("state").asText()).as("%s", done).isEqualTo("finished");
        return Files.readString(ws.resolve("prompt-copy.txt"));
    }

    private ObjectNode spawnParams(Path ws) throws Exception {
        return spawn(packet("Copy the prompt", "test -s prompt-copy.txt"), ws,
                template(Fixtures.agent(agents, "prompt-on-stdin.sh")));
    }

    @Test
    void theBootstrapsAssembledSystemPromptIsTheAgentsProjectInstructions() throws Exception {
        Path ws = Files.createDirectories(trusted.resolve("assembled"));
        Fixtures.write(ws.resolve("AGENTS.md"), "Use tabs.\n");
        // what system_prompt_fastpath writes to the run's bootstrap directory (outside the workspace)
        Path systemPrompt = Fixtures.write(tmp.resolve("run/bootstrap/system-prompt.md"),
                "## AGENTS.md\n\nUse tabs.\n\n## sub/CLAUDE.md\n\nNever touch vendor/.\n");
        ObjectNode params = spawnParams(ws);
        params.put("system_prompt", systemPrompt.toString());

        String prompt = promptOfAgentIn(ws, params);

        assertThat(prompt).contains("Copy the prompt", "# Project instructions", "## sub/CLAUDE.md", "Never touch vendor/.");
        assertThat(prompt).doesNotContain("Follow the instruction files");
    }

    @Test
    void withoutAnAssembledPromptTheAgentIsToldWhichInstructionFilesApplyRootFirst() throws Exception {
        Path ws = Files.createDirectories(trusted.resolve("listed"));
        Fixtures.write(ws.resolve("CLAUDE.md"), "root rules\n");
        Fixtures.write(ws.resolve("AGENTS.md"), "root rules for every agent\n");
        Fixtures.write(ws.resolve("CLAUDE.local.md"), "my own rules\n");
        Fixtures.write(ws.resolve("lib/AGENTS.md"), "library rules\n");
        ObjectNode params = spawn(packet("Copy the prompt", "test -s prompt-copy.txt").put("scope_path", "lib"), ws,
                template(Fixtures.agent(agents, "prompt-on-stdin.sh")));

        String prompt = promptOfAgentIn(ws, params);

        // the suite's one list (protocol's InstructionFiles), in its order, the more specific directory last
        assertThat(prompt).contains("Follow the instruction files of this project: AGENTS.md, CLAUDE.md, CLAUDE.local.md, lib/AGENTS.md\n");
        assertThat(prompt).doesNotContain("# Project instructions");
    }

    @Test
    void aSystemPromptThatIsGoneByTheAttemptFallsBackToTheFileNames() throws Exception {
        Path ws = Files.createDirectories(trusted.resolve("gone"));
        Fixtures.write(ws.resolve("AGENTS.md"), "rules\n");
        Path systemPrompt = Fixtures.write(tmp.resolve("run2/system-prompt.md"), "## AGENTS.md\n\nrules\n");
        ObjectNode params = spawnParams(ws);
        params.put("system_prompt", systemPrompt.toString());
        String worker = wire.ok("spawn_worker", params).get("worker_id").asText();
        Files.delete(systemPrompt);
        wire.ok("check_trust", id(worker));
        wire.ok("run_worker", id(worker));
        assertThat(wire.ok("wait_worker", id(worker)).get("state").asText()).isEqualTo("finished");

        assertThat(Files.readString(ws.resolve("prompt-copy.txt"))).contains("Follow the instruction files of this project: AGENTS.md");
    }

    @Test
    void aSystemPromptThatIsNotAReadableAbsoluteFileIsRefusedAtSpawn() throws Exception {
        Path ws = Files.createDirectories(trusted.resolve("refused"));
        for (String bad : new String[] {"system-prompt.md", tmp.resolve("missing.md").toString(), tmp.toString()}) {
            ObjectNode params = spawnParams(ws);
            params.put("system_prompt", bad);
            JsonNode error = wire.error("spawn_worker", params);
            assertThat(error.get("code").asInt()).as(bad).isEqualTo(-32602);
            assertThat(error.toString()).as(bad).contains("/system_prompt");
        }
        assertThat(wire.ok("list_workers", Json.object()).get("workers")).as("nothing was spawned").isEmpty();
    }
}
