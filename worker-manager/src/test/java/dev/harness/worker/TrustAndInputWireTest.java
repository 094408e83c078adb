package dev.harness.worker;

import static dev.harness.worker.Fixtures.id;
import static dev.harness.worker.Fixtures.packet;
import static dev.harness.worker.Fixtures.spawn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.json.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where trust comes from, what it matches, and how bad input is refused (the service keeps serving). */
class TrustAndInputWireTest {
    @TempDir
    Path tmp;

    private WireSession session(Map<String, String> env, String... extra) {
        String[] args = new String[extra.length + 2];
        args[0] = "--state-dir";
        args[1] = tmp.resolve("state").toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        return new WireSession(env, args);
    }

    @Test
    void theRunsOneGrantCoversExactlyItsPacketsInItsWorkspaceAndSurvivesARestart() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path other = Files.createDirectories(tmp.resolve("other"));
        ObjectNode approved = packet("Do the thing", "true");
        ObjectNode grant = Json.object();
        grant.put("run_id", "run-1");
        grant.put("workspace", ws.toString());
        grant.putArray("digests").add(Digest.ofJson(approved));
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")))) {
            // without an approval it only says what the policy thinks; nothing is granted
            JsonNode asked = wire.ok("grant_trust", grant);
            assertThat(asked.get("verdict").asText()).isEqualTo("requires_approval");
            assertThat(asked.get("granted").asBoolean()).isFalse();
            String before = wire.ok("spawn_worker", Fixtures.with(spawn(approved, ws, null), "run_id", "run-1")).get("worker_id").asText();
            assertThat(wire.ok("check_trust", id(before)).get("requires_approval").asBoolean()).isTrue();

            JsonNode granted = wire.ok("grant_trust", Fixtures.with(grant.deepCopy(), "approval_source", "human_tty"));
            assertThat(granted.get("granted").asBoolean()).isTrue();
            assertThat(granted.get("digests").asInt()).isEqualTo(1);
            // a worker already waiting is covered too, once it is checked again
            assertThat(wire.ok("check_trust", id(before)).get("requires_approval").asBoolean()).isFalse();
            JsonNode snapshot = wire.ok("get_worker", id(before));
            assertThat(snapshot.get("state").asText()).isEqualTo("ready_for_prompt");
            assertThat(snapshot.at("/approval/source").asText()).isEqualTo("human_tty");
            assertThat(snapshot.at("/approval/digest").asText()).isEqualTo(Digest.ofJson(approved));

