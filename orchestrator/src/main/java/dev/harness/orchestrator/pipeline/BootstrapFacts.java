package dev.harness.orchestrator.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One line of what a bootstrap phase found, from its artifacts, for the person watching. */
final class BootstrapFacts {
    private BootstrapFacts() {}

    static String of(String phase, JsonNode artifacts) {
        if (artifacts == null || !artifacts.isObject()) {
            return "";
        }
        return switch (phase) {
            case "cli_entry" -> cliEntry(artifacts);
            case "system_prompt_fastpath" -> systemPrompt(artifacts);
            case "mcp_fastpath" -> mcp(artifacts);
            case "daemon_worker_fastpath" -> worker(artifacts);
            case "main_runtime" -> artifacts.path("ready").asBoolean(false) ? "ready" + text(artifacts, "report_path", "; report ") : "";
            default -> "";
        };
    }

    private static String cliEntry(JsonNode a) {
        List<String> facts = new ArrayList<>();
        JsonNode git = a.path("git");
        if (git.path("repository").asBoolean(false)) {
            String branch = git.path("branch").asText("");
            String state = git.has("dirty") ? (git.path("dirty").asBoolean() ? "dirty" : "clean")
                    : git.has("clean") ? (git.path("clean").asBoolean() ? "clean" : "dirty") : "";
            facts.add("git" + (branch.isEmpty() ? "" : " " + branch) + (state.isEmpty() ? "" : " (" + state + ")"));
        } else if (git.has("repository")) {
            facts.add("not a git repository");
        }
        JsonNode agent = a.path("agent");
        if (agent.has("preset")) {
            facts.add("agent " + agent.path("preset").asText()
                    + (agent.path("credentials").size() > 0
                    ? (agent.path("credentials_present").asBoolean(false) ? ", credentials present" : ", credentials MISSING") : ""));
        }
        return String.join("; ", facts);
    }

    private static String systemPrompt(JsonNode a) {
        List<String> files = new ArrayList<>();
        for (JsonNode file : a.path("files")) {
            if (file.path("included").asBoolean(true)) {
                files.add(file.path("path").asText());
            }
        }
        String prompt = a.path("prompt").path("size_bytes").isNumber() ? "; prompt " + a.path("prompt").path("size_bytes").asLong() + " bytes" : "";
        return (files.isEmpty() ? "no instruction files" : "instructions: " + String.join(", ", files)) + prompt;
    }

    private static String mcp(JsonNode a) {
        List<String> servers = new ArrayList<>();
        for (JsonNode server : a.path("servers")) {
            String tools = server.path("tool_count").isNumber() ? " " + server.path("tool_count").asInt() + " tools" : "";
            if (server.has("skipped")) {
                servers.add(server.path("name").asText("?") + " (not started until the workspace is trusted)");
                continue;
            }
            servers.add(server.path("name").asText("?") + (server.path("ok").asBoolean(false) ? " ✓" + tools : " ✗"));
        }
        return servers.isEmpty() ? "no MCP servers configured" : "MCP: " + String.join(", ", servers);
    }

    private static String worker(JsonNode a) {
        List<String> facts = new ArrayList<>();
        for (JsonNode command : a.path("commands")) {
            facts.add(command.path("role").asText() + " " + command.path("command").asText()
                    + (command.path("found").asBoolean(false) ? (command.path("answered").asBoolean(true) ? " ok" : " did not answer") : " NOT FOUND"));
        }
        int writable = 0;
        for (JsonNode path : a.path("writable")) {
            if (path.path("writable").asBoolean(false)) {
                writable++;
            }
        }
        if (a.path("writable").size() > 0) {
            facts.add(writable + "/" + a.path("writable").size() + " paths writable");
        }
        return String.join("; ", facts);
    }

    private static String text(JsonNode node, String field, String prefix) {
        String value = node.path(field).asText("");
        return value.isEmpty() ? "" : prefix + value;
    }
}
