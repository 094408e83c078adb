package dev.harness.orchestrator.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.run.PauseStatus;
import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.RunStatus;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.worker.Decision;
import dev.harness.api.worker.FailureClass;
import dev.harness.orchestrator.runlog.EventLogReader;
import dev.harness.protocol.Json;
import dev.harness.protocol.secrets.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notifier: one call per waiting point and per end, with the event as JSON; a hanging one is killed and logged. */
class NotifierTest {
    @TempDir
    Path temp;

    /** A notifier that appends what it got (stdin, then the summary variable) to a file. */
    private Path recordingNotifier(Path calls) throws Exception {
        Path script = temp.resolve("record.sh");
        Files.writeString(script, "#!/bin/sh\ncat >> \"$1\"\nprintf 'SUMMARY=%s\\n' \"$HARNESS_NOTIFY_SUMMARY\" >> \"$1\"\n");
        script.toFile().setExecutable(true);
        return script;
    }

    /** The message is a record now; its bytes are those the ObjectNode tree wrote before. */
    @Test
    void theMessageIsWhatTheTreeWrote() throws Exception {
        try (RunScript run = new RunScript(temp.resolve("runs"), "run-m", RunScript.tree())) {
            RunNotifier notifier = RunNotifier.attach(run.log, run.dir, List.of(List.of("true")), Duration.ofSeconds(30),
                    Redactor.builtIn());
            com.fasterxml.jackson.databind.node.ObjectNode trigger = Json.object().put("seq", 7).put("kind", "run_paused");
            String[][] cases = {{"waiting", "awaiting_decision", "a", "harness run run-m waits for a decision on task a"},
                    {"completed", "completed", null, "harness run run-m completed: 3 of 3"}};
            for (String[] c : cases) {
                for (com.fasterxml.jackson.databind.node.ObjectNode given : java.util.Arrays.asList(trigger, null)) {
                    com.fasterxml.jackson.databind.node.ObjectNode message = Json.object();
                    message.put("event", c[0]);
                    message.put("run_id", run.dir.runId());
                    message.put("status", c[1]);
                    if (c[2] != null) {
                        message.put("task_id", c[2]);
                    }
                    message.put("summary", c[3]);
                    message.put("objective", "add dark mode");
                    message.put("run_dir", run.dir.path().toString());
                    message.put("events_file", run.dir.eventsFile().toString());
                    if (given != null) {
                        message.set("trigger", given.deepCopy());
                    }
                    assertEquals(Json.write(message), Json.write(Json.toNode(notifier.message(c[0], c[1], c[2], c[3], given))));
                }
            }
            notifier.close();
        }
    }

