package dev.harness.orchestrator.runlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEventCodec;
import dev.harness.protocol.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventQueryTest {
    private static LoggedEvent event(long seq, String time, String kind, String task, String worker) {
        ObjectNode e = Json.object().put("seq", seq).put("time", time).put("kind", kind).put("run_id", "r");
        if (task != null) {
            e.put("task_id", task);
        }
        if (worker != null) {
            e.put("worker_id", worker);
        }
        return RunEventCodec.fromJson(e);
    }

    private final List<LoggedEvent> events = List.of(
            event(1, "2026-11-23T01:00:00.000Z", "run_started", null, null),
            event(2, "2026-11-23T01:05:00.000Z", "task_started", "t1", "w-1"),
            event(3, "2026-11-23T01:06:00.000Z", "failure_classified", "t1", "w-1"),
            event(4, "2026-11-23T01:10:00.000Z", "task_failed", "t1", "w-1"),
            event(5, "2026-11-23T01:12:00.000Z", "task_started", "t2", "w-2"),
            event(6, "2026-11-23T01:20:00.000Z", "task_completed", "t2", "w-2"));

    private static List<Long> seqs(List<LoggedEvent> list) {
        return list.stream().map(LoggedEvent::seq).toList();
    }

    @Test
    void filtersCombine() {
        assertThat(seqs(EventQuery.all().apply(events))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(seqs(EventQuery.all().kinds("task_started").apply(events))).containsExactly(2L, 5L);
        assertThat(seqs(EventQuery.all().kinds("task_*").apply(events))).containsExactly(2L, 4L, 5L, 6L);
        assertThat(seqs(EventQuery.all().kinds("task_failed", "task_completed").apply(events))).containsExactly(4L, 6L);
        assertThat(seqs(EventQuery.all().task("t1").apply(events))).containsExactly(2L, 3L, 4L);
        assertThat(seqs(EventQuery.all().worker("w-2").apply(events))).containsExactly(5L, 6L);
        assertThat(seqs(EventQuery.all().task("t1").kinds("task_*").apply(events))).containsExactly(2L, 4L);
        assertThat(seqs(EventQuery.all().task("t9").apply(events))).isEmpty();
    }

    @Test
    void timeWindowIsInclusive() {
        EventQuery window = EventQuery.all()
                .since(Instant.parse("2026-11-23T01:05:00Z"))
                .until(Instant.parse("2026-11-23T01:12:00Z"));
        assertThat(seqs(window.apply(events))).containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void parsesAbsoluteAndRelativeTimes() {
        Instant now = Instant.parse("2026-11-23T02:00:00Z");
        assertThat(EventQuery.parseTime("10m", now)).isEqualTo(Instant.parse("2026-11-23T01:50:00Z"));
        assertThat(EventQuery.parseTime("2h ago", now)).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(EventQuery.parseTime("90s", now)).isEqualTo(Instant.parse("2026-11-23T01:58:30Z"));
        assertThat(EventQuery.parseTime("1d", now)).isEqualTo(Instant.parse("2026-11-22T02:00:00Z"));
        assertThat(EventQuery.parseTime("2026-11-23T01:15:00Z", now)).isEqualTo(Instant.parse("2026-11-23T01:15:00Z"));
        assertThat(EventQuery.parseTime("2026-11-23T02:15:00+01:00", now)).isEqualTo(Instant.parse("2026-11-23T01:15:00Z"));
        assertThat(EventQuery.parseTime("2026-11-23T01:15", now)).isEqualTo(Instant.parse("2026-11-23T01:15:00Z"));
        assertThat(EventQuery.parseTime("2026-11-23", now)).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        List<LoggedEvent> recent = EventQuery.all().since(EventQuery.parseTime("45m", now)).apply(events);
        assertThat(seqs(recent)).containsExactly(6L);
    }

    @Test
    void badTimesAreRefusedWithTheAcceptedForms() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> EventQuery.parseTime("yesterday", now)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'yesterday'").hasMessageContaining("10m");
        assertThatThrownBy(() -> EventQuery.parseTime("", now)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventQuery.parseTime("10x", now)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventsWithoutAReadableTimeAreOutsideAnyWindow() {
        LoggedEvent odd = event(7, "not a time", "task_started", "t3", null);
        assertThat(EventQuery.all().apply(List.of(odd))).hasSize(1);
        assertThat(EventQuery.all().since(Instant.EPOCH).apply(List.of(odd))).isEmpty();
    }
}
