package dev.harness.worker;

import static dev.harness.worker.Fixtures.id;
import static dev.harness.worker.Fixtures.packet;
import static dev.harness.worker.Fixtures.spawn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No event lost, no resume hung (issue 20): a client can fetch every event of a worker it missed,
 * and a manager started while an older one still runs a worker follows that worker's record to
 * its end instead of waiting on a stale "running".
 */
class EventHistoryWireTest {
    @TempDir
    Path tmp;

    private String[] args(Path policy) {
        return new String[] {"--state-dir", tmp.resolve("state").toString(), "--trust-policy", policy.toString(),
                "--kill-grace-ms", "200"};
    }

    private Path policy(Path trusted) throws Exception {
        return Fixtures.write(tmp.resolve("policy.yaml"), "trusted_roots: [\"" + trusted + "\"]\n");
    }

    private static List<Long> seqs(JsonNode events) {
        List<Long> seqs = new ArrayList<>();
        events.forEach(e -> seqs.add(e.path("seq").asLong()));
        return seqs;
    }

    @Test
    void everyEventOfAWorkerCanBeFetchedAfterAnyOneWithoutGaps() throws Exception {
        Path trusted = Files.createDirectories(tmp.resolve("trusted"));
        try (WireSession wire = new WireSession(Fixtures.env(tmp.resolve("home")), args(policy(trusted)))) {
            String worker = wire.ok("spawn_worker", spawn(packet("Check", "true", "echo two"), trusted, null))
                    .get("worker_id").asText();
            wire.ok("check_trust", id(worker));
            wire.ok("run_worker", id(worker));
            wire.ok("wait_worker", id(worker));
            List<JsonNode> notified = wire.events(worker);

            JsonNode all = wire.ok("get_worker_events", id(worker));
            assertThat(all.get("complete").asBoolean()).isTrue();
            assertThat(all.get("events")).hasSize(notified.size());
            assertThat(seqs(all.get("events"))).isEqualTo(java.util.stream.LongStream.range(0, notified.size()).boxed().toList());
            for (int i = 0; i < notified.size(); i++) {
                assertThat(all.get("events").get(i)).isEqualTo(notified.get(i));
            }

            ObjectNode after = id(worker);
            after.put("after_event_id", notified.get(2).path("event_id").asText());
            after.put("limit", 2);
            JsonNode page = wire.ok("get_worker_events", after);
            assertThat(seqs(page.get("events"))).containsExactly(3L, 4L);
            assertThat(page.get("complete").asBoolean()).isFalse();
            ObjectNode rest = id(worker);
            rest.put("after_seq", page.get("next_after_seq").asLong());
            JsonNode last = wire.ok("get_worker_events", rest);
            assertThat(last.get("complete").asBoolean()).isTrue();
            assertThat(last.get("events").get(last.get("events").size() - 1).path("kind").asText()).isEqualTo("finished");

            ObjectNode foreignId = id(worker);
            foreignId.put("after_event_id", "someone_else:3");
            assertThat(wire.error("get_worker_events", foreignId).get("code").asInt()).isEqualTo(-32602);
        }
        // a restarted manager answers from disk, the journal included
        try (WireSession again = new WireSession(Fixtures.env(tmp.resolve("home")), args(policy(trusted)))) {
            String worker = again.ok("list_workers", Json.object()).at("/workers/0/worker_id").asText();
            assertThat(again.ok("get_worker_events", id(worker)).get("complete").asBoolean()).isTrue();
            Path journal = tmp.resolve("state/events/" + worker + ".jsonl");
            assertThat(Files.readAllLines(journal)).hasSize(again.ok("get_worker", id(worker)).get("event_count").asInt());
        }
    }