            // another packet, another run or another workspace is not covered: it waits for its own approval
            String changed = wire.ok("spawn_worker", Fixtures.with(spawn(packet("Do another thing", "true"), ws, null),
                    "run_id", "run-1")).get("worker_id").asText();
            assertThat(wire.ok("check_trust", id(changed)).get("requires_approval").asBoolean()).isTrue();
            String otherRun = wire.ok("spawn_worker", Fixtures.with(spawn(approved, ws, null), "run_id", "run-2")).get("worker_id").asText();
            assertThat(wire.ok("check_trust", id(otherRun)).get("requires_approval").asBoolean()).isTrue();
            String elsewhere = wire.ok("spawn_worker", Fixtures.with(spawn(approved, other, null), "run_id", "run-1")).get("worker_id").asText();
            assertThat(wire.ok("check_trust", id(elsewhere)).get("requires_approval").asBoolean()).isTrue();
            wire.assertEventsSchemaValid();
        }
        try (WireSession restarted = session(Fixtures.env(tmp.resolve("home")))) {
            String after = restarted.ok("spawn_worker", Fixtures.with(spawn(approved, ws, null), "run_id", "run-1")).get("worker_id").asText();
            assertThat(restarted.ok("check_trust", id(after)).get("requires_approval").asBoolean()).isFalse();
        }
    }

    @Test
    void aDeniedRootIsNeverGranted() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("secret"));
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"), "denied_roots: [\"" + ws + "\"]\n");
        ObjectNode grant = Json.object();
        grant.put("run_id", "run-1");
        grant.put("workspace", ws.toString());
        grant.put("approval_source", "cli_flag");
        grant.putArray("digests").add(Digest.ofJson(packet("x", "true")));
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")), "--trust-policy", policy.toString())) {
            JsonNode error = wire.error("grant_trust", grant);
            assertThat(error.get("code").asInt()).isEqualTo(-32022);
            assertThat(error.at("/data/root").asText()).isEqualTo(ws.toRealPath().toString());
        }
        assertThat(tmp.resolve("state/grants/run-1.json")).doesNotExist();
    }

    @Test
    void aTrustPolicyInsideTheWorkspaceIsIgnored() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("repo"));
        String selfTrust = "trusted_roots: [\"" + ws + "\", \".\", \"/\"]\n";
        Fixtures.write(ws.resolve("trust-policy.yaml"), selfTrust);
        Fixtures.write(ws.resolve(".harness/trust-policy.yaml"), selfTrust);
        Fixtures.write(ws.resolve(".config/harness/trust-policy.yaml"), selfTrust);
        // even with the workspace as the service's HOME's neighbour, only the user's config dir counts
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")))) {
            String worker = wire.ok("spawn_worker", spawn(packet("x", "true"), ws, null)).get("worker_id").asText();
            JsonNode trust = wire.ok("check_trust", id(worker));
            assertThat(trust.get("requires_approval").asBoolean()).isTrue();
            assertThat(trust.get("reason").asText()).contains("no trust policy file");
        }
    }

    @Test
    void theUsersConfigDirectoryPolicyApplies() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("projects/app"));
        Map<String, String> env = Fixtures.env(tmp.resolve("home"));
        env.put("XDG_CONFIG_HOME", tmp.resolve("xdg").toString());
        Fixtures.write(tmp.resolve("xdg/harness/trust-policy.yaml"), "trusted_roots: [\"" + tmp.resolve("projects") + "\"]\n");
        try (WireSession wire = session(env)) {
            String worker = wire.ok("spawn_worker", spawn(packet("x", "true"), ws, null)).get("worker_id").asText();
            assertThat(wire.ok("check_trust", id(worker)).get("requires_approval").asBoolean()).isFalse();
        }
        // and ~ in a root expands to the home directory
        Map<String, String> homeEnv = Fixtures.env(tmp.resolve("home"));
        Path homeWs = Files.createDirectories(tmp.resolve("home/code/app"));
        Fixtures.write(tmp.resolve("home/.config/harness/trust-policy.json"), "{\"trusted_roots\": [\"~/code\"]}");
        try (WireSession wire = session(homeEnv)) {
            String worker = wire.ok("spawn_worker", spawn(packet("x", "true"), homeWs, null)).get("worker_id").asText();
            assertThat(wire.ok("check_trust", id(worker)).get("requires_approval").asBoolean()).isFalse();
        }
    }

    @Test
    void rootsMatchWholePathComponentsAndDenyWins() throws Exception {
        Path proj = Files.createDirectories(tmp.resolve("proj"));
        Path project2 = Files.createDirectories(tmp.resolve("project2"));
        Path secret = Files.createDirectories(tmp.resolve("proj/secret"));
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"),
                "trusted_roots: [\"" + proj + "\"]\ndenied_roots: [\"" + secret + "\"]\n");
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")), "--trust-policy", policy.toString())) {
            String near = wire.ok("spawn_worker", spawn(packet("x", "true"), project2, null)).get("worker_id").asText();
            assertThat(wire.ok("check_trust", id(near)).get("requires_approval").asBoolean()).isTrue();

            String denied = wire.ok("spawn_worker", spawn(packet("x", "true"), secret, null)).get("worker_id").asText();
            JsonNode error = wire.error("check_trust", id(denied));
            assertThat(error.get("code").asInt()).isEqualTo(-32022);
            assertThat(error.at("/data/root").asText()).isEqualTo(secret.toRealPath().toString());
            JsonNode snapshot = wire.ok("get_worker", id(denied));
            assertThat(snapshot.get("state").asText()).isEqualTo("failed");
            assertThat(wire.kinds(denied)).containsSubsequence("trust_required", "trust_denied", "failed");
            JsonNode approve = wire.error("mark_trusted", Fixtures.with(id(denied), "approval_source", "human_approval"));
            assertThat(approve.get("code").asInt()).isEqualTo(-32021);
            assertThat(approve.at("/data/current_state").asText()).isEqualTo("failed");
            wire.assertEventsSchemaValid();
        }
    }

    @Test
    void aSymlinkIntoATrustedRootIsJudgedByWhereItLeads() throws Exception {
        Path trusted = Files.createDirectories(tmp.resolve("trusted/app"));
        Path outside = Files.createDirectories(tmp.resolve("outside/app"));
        Path linkToOutside = Files.createSymbolicLink(tmp.resolve("trusted/link"), outside);
        Path linkToTrusted = Files.createSymbolicLink(tmp.resolve("elsewhere-link"), trusted);
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"), "trusted_roots: [\"" + tmp.resolve("trusted") + "\"]\n");
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")), "--trust-policy", policy.toString())) {
            String viaLinkOut = wire.ok("spawn_worker", spawn(packet("x", "true"), linkToOutside, null)).get("worker_id").asText();
            assertThat(wire.ok("check_trust", id(viaLinkOut)).get("requires_approval").asBoolean()).isTrue();
            String viaLinkIn = wire.ok("spawn_worker", spawn(packet("x", "true"), linkToTrusted, null)).get("worker_id").asText();
            assertThat(wire.ok("check_trust", id(viaLinkIn)).get("requires_approval").asBoolean()).isFalse();
        }
    }

    @Test
    void anApprovalForADifferentPacketIsRefused() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")))) {
            ObjectNode packet = packet("Do the thing", "true");
            String worker = wire.ok("spawn_worker", spawn(packet, ws, null)).get("worker_id").asText();
            wire.ok("check_trust", id(worker));
            ObjectNode stale = Fixtures.with(id(worker), "approval_source", "human_tty");
            stale.put("digest", Digest.ofJson(packet("Do another thing", "true")));
            JsonNode error = wire.error("mark_trusted", stale);
            assertThat(error.get("code").asInt()).isEqualTo(-32022);
            assertThat(error.at("/data/packet_digest").asText()).isEqualTo(Digest.ofJson(packet));
            assertThat(wire.ok("get_worker", id(worker)).get("state").asText()).isEqualTo("trust_required");
            // a client that still sends the old "sha256:" form names the same digest; the answer is the one format
            ObjectNode current = Fixtures.with(id(worker), "approval_source", "human_tty");
            current.put("digest", "sha256:" + Digest.ofJson(packet));
            JsonNode approved = wire.ok("mark_trusted", current);
            assertThat(approved.get("state").asText()).isEqualTo("ready_for_prompt");
            assertThat(approved.get("digest").asText()).isEqualTo(Digest.ofJson(packet)).matches("[0-9a-f]{64}");
        }
    }

    @Test
    void denyTrustFailsTheWorkerWithoutRunningIt() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")))) {
            String worker = wire.ok("spawn_worker", spawn(packet("x", "touch ran.txt"), ws, null)).get("worker_id").asText();
            wire.ok("check_trust", id(worker));
            ObjectNode deny = Fixtures.with(id(worker), "approver", "carol");
            deny.put("comment", "not this repo");
            assertThat(wire.ok("deny_trust", deny).get("state").asText()).isEqualTo("failed");
            JsonNode denied = wire.events(worker).stream().filter(e -> e.path("kind").asText().equals("trust_denied")).findFirst().orElseThrow();
            assertThat(denied.at("/payload/approver").asText()).isEqualTo("carol");
            assertThat(wire.error("run_worker", id(worker)).at("/data/allowed").toString()).isEqualTo("[\"ready_for_prompt\"]");
            assertThat(ws.resolve("ran.txt")).doesNotExist();
        }
    }

    @Test
    void badInputIsRefusedAndTheServiceKeepsServing() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(ws.resolve("out-link"), outside);
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")))) {
            ObjectNode noObjective = Json.object();
            noObjective.set("task_packet", Json.parse("{\"scope\":\"module\",\"acceptance_tests\":[]}"));
            JsonNode invalid = wire.error("spawn_worker", noObjective);
            assertThat(invalid.get("code").asInt()).isEqualTo(-32602);
            assertThat(invalid.get("data").toString()).contains("/task_packet", "objective");

            for (String escape : new String[] {"../outside", outside.toString(), "out-link", "out-link/deeper", "src/../../outside"}) {
                ObjectNode packet = packet("x", "true");
                packet.put("scope", "module");
                packet.put("scope_path", escape);
                JsonNode error = wire.error("spawn_worker", spawn(packet, ws, null));
                assertThat(error.get("code").asInt()).as("scope_path %s", escape).isEqualTo(-32023);
                assertThat(error.at("/data/scope_path").asText()).isEqualTo(escape);
            }
            ObjectNode inside = packet("x", "true");
            inside.put("scope", "single_file");
            inside.put("scope_path", ws.resolve("src/new.js").toString());
            String worker = wire.ok("spawn_worker", spawn(inside, ws, null)).get("worker_id").asText();
            assertThat(wire.ok("get_worker", id(worker)).get("scope_path").asText()).isEqualTo("src/new.js");

            JsonNode missing = wire.error("spawn_worker", spawn(packet("x", "true"), tmp.resolve("nope"), null));
            assertThat(missing.get("code").asInt()).isEqualTo(-32024);
            JsonNode badAgent = wire.error("spawn_worker", spawn(packet("x", "true"), ws, "[\"unclosed"));
            assertThat(badAgent.get("code").asInt()).isEqualTo(-32602);
            assertThat(wire.error("cancel_worker", id("worker_0_0")).get("code").asInt()).isEqualTo(-32020);
            ObjectNode badDecision = Fixtures.with(id(worker), "decision", "maybe");
            assertThat(wire.error("decide", badDecision).get("code").asInt()).isEqualTo(-32602);
            ObjectNode decide = Fixtures.with(id(worker), "decision", "retry");
            assertThat(wire.error("decide", decide).get("code").asInt()).isEqualTo(-32025);

            wire.send("this is not json");
            assertThat(wire.ok("list_workers", Json.object()).get("workers")).hasSize(1);
        }
    }

    private static String printable(String text) {
        return text.replaceAll("[^\\x20-\\x7e]", "?");
    }

    @Test
    void pathsThatCannotBeEncodedAreInvalidParamsNotInternalErrors() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")))) {
            for (String bad : new String[] {"nul\u0000byte", "/tmp/\u0000", "sub/\u0000/x"}) {
                ObjectNode workspace = spawn(packet("x", "true"), ws, null);
                workspace.put("workspace", bad);
                JsonNode error = wire.error("spawn_worker", workspace);
                assertThat(error.get("code").asInt()).as("workspace %s: %s", printable(bad), printable(error.toString())).isEqualTo(-32602);
                ObjectNode packet = packet("x", "true");
                packet.put("scope", "module");
                packet.put("scope_path", bad);
                JsonNode scopeError = wire.error("spawn_worker", spawn(packet, ws, null));
                assertThat(scopeError.get("code").asInt()).as("scope %s: %s", printable(bad), printable(scopeError.toString()))
                        .isEqualTo(-32602);
            }
            // unpaired surrogates: whatever the wire makes of them, the answer is never an internal error
            for (String odd : new String[] {"lone\uD800surrogate", "\uDFFFtrail"}) {
                ObjectNode workspace = spawn(packet("x", "true"), ws, null);
                workspace.put("workspace", odd);
                assertThat(wire.call("spawn_worker", workspace).path("error").path("code").asInt()).isNotEqualTo(-32603);
                ObjectNode packet = packet("x", "true");
                packet.put("scope", "module");
                packet.put("scope_path", odd);
                assertThat(wire.call("spawn_worker", spawn(packet, ws, null)).path("error").path("code").asInt()).isNotEqualTo(-32603);
            }
            // a non-ASCII path that can be encoded works
            Path accented = Files.createDirectories(ws.resolve("thème"));
            ObjectNode packet = packet("x", "true");
            packet.put("scope", "module");
            packet.put("scope_path", "thème");
            String worker = wire.ok("spawn_worker", spawn(packet, ws, null)).get("worker_id").asText();
            assertThat(wire.ok("get_worker", id(worker)).get("scope_path").asText()).isEqualTo(accented.getFileName().toString());
        }
    }

    @Test
    void badCommandLineArgumentsExitTwo() throws Exception {
        Path policy = Fixtures.write(tmp.resolve("bad.yaml"), "trusted_roots: \"not a list\"\n");
        Path recipes = Fixtures.write(tmp.resolve("recipes.yaml"), "recipes:\n  transient: {action: explode}\n");
        for (String[] args : new String[][] {
                {"--trust-policy", policy.toString()},
                {"--trust-policy", tmp.resolve("missing.yaml").toString()},
                {"--recipes", recipes.toString()},
                {"--max-workers", "0"},
                {"--worktrees", "sometimes"},
                {"--agent-command", "[1, 2]"}}) {
            WireSession wire = session(Fixtures.env(tmp.resolve("home")), args);
            assertThat(wire.closeAndWait()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(wire.stderr()).as(String.join(" ", args)).isNotBlank();
        }
    }
}