    @Test
    void eachWaitingPointAndTheEndAreToldOnceWithTheEventAsJson() throws Exception {
        Path calls = temp.resolve("calls.txt");
        Path script = recordingNotifier(calls);
        try (RunScript run = new RunScript(temp.resolve("runs"), "run-n", RunScript.tree())) {
            RunNotifier notifier = RunNotifier.attach(run.log, run.dir, List.of(List.of(script.toString(), calls.toString())),
                    Duration.ofSeconds(30), Redactor.builtIn());
            // the plan gate: requested, then paused for want of a terminal — one waiting point (the request
            // alone is none: --yes answers it at once)
            run.awaitApproval();
            run.log.append(new RunEvent.RunPaused(PauseStatus.AWAITING_APPROVAL, "no terminal", null));
            run.approve().start("a");
            // an escalation: the failure and the pause are one waiting point
            run.log.append(new RunEvent.TaskFailed("a", "w-a", FailureClass.LOGIC_ERROR, "tests fail token=abcdefghijklmnop1234", true));
            run.log.append(new RunEvent.RunPaused(PauseStatus.AWAITING_DECISION, "logic_error: tests fail token=abcdefghijklmnop1234", "a"));
            run.log.append(new RunEvent.DecisionRecorded("a", "w-a", Decision.RETRY, "tester", ApprovalSource.HUMAN_TTY, null));
            run.start("a").complete("a");
            // trust asked at a terminal prompt (nothing logged until answered)
            notifier.atPrompt(RunStatus.AWAITING_APPROVAL, "b", "the workspace needs trust before task b can run");
            run.start("b").complete("b").start("c").complete("c").finish();
            notifier.close();
        }
        List<JsonNode> messages = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        for (String line : Files.readAllLines(calls)) {
            if (line.startsWith("SUMMARY=")) {
                summaries.add(line.substring("SUMMARY=".length()));
            } else {
                messages.add(Json.parse(line));
            }
        }
        assertEquals(4, messages.size(), String.join("\n", Files.readAllLines(calls)));
        assertEquals(4, summaries.size());
        assertEquals(List.of("waiting", "waiting", "waiting", "completed"), messages.stream().map(m -> m.path("event").asText()).toList());
        assertEquals(List.of("awaiting_approval", "awaiting_decision", "awaiting_trust", "completed"),
                messages.stream().map(m -> m.path("status").asText()).toList());
        assertEquals("run_paused", messages.get(0).path("trigger").path("kind").asText());
        assertEquals("run-n", messages.get(0).path("run_id").asText());
        assertEquals("a", messages.get(1).path("task_id").asText());
        assertEquals("run_paused", messages.get(1).path("trigger").path("kind").asText());
        assertEquals("b", messages.get(2).path("task_id").asText());
        assertEquals("execution_complete", messages.get(3).path("trigger").path("kind").asText());
        // one sentence each: the gate is not said twice; a decision carries its failure
        assertEquals("harness run run-n waits for approval of the plan: add dark mode", summaries.get(0));
        assertEquals("harness run run-n waits for trust in the workspace (task b): add dark mode", summaries.get(2));
        assertTrue(summaries.get(1).startsWith("harness run run-n waits for a decision on task a: add dark mode — logic_error: tests fail"),
                summaries.get(1));
        assertTrue(summaries.get(3).contains("run-n completed (3 completed, 0 failed, 0 skipped)"), summaries.get(3));
        String all = Files.readString(calls);
        assertTrue(!all.contains("abcdefghijklmnop1234"), "a secret in a reason is masked: " + all);

        List<String> kinds = EventLogReader.readAll(temp.resolve("runs/run-n/events.jsonl")).stream().map(e -> e.kind()).toList();
        assertEquals(4, kinds.stream().filter("notification_sent"::equals).count(), kinds.toString());
    }

    @Test
    void aHangingNotifierIsKilledAndLoggedAndAFailingOneToo() throws Exception {
        Path hang = temp.resolve("hang.sh");
        Files.writeString(hang, "#!/bin/sh\nsleep 600\n");
        hang.toFile().setExecutable(true);
        try (RunScript run = new RunScript(temp.resolve("runs"), "run-h", RunScript.tree())) {
            RunNotifier notifier = RunNotifier.attach(run.log, run.dir,
                    List.of(List.of(hang.toString()), List.of("false")), Duration.ofMillis(300), Redactor.builtIn());
            run.approve().start("a").complete("a").start("b").complete("b").start("c").complete("c").finish();
            notifier.close();
        }
        List<RunEvent.NotificationFailed> failures = EventLogReader.readAll(temp.resolve("runs/run-h/events.jsonl")).stream()
                .map(LoggedEvent::event).filter(RunEvent.NotificationFailed.class::isInstance)
                .map(RunEvent.NotificationFailed.class::cast).toList();
        assertEquals(2, failures.size(), failures.toString());
        assertTrue(failures.get(0).reason().contains("was killed"), failures.toString());
        assertEquals(1, failures.get(1).exitCode(), failures.toString());
    }

    @Test
    void commandsComeFromTheOptionElseTheUsersConfigFile() throws Exception {
        Path config = temp.resolve("config");
        Files.createDirectories(config);
        Map<String, String> env = Map.of("HARNESS_CONFIG_DIR", config.toString());
        assertEquals(List.of(), NotifyConfig.commands(null, env));
        Files.writeString(config.resolve("config.yaml"), "notify:\n  - notify-send 'harness run'\n  - '[\"curl\", \"-d\", \"@-\"]'\n");
        assertEquals(List.of(List.of("notify-send", "harness run"), List.of("curl", "-d", "@-")), NotifyConfig.commands(null, env));
        assertEquals(List.of(List.of("my-notifier", "a b; rm -rf x")), NotifyConfig.commands(List.of("my-notifier 'a b; rm -rf x'"), env));
        Files.writeString(config.resolve("config.yaml"), "notify: 3\n");
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NotifyConfig.commands(null, env));
        assertTrue(bad.getMessage().contains("config.yaml: notify"), bad.getMessage());
    }
}
