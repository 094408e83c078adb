package dev.harness.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names under which the code keeps a message the objective quotes as its output ({@code `'...' % ... has 2
 * placeholder(s) but 1 substitution(s)`}): the template it is written from ({@code "'...' %% ... has %d placeholder(s)
 * but %d substitution(s)"}) is a class's {@code message} or a named constant, and the tests name that class or constant
 * (they assert the message's kind, not its text).
 */
final class MessageOwners {
    /** A quoted text or a code span of the objective. */
    private static final Pattern QUOTED = Pattern.compile("`([^`\\n]+)`|\"([^\"\\n]+)\"");
    private static final int MIN_LENGTH = 12;
    private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");
    private static final int MIN_WORDS = 3;
    /** The rarest words of a message looked up in the index: the files that may hold its template. */
    private static final int MAX_FILES = 20;
    /** A number the output shows is a placeholder in the template: %d, %s, %(name)s, {} or {name}. */
    private static final String PLACEHOLDER = "(?:\\d+|%(?:\\(\\w+\\))?[-#0 +]*\\d*(?:\\.\\d+)?[sdrfigxXc]|\\{[^{}\\n]*\\})";
    /** {@code NAME = "…"} or {@code message = "…"}: group 1 the name assigned, group 2 the indentation. */
    private static final Pattern ASSIGNED = Pattern.compile("^(\\s*)(\\w+)\\s*(?::[^=]+)?=");
    /** A constant's name: upper case words ({@code DUPLICATE_KEY}). */
    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,}");
    private static final Pattern PYTHON_CLASS = Pattern.compile("^(\\s*)class\\s+(\\w+)");

    private MessageOwners() {}

    /** The classes and constants of the workspace's code (not tests) holding the template of a message the objective quotes. */
    static List<String> of(String objective, WorkspaceFacts facts) {
        Set<String> owners = new LinkedHashSet<>();
        Matcher quoted = QUOTED.matcher(objective);
        while (quoted.find()) {
            String message = quoted.group(1) != null ? quoted.group(1) : quoted.group(2);
            if (message.length() < MIN_LENGTH) {
                continue; // a name or a value, not a message (spans are read in pairs: `is`/`is not` are two)
            }
            List<String> words = new ArrayList<>();
            Matcher word = WORD.matcher(message);
            while (word.find()) {
                words.add(word.group());
            }
            if (words.size() < MIN_WORDS) {
                continue;
            }
            Pattern template = template(message);
            // the rarest word the index holds (a stop word or a word of no file is not indexed: no file to read)
            java.util.Optional<String> rarest = words.stream().map(w -> ObjectiveTerms.stem(w.toLowerCase(java.util.Locale.ROOT)))
                    .filter(w -> facts.content().documentFrequency(w) > 0)
                    .min(Comparator.comparingInt(w -> facts.content().documentFrequency(w)));
            if (rarest.isEmpty()) {
                continue;
            }
            List<String> files = facts.content().occurrences(rarest.get()).stream().map(ContentIndex.Occurrence::path)
                    .filter(p -> p.endsWith(".py") && !TestPaths.isTestPath(p)).distinct().toList();
            if (files.size() > MAX_FILES) {
                continue;
            }
            for (String file : files) {
                List<String> lines = ManifestFile.read(facts.root(), file).lines().toList();
                for (int i = 0; i < lines.size(); i++) {
                    if (template.matcher(lines.get(i)).find()) {
                        owner(lines, i).ifPresent(owners::add);
                    }
                }
            }
        }
        return List.copyOf(owners);
    }

    /** A value shown inside a message ({@code '--cat'}, {@code "x"}), and a list of them ({@code '--bound', '--count'}). */
    private static final Pattern SHOWN_VALUES = Pattern.compile("(['\"])[^'\"\\s]{1,40}\\1(?:\\s*,\\s*(['\"])[^'\"\\s]{1,40}\\2)*");
    /** Where a sentence of a message ends ("… option '--cat'. Did you …"): a template is often written per sentence. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.?!:])\\s+");
    private static final String EDGES = "^[\\s(),;:.?!\\[\\]{}]+|[\\s(),;:.?!\\[\\]{}]+$";
    private static final int MIN_PIECE_WORDS = 2;

    /**
     * The text of each message the objective shows with values in it ({@code `No such option '--cat'. Did you mean
     * '--count'?`}) that its template holds verbatim: the code writes the message from a template whose placeholders
     * stand for the values ({@code "No such option {name!r}."}, {@code "Did you mean {possibility}?"}), so the pieces
     * between the values, cut at sentence ends, are what a file building it holds ("No such option", "Did you mean").
     * Only messages with a shown value: a message without one is found verbatim.
     */
    static List<String> templatePieces(String objective) {
        Set<String> pieces = new LinkedHashSet<>();
        Matcher quoted = QUOTED.matcher(objective);
        while (quoted.find()) {
            String message = quoted.group(1) != null ? quoted.group(1) : quoted.group(2);
            String[] parts = SHOWN_VALUES.split(message, -1);
            if (parts.length < 2) {
                continue;
            }
            List<String> found = new ArrayList<>();
            int words = 0;
            for (String part : parts) {
                for (String sentence : SENTENCE_END.split(part)) {
                    String piece = sentence.replaceAll(EDGES, "");
                    int count = (int) WORD.matcher(piece).results().count();
                    if (count >= MIN_PIECE_WORDS) {
                        found.add(piece);
                        words += count;
                    }
                }
            }
            if (words >= MIN_WORDS) {
                pieces.addAll(found);
            }
        }
        return List.copyOf(pieces);
    }

    /** A message the objective shows with its numbers, as the template building it would be matched in a file's text. */
    record Shape(String message, Pattern pattern) {
        /** The message's words without its numbers: what a file building it holds. */
        String words() {
            return SHOWN_NUMBER.matcher(message).replaceAll(" ");
        }
    }

    /** A number standing alone in a message (5, 100, 2.5): a value; not part of a word or a version (v2, 1.2.3). */
    private static final Pattern SHOWN_NUMBER = Pattern.compile("(?<![\\p{L}\\p{N}_.])\\d+(?:\\.\\d+)?(?![\\p{L}\\p{N}_]|\\.\\d)");
    /** Prose after a colon up to the sentence's end ("… say how much arrived: received 5 bytes, expected 100"). */
    private static final Pattern AFTER_COLON = Pattern.compile("(?<=\\p{L}): ([^:;`\"\\n]+?)(?=\\.(?:\\s|$)|;|$)");
    /** "the lexer must read it as the number 1": prose after a colon saying what must happen, not a message shown. */
    private static final Pattern REQUIREMENT = Pattern.compile("\\b(?:must|should|shall|needs? to|has to|have to)\\b");
    /** Words and numbers only, commas between them: what a message is made of (not code: no brackets, operators or quotes). */
    private static final Pattern MESSAGE_TEXT = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ,.'-]*");
    /**
     * A value in the template: a format placeholder (%d, {}, {name}, ${n}), or the literal closed, an expression added
     * and the literal opened again ({@code "received " + n + " bytes"}) or not (the message's last value).
     */
    private static final String VALUE = "(?:%(?:\\(\\w+\\))?[-#0 +]*\\d*(?:\\.\\d+)?[sdrfigxXcv]|\\$?\\{[^{}\\n]{0,40}\\}"
            + "|[\"'`]\\s*\\+\\s*[^\"'`\\n]{1,60}?(?:\\s*\\+\\s*[\"'`]|(?=\\s*[),;])))";
    /** Between two words: a space, or the end of one string literal and the start of the next (adjacent or added). */
    private static final String JOIN = "(?:\\s+|\\s*[\"'`]\\s*\\+?\\s*[fbr]?[\"'`]\\s*)";

    /**
     * What the objective may show of a message: its quoted or code-form text, and the words after a colon written in prose
     * ("… ending in Width: -3 lies outside the canvas.") unless they say what must happen.
     */
    private static List<String> shownMessages(String objective) {
        List<String> candidates = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(objective);
        while (quoted.find()) {
            candidates.add(quoted.group(1) != null ? quoted.group(1) : quoted.group(2));
        }
        Matcher colon = AFTER_COLON.matcher(QUOTED.matcher(objective).replaceAll("\n"));
        while (colon.find()) {
            if (!REQUIREMENT.matcher(colon.group(1)).find()) {
                candidates.add(colon.group(1));
            }
        }
        return candidates;
    }

    /**
     * The messages the objective shows with numbers in them, in code form or after a colon ({@code received 5 bytes,
     * expected 100}): the code builds such a message from a template whose words survive where the numbers become
     * placeholders ({@code "received {} bytes, expected {}"}, {@code "received %d bytes"}, adjacent literals, f-strings),
     * so the file building it holds that shape. Only when the objective quotes no plain text (that is found verbatim).
     */
    static List<Shape> numberedMessages(String objective) {
        List<String> candidates = shownMessages(objective);
        List<Shape> shapes = new ArrayList<>();
        for (String candidate : candidates) {
            String message = candidate.strip().replaceAll("[\\s,.]+$", "");
            if (!MESSAGE_TEXT.matcher(message).matches() || !SHOWN_NUMBER.matcher(message).find()
                    || WORD.matcher(message).results().count() < MIN_WORDS) {
                continue;
            }
            StringBuilder regex = new StringBuilder();
            Matcher part = Pattern.compile("\\s+|[^\\s]+").matcher(message);
            while (part.find()) {
                String p = part.group();
                if (p.isBlank()) {
                    regex.append(JOIN);
                    continue;
                }
                Matcher number = SHOWN_NUMBER.matcher(p);
                int at = 0;
                while (number.find()) {
                    regex.append(Pattern.quote(p.substring(at, number.start()))).append("(?:").append(Pattern.quote(number.group())).append("|")
                            .append(VALUE).append(")");
                    at = number.end();
                }
                if (at < p.length()) {
                    regex.append(Pattern.quote(p.substring(at)));
                }
            }
            shapes.add(new Shape(message, Pattern.compile(regex.toString())));
        }
        return List.copyOf(shapes);
    }

    /**
     * The clauses of each message the objective shows with its numbers that hold two words or more ({@code received 5
     * bytes} of {@code received 5 bytes, expected 100}): a test asserting the message holds one of them with the very
     * values, as a test asserting a quoted message holds its text.
     */
    static List<String> numberedClauses(String objective) {
        Set<String> clauses = new LinkedHashSet<>();
        for (Shape shape : numberedMessages(objective)) {
            for (String clause : shape.message().split(",")) {
                String piece = clause.strip();
                if (WORD.matcher(piece).results().count() >= MIN_PIECE_WORDS && SHOWN_NUMBER.matcher(piece).find()) {
                    clauses.add(piece);
                }
            }
        }
        return List.copyOf(clauses);
    }

    /** A string literal on one line: double, single or back quotes, escapes skipped; group 2 its text. */
    private static final Pattern STRING_LITERAL = Pattern.compile("([\"'`])((?:[^\\\\\\n]|\\\\.)*?)\\1");
    /** A placeholder a format fills in: %s, %d, %(name)s, %v, {}, {0}, {name}, ${name}. */
    private static final Pattern FORMAT_PLACEHOLDER = Pattern.compile(
            "%(?:\\(\\w+\\))?[-#0 +]*\\d*(?:\\.\\d+)?[sdrfigxXcvqo]|\\$?\\{[\\w.]*\\}");
    /** How many words or numbers one placeholder stands for in the filled-in message. */
    private static final int MAX_FILLED_TOKENS = 4;
    /** What a placeholder becomes among the literal's tokens: no word holds it. */
    private static final String WILDCARD = "\u0000";
    /** A word or a number of a message or of a string literal, or a placeholder. */
    private static final Pattern TOKEN = Pattern.compile(WILDCARD + "|[\\p{L}\\p{N}]+");

    /**
     * The messages the objective shows filled in, in code form or quotes ({@code `Value: -1 is outside the
     * range.`}), with something beside words (a number, a sign): the code writes them from a format string whose
     * placeholders stand for the values, so they are matched against its literals, not found verbatim.
     */
    static List<String> filledInMessages(String objective) {
        List<String> candidates = shownMessages(objective);
        Set<String> messages = new LinkedHashSet<>();
        for (String message : candidates) {
            if (message.length() >= MIN_LENGTH && WORD.matcher(message).results().count() >= MIN_WORDS
                    && !message.matches("[\\p{L}\\s]+")) {
                messages.add(message.strip());
            }
        }
        return List.copyOf(messages);
    }

    /**
     * Whether {@code code} holds a string literal with a placeholder that, filled in, reads as {@code message} or a part
     * of it ({@code "Bad input! Value: %s-%s is outside the range."} for {@code Value: -1 is
     * outside the range}): each of its words in order, each placeholder standing for up to a few words or numbers.
     * Punctuation is not compared; at least {@link #MIN_WORDS} words of the literal must be matched.
     */
    static boolean fillsTemplate(String code, String message) {
        List<String> said = tokens(message);
        if (said.isEmpty()) {
            return false;
        }
        Matcher literal = STRING_LITERAL.matcher(code);
        while (literal.find()) {
            String text = literal.group(2);
            if (!FORMAT_PLACEHOLDER.matcher(text).find()) {
                continue;
            }
            List<String> written = tokens(FORMAT_PLACEHOLDER.matcher(text).replaceAll(" " + WILDCARD + " "));
            for (int start = 0; start < written.size(); start++) {
                if (filledIn(said, 0, written, start, 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The message's tokens from {@code at} are the literal's from {@code from}, placeholders filled; {@code words} matched so far. */
    private static boolean filledIn(List<String> said, int at, List<String> written, int from, int words) {
        if (at == said.size()) {
            return words >= MIN_WORDS;
        }
        if (from == written.size()) {
            return false;
        }
        String w = written.get(from);
        if (w.equals(WILDCARD)) {
            for (int k = 0; k <= MAX_FILLED_TOKENS && at + k <= said.size(); k++) {
                if (filledIn(said, at + k, written, from + 1, words)) {
                    return true;
                }
            }
            return false;
        }
        return w.equalsIgnoreCase(said.get(at)) && filledIn(said, at + 1, written, from + 1, words + (WORD.matcher(w).matches() ? 1 : 0));
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher t = TOKEN.matcher(text);
        while (t.find()) {
            tokens.add(t.group());
        }
        return tokens;
    }

    /** The message as its template would be written: numbers as placeholders, % possibly doubled, spaces as any space. */
    static Pattern template(String message) {
        StringBuilder regex = new StringBuilder();
        Matcher part = Pattern.compile("\\d+|%|\\s+|[^\\d%\\s]+").matcher(message.strip());
        while (part.find()) {
            String p = part.group();
            if (Character.isDigit(p.charAt(0))) {
                regex.append(PLACEHOLDER);
            } else if (p.equals("%")) {
                regex.append("%%?");
            } else if (p.isBlank()) {
                regex.append("\\s+");
            } else {
                regex.append(Pattern.quote(p));
            }
        }
        return Pattern.compile("[\"']" + regex + "[\"']");
    }

    /** The constant assigned on the line, else the class the line is in. */
    private static java.util.Optional<String> owner(List<String> lines, int at) {
        Matcher assigned = ASSIGNED.matcher(lines.get(at));
        if (assigned.find() && CONSTANT.matcher(assigned.group(2)).matches()) {
            return java.util.Optional.of(assigned.group(2));
        }
        int indent = lines.get(at).length() - lines.get(at).stripLeading().length();
        for (int i = at - 1; i >= 0 && indent > 0; i--) {
            Matcher c = PYTHON_CLASS.matcher(lines.get(i));
            if (c.find() && c.group(1).length() < indent) {
                return java.util.Optional.of(c.group(2));
            }
            String line = lines.get(i);
            if (!line.isBlank() && line.length() - line.stripLeading().length() < indent && !line.stripLeading().startsWith("#")) {
                indent = line.length() - line.stripLeading().length();
            }
        }
        return java.util.Optional.empty();
    }
}
