package dev.harness.orchestrator.runlog;

import dev.harness.api.run.LoggedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A filter over a run's events: kinds (exact, or a prefix ending in '*': {@code task_*}),
 * task id, worker id, and a time window [since, until]. Immutable; each setter returns a copy.
 */
public final class EventQuery {
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d|w)(\\s+ago)?");

    private final Set<String> kinds;
    private final String taskId;
    private final String workerId;
    private final Instant since;
    private final Instant until;

    private EventQuery(Set<String> kinds, String taskId, String workerId, Instant since, Instant until) {
        this.kinds = kinds;
        this.taskId = taskId;
        this.workerId = workerId;
        this.since = since;
        this.until = until;
    }

    /** Matches every event. */
    public static EventQuery all() {
        return new EventQuery(Set.of(), null, null, null, null);
    }

    /** Only these kinds (none given: any kind). */
    public EventQuery kinds(Iterable<String> kinds) {
        Set<String> set = new LinkedHashSet<>();
        if (kinds != null) {
            kinds.forEach(k -> {
                if (k != null && !k.isBlank()) {
                    set.add(k.strip());
                }
            });
        }
        return new EventQuery(Set.copyOf(set), taskId, workerId, since, until);
    }

    /**
     * The asked kinds (names or "prefix*") that match none of {@code known}: a misspelt kind would
     * otherwise print an empty table and exit 0, like "nothing happened".
     */
    public static List<String> unknownKinds(Iterable<String> asked, java.util.Collection<String> known) {
        List<String> unknown = new ArrayList<>();
        for (String kind : asked) {
            EventQuery one = EventQuery.all().kinds(kind);
            if (!one.kinds.isEmpty() && known.stream().noneMatch(one::kindMatches)) {
                unknown.add(kind.strip());
            }
        }
        return unknown;
    }

    public EventQuery kinds(String... kinds) {
        return kinds(List.of(kinds));
    }

    public EventQuery task(String taskId) {
        return new EventQuery(kinds, blankToNull(taskId), workerId, since, until);
    }

    public EventQuery worker(String workerId) {
        return new EventQuery(kinds, taskId, blankToNull(workerId), since, until);
    }

    /** The lower bound of the time window (null: none). */
    public Instant sinceInstant() {
        return since;
    }

    /** The upper bound of the time window (null: none). */
    public Instant untilInstant() {
        return until;
    }

    /** Events at or after this instant (null: no lower bound). */
    public EventQuery since(Instant since) {
        return new EventQuery(kinds, taskId, workerId, since, until);
    }

    /** Events at or before this instant (null: no upper bound). */
    public EventQuery until(Instant until) {
        return new EventQuery(kinds, taskId, workerId, since, until);
    }

    public List<LoggedEvent> apply(List<LoggedEvent> events) {
        List<LoggedEvent> out = new ArrayList<>();
        for (LoggedEvent event : events) {
            if (matches(event)) {
                out.add(event);
            }
        }
        return out;
    }

    public boolean matches(LoggedEvent event) {
        if (!kinds.isEmpty() && !kindMatches(event.kind())) {
            return false;
        }
        if (taskId != null && !taskId.equals(event.taskId())) {
            return false;
        }
        if (workerId != null && !workerId.equals(event.workerId())) {
            return false;
        }
        if (since != null || until != null) {
            Optional<Instant> time = event.instant();
            if (time.isEmpty()) {
                return false;
            }
            if (since != null && time.get().isBefore(since)) {
                return false;
            }
            if (until != null && time.get().isAfter(until)) {
                return false;
            }
        }
        return true;
    }

    private boolean kindMatches(String kind) {
        if (kind == null) {
            return false;
        }
        for (String wanted : kinds) {
            if (wanted.endsWith("*") ? kind.startsWith(wanted.substring(0, wanted.length() - 1)) : wanted.equals(kind)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses a time given on the command line: an ISO-8601 instant ({@code 2026-11-23T01:15:00Z}),
     * a date-time with offset ({@code 2026-11-23T02:15:00+01:00}), a UTC date-time without zone
     * ({@code 2026-11-23T01:15}), a UTC date ({@code 2026-11-23}), or a duration before {@code now}
     * ({@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, {@code 1w}, optionally followed by "ago").
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Instant parseTime(String text, Instant now) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty time; " + FORMS);
        }
        String t = text.strip();
        Matcher relative = RELATIVE.matcher(t.toLowerCase(Locale.ROOT));
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            Duration duration = switch (relative.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofDays(7 * amount);
            };
            return now.minus(duration);
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // fall through to the error
        }
        throw new IllegalArgumentException("cannot read '" + t + "' as a time; " + FORMS);
    }

    private static final String FORMS = "use an ISO-8601 time such as 2026-11-23T01:15:00Z (UTC unless an offset"
            + " is given), a date such as 2026-11-23, or a duration ago such as 90s, 10m, 2h, 1d, 1w";

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String toString() {
        return "EventQuery{kinds=" + kinds + ", task=" + taskId + ", worker=" + workerId
                + ", since=" + since + ", until=" + until + "}";
    }
}
