package dev.harness.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.api.worker.ChecksPlacement;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.orchestrator.render.Console;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Checks that run in the person's own directory are said on the screen, once per task; a copy is not news. */
class ChecksPlacementDisplayTest {
    @Test
    void checksInPlaceAreSaidOncePerTaskAndACopyIsQuiet() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunDisplay display = new RunDisplay(new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, false),
                Path.of("events.jsonl"));
        display.title("t1", "Check the theme");
        String reason = "not a git work tree and larger than 20000 files or 256 MiB, so it is not copied: the checks run"
                + " in your directory and may leave files there";
        var inPlace = new WorkerEventPayload.ChecksPlaced(ChecksPlacement.IN_PLACE, "/home/p/big", "/home/p/big", reason,
                null, null, 0L);
        var copy = new WorkerEventPayload.ChecksPlaced(ChecksPlacement.GIT_CHECKOUT, "/home/p/repo", "/s/checkout", null,
                2, null, 30L);
        display.workerEvent("t2", copy, 1);
        display.workerEvent("t1", inPlace, 1);
        display.workerEvent("t1", inPlace, 2); // a retry: already said

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("warning: Check the theme: " + reason + "\n");
    }
}
