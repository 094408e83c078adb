package dev.harness.worker.checkout;

import dev.harness.api.plan.TaskPacket;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subject line of a task's commit, which a person reads in their own history after apply: a whole
 * phrase of at most 72 characters. A planner's title is often its objective cut short for a table
 * ("Add a function `f` to…: src/pkg", the place appended); the subject takes the phrase back from the
 * objective and ends it where the sentence allows (a comma, a clause, a preposition), never mid-word
 * and only as a last resort with "…".
 */
final class CommitSubject {
    static final int MAX = 72;
    /** Where a phrase may end: punctuation, a bracket, or before a clause (the word is the next phrase's). */
    private static final Pattern CLAUSE = Pattern.compile("[,;:]\\s|\\s[-–—]\\s|\\s\\(|(?<=\\))\\s"
            + "|\\s(?=(?:that|which|who|so|when|whenever|where|while|if|unless|because|since|instead|rather|e\\.g\\.|i\\.e\\.)\\s)");
    /** Where a phrase may end when no clause does late enough: before a preposition or a conjunction. */
    private static final Pattern WORD = Pattern.compile(
            "\\s(?=(?:without|with|and|or|but|by|for|from|in|into|to|as|of|on|at|via|using)\\s)");
    /** A clause boundary this far in is preferred to any later word boundary. */
    private static final int CLAUSE_ENOUGH = 40;
    /** A sentence's end; not the full stops of "e.g." and "i.e.". */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<!e\\.g)(?<!i\\.e)[.!?](?:\\s|$)");
    /** A phrase shorter than this is no subject; a longer cut with "…" says more. */
    private static final int SHORTEST = 16;

    private CommitSubject() {
    }

    static String of(TaskPacket task) {
        String title = task.title() == null ? null : firstLine(task.title());
        String objective = firstLine(overall(task.objective()));
        if (title == null || title.isEmpty()) {
            Matcher end = SENTENCE_END.matcher(objective);
            return fit(end.find() ? objective.substring(0, end.start()) : objective);
        }
        String phrase = withoutPlace(title, task);
        if (phrase.endsWith("…")) {
            phrase = completed(phrase.substring(0, phrase.length() - 1).strip(), task.objective());
        }
        return fit(phrase);
    }

    /** The built-in planner's packet objective ends with the run's own ("… Overall objective: X"). */
    private static String overall(String objective) {
        int at = objective.lastIndexOf("Overall objective:");
        return at < 0 ? objective : objective.substring(at + "Overall objective:".length()).strip();
    }

    /**
     * A title's trailing ": place": after a cut ("…: place"), or when the place is the task's scope, one of
     * its files or a directory holding them (a person's "Fix: the parser …" keeps its colon).
     */
    private static String withoutPlace(String title, TaskPacket task) {
        int at = title.lastIndexOf(": ");
        if (at <= 0) {
            return title;
        }
        String place = title.substring(at + 2).strip();
        List<String> files = task.files() == null ? List.of() : task.files();
        boolean named = title.substring(0, at).endsWith("…") || place.equals(task.scopePath()) || files.contains(place)
                || files.stream().anyMatch(f -> f.startsWith(place + "/")) || (!files.isEmpty() && place.matches("\\d+ files"));
        return named ? title.substring(0, at).strip() : title;
    }

    /** The objective's sentence the cut title begins, in the title's capitalisation; the title when not found. */
    private static String completed(String cut, String objective) {
        if (cut.isEmpty()) {
            return firstLine(overall(objective));
        }
        String text = overall(objective).replaceAll("\\s+", " ");
        int at = text.toLowerCase(Locale.ROOT).indexOf(cut.toLowerCase(Locale.ROOT));
        if (at < 0) {
            text = objective.replaceAll("\\s+", " ");
            at = text.toLowerCase(Locale.ROOT).indexOf(cut.toLowerCase(Locale.ROOT));
        }
        if (at < 0) {
            return cut + "…";
        }
        String rest = text.substring(at + cut.length());
        Matcher end = SENTENCE_END.matcher(rest);
        String tail = end.find() ? rest.substring(0, end.start()) : rest;
        return cut + tail;
    }

    /** At most {@link #MAX} characters, ended at the last boundary that fits; no trailing full stop. */
    static String fit(String text) {
        String phrase = trimEnd(text.strip());
        if (phrase.length() <= MAX) {
            return phrase;
        }
        int clause = lastBoundary(CLAUSE, phrase);
        int best = clause >= CLAUSE_ENOUGH ? clause : Math.max(clause, lastBoundary(WORD, phrase));
        if (best > 0) {
            return trimEnd(phrase.substring(0, best));
        }
        int space = phrase.lastIndexOf(' ', MAX - 1);
        return trimEnd(phrase.substring(0, space >= SHORTEST ? space : MAX - 1)) + "…";
    }

    /** The last place the pattern allows that leaves a phrase of a fitting length, or -1. */
    private static int lastBoundary(Pattern pattern, String phrase) {
        Matcher boundary = pattern.matcher(phrase);
        int best = -1;
        while (boundary.find() && boundary.start() <= MAX) {
            if (boundary.start() >= SHORTEST && balanced(phrase.substring(0, boundary.start()))) {
                best = boundary.start();
            }
        }
        return best;
    }

    /** Code quotes and brackets closed: a subject never ends inside `x(a, b)`. */
    private static boolean balanced(String head) {
        long ticks = head.chars().filter(c -> c == '`').count();
        long open = head.chars().filter(c -> c == '(' || c == '[' || c == '{').count();
        long close = head.chars().filter(c -> c == ')' || c == ']' || c == '}').count();
        return ticks % 2 == 0 && open == close;
    }

    private static String trimEnd(String text) {
        String trimmed = text.strip();
        while (!trimmed.isEmpty() && List.of('.', ',', ';', ':', '-', '–', '—').contains(trimmed.charAt(trimmed.length() - 1))) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return (newline < 0 ? stripped : stripped.substring(0, newline)).strip();
    }
}
