package dev.harness.planning;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A file's lines as the evidence of a match reads them ({@link ChangeLocator#evidence}): per line,
 * each word of two or more characters with its lower case and the stems of its identifier parts.
 * Splitting and stemming a file costs far more than reading it, and a service plans again and
 * again on the same few files, so the result is kept per file and reused only while the file's
 * bytes are exactly those it was made from (the caller reads them every time: an edit is seen at once).
 */
final class EvidenceLines {
    /** Lines past this are not scored. */
    static final int MAX_LINES = 5000;
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}_$]+");
    /** Kept: a plan quotes a handful of files; bounded so the cache stays a few MB of a 128 MB heap. */
    private static final int MAX_KEPT = 32;
    private static final int MAX_KEPT_BYTES = 64 * 1024;
    private static final Map<Path, EvidenceLines> KEPT = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, EvidenceLines> eldest) {
            return size() > MAX_KEPT;
        }
    };

    /** A word as written, lower-cased, and the stems of its parts (camelCase, snake_case split). */
    record Word(String lower, List<String> stems) {}

    private final byte[] content;
    private final String[] lines;
    private final Word[][] words;

    private EvidenceLines(byte[] content) {
        this.content = content;
        this.lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        int count = Math.min(lines.length, MAX_LINES);
        this.words = new Word[count][];
        Map<String, Word> seen = new HashMap<>(); // a file repeats its words: each is split and stemmed once
        for (int i = 0; i < count; i++) {
            List<Word> line = new ArrayList<>();
            for (String token : NON_WORD.split(lines[i])) {
                if (token.length() >= 2) {
                    line.add(seen.computeIfAbsent(token, EvidenceLines::word));
                }
            }
            words[i] = line.toArray(Word[]::new);
        }
    }

    private static Word word(String token) {
        List<String> stems = new ArrayList<>();
        for (String part : ContentIndex.splitIdentifier(token)) {
            stems.add(ObjectiveTerms.stem(part));
        }
        return new Word(token.toLowerCase(Locale.ROOT), List.copyOf(stems));
    }

    /** The lines of {@code content}, the bytes just read from {@code file}. */
    static EvidenceLines of(Path file, byte[] content) {
        if (content.length > MAX_KEPT_BYTES) {
            return new EvidenceLines(content);
        }
        EvidenceLines kept;
        synchronized (KEPT) {
            kept = KEPT.get(file);
        }
        if (kept != null && Arrays.equals(kept.content, content)) {
            return kept;
        }
        EvidenceLines made = new EvidenceLines(content);
        synchronized (KEPT) {
            KEPT.put(file, made);
        }
        return made;
    }

    /** Lines that are scored: at most {@link #MAX_LINES}. */
    int scored() {
        return words.length;
    }

    String line(int index) {
        return lines[index];
    }

    Word[] words(int index) {
        return words[index];
    }
}