    @Test
    void aManagerStartedWhileAnOlderOneStillRunsAWorkerFollowsItToItsEnd() throws Exception {
        Path trusted = Files.createDirectories(tmp.resolve("trusted"));
        Path go = tmp.resolve("go");
        // the agent waits for the test's signal, so the worker is running while the second manager starts
        String agent = Json.write(Json.array().add("sh").add("-c")
                .add("while [ ! -f '" + go + "' ]; do sleep 0.05; done; echo done > out.txt"));
        Path policy = policy(trusted);
        Map<String, String> env = Fixtures.env(tmp.resolve("home"));
        try (WireSession old = new WireSession(env, args(policy))) {
            String worker = old.ok("spawn_worker", spawn(packet("Wait for go", "test -f out.txt"), trusted, agent))
                    .get("worker_id").asText();
            old.ok("check_trust", id(worker));
            old.ok("run_worker", id(worker));

            try (WireSession resumed = new WireSession(env, args(policy))) {
                assertThat(resumed.ok("get_worker", id(worker)).get("state").asText()).isEqualTo("running");
                CompletableFuture<JsonNode> waited = CompletableFuture.supplyAsync(() -> resumed.ok("wait_worker", id(worker)));
                Files.writeString(go, "");
                JsonNode done = waited.get(60, TimeUnit.SECONDS); // a hang guard, not a timing claim
                assertThat(done.get("state").asText()).isEqualTo("finished");
                assertThat(done.get("attempts").asInt()).isEqualTo(1);
                // the events the old manager wrote are relayed by the one the client now talks to, and fetchable
                assertThat(resumed.kinds(worker)).contains("acceptance_test_result", "finished");
                JsonNode history = resumed.ok("get_worker_events", id(worker));
                assertThat(history.get("complete").asBoolean()).isTrue();
                assertThat(seqs(history.get("events")).get(history.get("events").size() - 1))
                        .isEqualTo(done.get("event_count").asLong() - 1);
                assertThat(resumed.ok("list_workers", Json.object()).at("/workers/0/state").asText()).isEqualTo("finished");
            }
        }
    }

    @Test
    void listWorkersAnswersForThousandsOfWorkersFromTheIndex() throws Exception {
        Path trusted = Files.createDirectories(tmp.resolve("trusted"));
        Path policy = policy(trusted);
        Map<String, String> env = Fixtures.env(tmp.resolve("home"));
        String template;
        try (WireSession first = new WireSession(env, args(policy))) {
            String worker = first.ok("spawn_worker", spawn(packet("One of many", "true"), trusted, null)).get("worker_id").asText();
            template = Files.readString(tmp.resolve("state/records/" + worker + ".json")).replace(worker, "%s");
        }
        for (int i = 0; i < 3000; i++) {
            String id = String.format("worker_many_%04d", i);
            Files.writeString(tmp.resolve("state/records/" + id + ".json"), template.replace("%s", id));
        }
        try (WireSession wire = new WireSession(env, args(policy))) {
            // a page at a time (issue 13): the default page, then every page of the largest size
            JsonNode first = wire.ok("list_workers", Json.object());
            assertThat(first.get("workers")).hasSize(100);
            assertThat(first.get("complete").asBoolean()).isFalse();
            assertThat(allPages(wire, Json.object())).hasSize(3001).doesNotHaveDuplicates();
            assertThat(allPages(wire, Json.object().put("state", "spawning"))).hasSize(3001);
            JsonNode running = wire.ok("list_workers", Json.object().put("state", "running"));
            assertThat(running.get("workers")).isEmpty();
            assertThat(running.get("complete").asBoolean()).isTrue();
        }
    }

    /** The worker ids of every page of list_workers, following next_cursor, 1,000 a page. */
    private static List<String> allPages(WireSession wire, ObjectNode params) {
        List<String> ids = new ArrayList<>();
        params.put("limit", 1000);
        while (true) {
            JsonNode page = wire.ok("list_workers", params);
            page.get("workers").forEach(w -> ids.add(w.get("worker_id").asText()));
            if (page.get("complete").asBoolean()) {
                return ids;
            }
            params.put("cursor", page.get("next_cursor").asText());
        }
    }
}
