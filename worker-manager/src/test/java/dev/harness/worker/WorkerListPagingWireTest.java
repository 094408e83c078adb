package dev.harness.worker;

import static dev.harness.worker.Fixtures.id;
import static dev.harness.worker.Fixtures.packet;
import static dev.harness.worker.Fixtures.spawn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.rpc.WorkerMethods;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * list_workers pages (issue 13): a long-lived manager's list is answered a bounded page at a time,
 * in spawn order, and a client that follows next_cursor sees every worker exactly once.
 */
class WorkerListPagingWireTest {
    @TempDir
    Path tmp;

    private String[] args(Path policy) {
        return new String[] {"--state-dir", tmp.resolve("state").toString(), "--trust-policy", policy.toString()};
    }

    private static ObjectNode page(String state, String cursor, Integer limit) {
        ObjectNode params = Json.object();
        if (state != null) {
            params.put("state", state);
        }
        if (cursor != null) {
            params.put("cursor", cursor);
        }
        if (limit != null) {
            params.put("limit", limit);
        }
        return params;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("workers").forEach(w -> ids.add(w.get("worker_id").asText()));
        return ids;
    }

    /** Follows next_cursor from the first page to the last; every page at most {@code limit} workers. */
    private static List<String> everyPage(WireSession wire, String state, int limit, List<Integer> sizes) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        while (true) {
            JsonNode page = wire.ok("list_workers", page(state, cursor, limit));
            sizes.add(page.get("workers").size());
            // the manager writes the page from its published snapshots: it still reads as the method's result
            assertThat(WorkerMethods.LIST_WORKERS.readResult(page).workers()).hasSize(page.get("workers").size());
            seen.addAll(ids(page));
            if (page.get("complete").asBoolean()) {
                assertThat(page.has("next_cursor")).as("the last page has no cursor: %s", page).isFalse();
                return seen;
            }
            cursor = page.get("next_cursor").asText();
            assertThat(cursor).isEqualTo(seen.get(seen.size() - 1));
        }
    }

    @Test
    void pagesFollowSpawnOrderAndEndWithACompletePage() throws Exception {
        Path trusted = Files.createDirectories(tmp.resolve("trusted"));
        Path untrusted = Files.createDirectories(tmp.resolve("elsewhere"));
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"), "trusted_roots: [\"" + trusted + "\"]\n");
        try (WireSession wire = new WireSession(Fixtures.env(tmp.resolve("home")), args(policy))) {
            List<String> spawned = new ArrayList<>();
            List<String> trustedOnes = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                Path ws = i % 3 == 0 ? trusted : untrusted;
                String worker = wire.ok("spawn_worker", spawn(packet("Task " + i, "true"), ws, null)).get("worker_id").asText();
                spawned.add(worker);
                if (ws.equals(trusted)) {
                    wire.ok("check_trust", id(worker)); // ready_for_prompt: no longer spawning
                    trustedOnes.add(worker);
                }
            }

            JsonNode whole = wire.ok("list_workers", Json.object());
            assertThat(ids(whole)).isEqualTo(spawned);
            assertThat(whole.get("complete").asBoolean()).isTrue();
            assertThat(whole.has("next_cursor")).isFalse();

            List<Integer> sizes = new ArrayList<>();
            assertThat(everyPage(wire, null, 3, sizes)).isEqualTo(spawned);
            assertThat(sizes).containsExactly(3, 3, 1);

            List<String> stillSpawning = new ArrayList<>(spawned);
            stillSpawning.removeAll(trustedOnes);
            sizes.clear();
            assertThat(everyPage(wire, "spawning", 2, sizes)).isEqualTo(stillSpawning);
            assertThat(sizes).containsExactly(2, 2);

            // a worker spawned between pages is on a later page, not lost
            JsonNode first = wire.ok("list_workers", page(null, null, 6));
            String late = wire.ok("spawn_worker", spawn(packet("Late", "true"), untrusted, null)).get("worker_id").asText();
            JsonNode rest = wire.ok("list_workers", page(null, first.get("next_cursor").asText(), 6));
            assertThat(ids(rest)).containsExactly(spawned.get(6), late);
            assertThat(rest.get("complete").asBoolean()).isTrue();
        }
    }

    @Test
    void aCursorOrLimitItCannotUseIsRefusedNamingTheField() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"), "trusted_roots: []\n");
        try (WireSession wire = new WireSession(Fixtures.env(tmp.resolve("home")), args(policy))) {
            wire.ok("spawn_worker", spawn(packet("Task", "true"), ws, null));
            JsonNode unknown = wire.error("list_workers", page(null, "worker_nobody", null));
            assertThat(unknown.get("code").asInt()).isEqualTo(-32602);
            assertThat(unknown.toString()).contains("/cursor").contains("worker_nobody");
            for (int limit : new int[] {0, 1001}) {
                JsonNode refused = wire.error("list_workers", page(null, null, limit));
                assertThat(refused.get("code").asInt()).isEqualTo(-32602);
                assertThat(refused.toString()).contains("limit");
            }
        }
    }
}
