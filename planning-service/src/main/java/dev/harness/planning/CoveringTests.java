package dev.harness.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which of the tests that reach a change make its targeted check. Tests that measure time or load
 * (benchmarks, perf, ReDoS and timing suites) fail on a busy machine whatever the change did, so
 * they are left to the full suite unless the objective is about them; of the rest, those whose
 * contents name what the objective names come first.
 */
public final class CoveringTests {
    /** Words of a test's path that say it measures time or load rather than behaviour. */
    private static final Set<String> TIMING_WORDS = Set.of("bench", "benchmark", "benchmarks", "perf", "performance",
            "redos", "timing", "timings", "stress", "slow", "latency", "soak",
            // a property-based run draws inputs for minutes (extra/test_hypothesis.py): not a check of a change
            "hypothesis");
    /** Objective words (stemmed) that make such tests the point of the change. */
    private static final Set<String> ABOUT_TIMING = Stream.of("bench", "benchmark", "perf", "performance", "redos", "timing",
            "time", "timeout", "speed", "fast", "faster", "slow", "slower", "slowdown", "stress", "latency", "backtracking",
            "catastrophic", "dos", "throughput", "hypothesis").map(ObjectiveTerms::stem).collect(Collectors.toUnmodifiableSet());

    /** Words every test's name has: never the concept it is named after. */
    private static final Set<String> NOT_CONCEPTS = Set.of("test", "tests", "spec", "specs", "unit", "integration");

    /** A quoted fragment or verbatim example of the objective, or two of its names ({@link Cues#score}): a test of that case. */
    static final int STRONG_CUE = 2;

    /** The tests chosen, and the timing tests left out of them. */
    public record Choice(List<String> tests, List<String> leftOut) {}

    private CoveringTests() {}

    /**
     * Of {@code candidates} (nearest first), at most {@code max}: no timing tests unless the objective
     * ({@code objectiveStems}) is about them, and those naming more of {@code terms} (the objective's
     * words found in the changed file) first, the candidates' order breaking ties.
     */
    public static Choice choose(List<String> candidates, Set<String> objectiveStems, List<String> terms, ContentIndex content,
                                int max) {
        return choose(candidates, objectiveStems, terms, content, max, test -> 0);
    }

    /**
     * The same, with {@code cues} (how much of the objective's own quoted text and names a test holds, {@link Cues})
     * ranking first: the test asserting the message the objective quotes is its check, whatever the test's name.
     */
    public static Choice choose(List<String> candidates, Set<String> objectiveStems, List<String> terms, ContentIndex content,
                                int max, java.util.function.ToIntFunction<String> cues) {
        boolean aboutTiming = objectiveStems.stream().anyMatch(ABOUT_TIMING::contains);
        List<String> kept = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        // a module of `reveal_type(...)` assertions is checked by mypy (pytest-mypy-testing), not run: under plain pytest
        // each of its tests fails on the undefined name
        Set<String> typeAssertions = new java.util.HashSet<>();
        content.occurrences("reveal_type").stream().filter(ContentIndex.Occurrence::inCode).forEach(o -> typeAssertions.add(o.path()));
        for (String test : candidates) {
            (!aboutTiming && measuresTime(test) || typeAssertions.contains(test) ? leftOut : kept).add(test);
        }
        if (kept.size() > 1) {
            // named after the objective's concept (DelimiterTest for "delimiters") counts as two mentions
            List<String> ordered = new ArrayList<>(kept);
            ordered.sort(Comparator.comparingInt((String t) -> -cues.applyAsInt(t))
                    .thenComparingInt((String t) -> -(mentions(t, terms, content) + (namedAfter(t, objectiveStems) ? 2 : 0))));
            kept = ordered;
            kept = namedWhollyAfter(kept, objectiveStems);
            // a test holding the objective's quoted text or its example verbatim asserts that case: tests sharing at most
            // one name or value with the objective (`argv._`, which most tests of a parser hold) are only padding beside it
            if (cues.applyAsInt(kept.get(0)) >= STRONG_CUE) {
                kept = kept.stream().filter(t -> cues.applyAsInt(t) >= STRONG_CUE).toList();
            }
        }
        return new Choice(List.copyOf(kept.size() <= max ? kept : kept.subList(0, max)), List.copyOf(leftOut));
    }

    /**
     * What an objective writes literally: the text it quotes ({@code the "not specified" error},
     * {@code "(default: …, choices: …)"}, cut at its ellipses) and the names it gives in code form ({@code `.env('TOKEN')`},
     * {@code requiredOption}). A test holding them asserts that text or calls those names; a test sharing only the
     * objective's everyday words may test anything.
     */
    public record Cues(List<String> quoted, List<java.util.regex.Pattern> names, List<String> literals, List<String> identifiers,
                       List<String> snippets, List<java.util.regex.Pattern> bareNames) {
        /** Cues without bare names: those are added only when nothing else names the change ({@link #andBareCompounds}). */
        public Cues(List<String> quoted, List<java.util.regex.Pattern> names, List<String> literals, List<String> identifiers,
                    List<String> snippets) {
            this(quoted, names, literals, identifiers, snippets, List.of());
        }

        private static final java.util.regex.Pattern CODE_SPAN = java.util.regex.Pattern.compile("`([^`\\n]+)`");
        /**
         * A message in single quotes ("400 Bad Request ('Chunk not properly terminated')"): a capital, words with spaces, no
         * letter before or after the quotes (an apostrophe, as in "the file's", opens none).
         */
        private static final java.util.regex.Pattern SINGLE_QUOTED = java.util.regex.Pattern.compile(
                "(?<![\\p{L}\\p{N}'])'(\\p{Lu}[^'\\n]{0,158}\\s[^'\\n]{1,158})'(?![\\p{L}\\p{N}])");

        /** The single-quoted messages of {@code prose}, each written in double quotes (one a line). */
        static String singleQuotedMessages(String prose) {
            StringBuilder out = new StringBuilder();
            java.util.regex.Matcher m = SINGLE_QUOTED.matcher(prose);
            while (m.find()) {
                if (m.group(1).indexOf('"') < 0 && m.group(1).trim().contains(" ")) {
                    out.append('"').append(m.group(1)).append("\"\n");
                }
            }
            return out.toString();
        }

        private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("\"([^\"\\n]{2,160})\"|\u201c([^\u201d\\n]{2,160})\u201d");
        /** {@code `.name()`}, {@code `name(arg)`}: a call; group 2 is the name. */
        private static final java.util.regex.Pattern CALL = java.util.regex.Pattern.compile("^(\\.)?([\\p{L}_$][\\p{L}\\p{N}_$]*)(\\(.*\\))?$");
        /**
         * A value written in code form ({@code `video/mp4`}, {@code `text/*`}, {@code `UTF-8`}): letters or digits with
         * something no identifier has, no spaces; a file holding it verbatim names that very value.
         */
        private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile(
                "(?=.*[\\p{L}\\p{N}])(?=.*[^\\p{L}\\p{N}_$])[^\\s`]{4,80}");
        /** {@code `name: value`}, {@code `name=value`}: an option and the value it is given; group 1 is the name. */
        private static final java.util.regex.Pattern OPTION = java.util.regex.Pattern.compile(
                "^([\\p{L}_$][\\p{L}\\p{N}_$]*)\\s*[:=]\\s*[^\\s=].{0,60}$");
        private static final java.util.regex.Pattern COMPOUND = java.util.regex.Pattern.compile(
                "(?<![\\p{L}\\p{N}_$.])[\\p{L}_$][\\p{L}\\p{N}_$]*(?:\\p{Ll}\\p{Lu}|_\\p{L})[\\p{L}\\p{N}_$]*");
        /** Words and spaces only ({@code `duplicated mapping key`}): a message or phrase, not code (`3. three`, `a = b`). */
        private static final java.util.regex.Pattern PHRASE = java.util.regex.Pattern.compile("\\p{L}[\\p{L}\\p{N}_]*(?: [\\p{L}\\p{N}_]+){1,11}");
        /** One HTML/XML start tag with attributes ({@code <ol start="3">}); group 1 of ATTRIBUTE is a name, 2 its quote. */
        private static final java.util.regex.Pattern MARKUP = java.util.regex.Pattern.compile(
                "<[\\p{L}][\\w-]*(?:\\s+[\\w:-]+=(\"|')[^\"'<>]*\\1)+\\s*/?>");
        private static final java.util.regex.Pattern ATTRIBUTE = java.util.regex.Pattern.compile("\\s([\\w:-]+)=(\"|')");
        /** A bare word in code form (`failglob`): letters only, no call, no option, no compound. */
        private static final java.util.regex.Pattern BARE_WORD = java.util.regex.Pattern.compile("\\p{Ll}{5,30}");
        /**
         * Code with spaces, quotes or brackets in it ({@code `'--': ['after']`}, {@code `{ a: [1, 2] }`}): the objective's
         * example written as the code writes it; a test holding it verbatim asserts that very case. Not text a program
         * reads ({@code `# Header`}, {@code `a -- b`}), which data files beside the tests hold as well.
         */
        private static final java.util.regex.Pattern SNIPPET = java.util.regex.Pattern.compile(
                "(?=.*\\s)(?=.*[\\p{L}\\p{N}])(?=.*['\"\\[\\]{}])[^`]{8,80}");
        /** One tag of a template without spaces: {@code {{@first}}}, {@code {{/each}}}, {@code {{{body}}}}. */
        private static final java.util.regex.Pattern TEMPLATE_TAG = java.util.regex.Pattern.compile("\\{\\{\\{?[^{}\\s]{2,40}\\}?\\}\\}");
        /** A call given one object, dict or list literal: {@code f({'a': 1})}, {@code f([1, 2])}; group 1 the literal. */
        private static final java.util.regex.Pattern LITERAL_ARGUMENT = java.util.regex.Pattern.compile("\\((\\{[^`]*\\}|\\[[^`]*\\])\\)$");
        private static final int MAX_RARE_HOLDERS = 2;
        private static final java.util.regex.Pattern ELLIPSIS = java.util.regex.Pattern.compile("\u2026|\\.\\.\\.");
        private static final int MIN_FRAGMENT = 4;

        /**
         * Kept by objective: one plan asks for the same objective's cues again and again (each packet's checks, each
         * quoted file's evidence line), each time through a dozen regexes; a Cues holds only immutable lists.
         */
        private static final KeptAnswers<Cues> KEPT = new KeptAnswers<>(256, Cues::ofNow);

        public static Cues of(String objective) {
            return KEPT.get(objective);
        }

        static Cues ofNow(String objective) {
            List<String> quoted = new ArrayList<>();
            List<String> literals = new ArrayList<>();
            Set<String> names = new java.util.LinkedHashSet<>();
            Set<String> identifiers = new java.util.LinkedHashSet<>();
            List<String> snippets = new ArrayList<>();
            java.util.regex.Matcher span = CODE_SPAN.matcher(objective);
            while (span.find()) {
                String literal = span.group(1).strip();
                if (LITERAL.matcher(literal).matches() && !CALL.matcher(literal).matches() && !OPTION.matcher(literal).matches()
                        && !literals.contains(literal)) {
                    literals.add(literal);
                }
                if (PHRASE.matcher(literal).matches() && !OPTION.matcher(literal).matches() && !quoted.contains(literal)) {
                    // a phrase in code form (`duplicated mapping key`) is text the code writes, like a quoted message
                    quoted.add(literal);
                }
                if (MARKUP.matcher(literal).matches()) {
                    // markup the objective shows (`<ol start="3">`): the code writing it holds each attribute's opening
                    // (' start="' + start), not the whole tag, whose values it computes
                    java.util.regex.Matcher attribute = ATTRIBUTE.matcher(literal);
                    while (attribute.find()) {
                        String opening = attribute.group(1) + "=" + attribute.group(2);
                        if (opening.length() >= MIN_FRAGMENT && !quoted.contains(opening)) {
                            quoted.add(opening);
                        }
                    }
                }
                java.util.regex.Matcher call = CALL.matcher(span.group(1).strip());
                java.util.regex.Matcher option = OPTION.matcher(span.group(1).strip());
                if (SNIPPET.matcher(literal).matches() && !PHRASE.matcher(literal).matches() && !MARKUP.matcher(literal).matches()
                        && !call.matches() && !(option.matches() && option.group(1).length() > 2) && !snippets.contains(literal)) {
                    snippets.add(literal);
                    // each tag of a template (`{{#each this}}{{@first}}{{/each}}` → {{@first}}): tests write the tag whatever
                    // template surrounds it
                    java.util.regex.Matcher tag = TEMPLATE_TAG.matcher(literal);
                    while (tag.find()) {
                        if (!tag.group().equals(literal) && !literals.contains(tag.group())) {
                            literals.add(tag.group());
                        }
                    }
                    // the literal a call is given (`add_format({'rotation': -45})`): a test builds that very input itself
                    java.util.regex.Matcher argument = LITERAL_ARGUMENT.matcher(literal);
                    if (argument.find() && SNIPPET.matcher(argument.group(1)).matches() && !snippets.contains(argument.group(1))) {
                        snippets.add(argument.group(1));
                    }
                }
                if (call.matches() && call.group(2).length() > 2 && (call.group(1) != null || call.group(3) != null)
                        && (call.group(1) != null || !ChangeLocator.BUILTIN_CALLS.contains(call.group(2)))) {
                    names.add(java.util.regex.Pattern.quote(call.group(2)) + "\\s*\\(");
                    identifiers.add(call.group(2));
                } else if (option.matches() && option.group(1).length() > 2) {
                    // an option given with its value (`matchBase: true`, `strict=True`): the tests passing that option test it
                    names.add(java.util.regex.Pattern.quote(option.group(1)) + "(?![\\p{L}\\p{N}_$])");
                    identifiers.add(option.group(1));
                }
            }
            String prose = CODE_SPAN.matcher(objective).replaceAll(" ");
            java.util.regex.Matcher compound = COMPOUND.matcher(prose);
            while (compound.find()) {
                names.add(java.util.regex.Pattern.quote(compound.group()) + "(?![\\p{L}\\p{N}_$])");
                identifiers.add(compound.group());
            }
            java.util.regex.Matcher quote = QUOTED.matcher(prose + "\n" + singleQuotedMessages(prose));
            while (quote.find()) {
                String text = quote.group(1) != null ? quote.group(1) : quote.group(2);
                for (String fragment : ELLIPSIS.split(text)) {
                    String trimmed = fragment.strip().replaceAll("^[\\s(),;\\[\\]{}]+|[\\s(),;\\[\\]{}]+$", "");
                    if (trimmed.length() >= MIN_FRAGMENT && trimmed.chars().anyMatch(Character::isLetterOrDigit) && !quoted.contains(trimmed)) {
                        quoted.add(trimmed);
                    }
                }
            }
            List<java.util.regex.Pattern> patterns = new ArrayList<>();
            names.forEach(n -> patterns.add(java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}_$])" + n)));
            return new Cues(List.copyOf(quoted), List.copyOf(patterns), List.copyOf(literals), List.copyOf(identifiers),
                    List.copyOf(snippets));
        }

        /**
         * The compound names the objective writes on their own in code form (`columnNumber`, `keep_fragments`), as
         * patterns of the whole name: weaker than a call or a quoted message (a test may name a field for any reason),
         * enough to tell which of the tests named after the objective's words is about it.
         */
        public static List<java.util.regex.Pattern> bareCompounds(String objective) {
            return bareCompoundNames(objective).stream().map(Cues::wholeName).toList();
        }

        private static List<String> bareCompoundNames(String objective) {
            List<String> found = new ArrayList<>();
            java.util.regex.Matcher span = CODE_SPAN.matcher(objective);
            while (span.find()) {
                String name = span.group(1).strip();
                if (COMPOUND.matcher(name).matches() && name.length() > 3 && !found.contains(name)) {
                    found.add(name);
                }
            }
            return found;
        }

        private static java.util.regex.Pattern wholeName(String name) {
            return java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}_$])" + java.util.regex.Pattern.quote(name) + "(?![\\p{L}\\p{N}_$])");
        }

        /**
         * The files of {@code content} holding one of the names the objective gives ({@code forceQuotes}: its lowercased
         * compound key; a plain word: its stem): where a test using those names can be, without reading every test.
         */
        public Set<String> holders(ContentIndex content) {
            Set<String> files = new java.util.HashSet<>();
            for (String identifier : identifiers) {
                String lower = identifier.toLowerCase(java.util.Locale.ROOT);
                String key = ContentIndex.splitIdentifier(identifier).size() > 1 ? lower : ObjectiveTerms.stem(lower);
                content.occurrences(key).forEach(o -> files.add(o.path()));
            }
            return files;
        }

        /**
         * These cues and the bare words the objective writes in code form (`failglob`, `nonull`) that one or two test files
         * hold ({@code testsHolding}): an option or token only the test of that option names ranks that test first.
         */
        public Cues withRareWords(String objective, java.util.function.ToIntFunction<String> testsHolding) {
            List<java.util.regex.Pattern> more = new ArrayList<>(names);
            Set<String> ids = new java.util.LinkedHashSet<>(identifiers);
            java.util.regex.Matcher span = CODE_SPAN.matcher(objective);
            while (span.find()) {
                String word = span.group(1).strip();
                if (BARE_WORD.matcher(word).matches() && !ids.contains(word)) {
                    int holding = testsHolding.applyAsInt(word);
                    if (holding >= 1 && holding <= MAX_RARE_HOLDERS) {
                        ids.add(word);
                        more.add(java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}_$])" + java.util.regex.Pattern.quote(word)
                                + "(?![\\p{L}\\p{N}_$])"));
                    }
                }
            }
            return more.size() == names.size() ? this : new Cues(quoted, List.copyOf(more), literals, List.copyOf(ids), snippets, bareNames);
        }

        /**
         * These cues, and, when the objective gives no other name and no quoted text, the compound names it writes
         * on their own in code form (`applyPatches`): weak, but what tells the tests using that function from the rest
         * of those reaching the file (every test of a library importing its entry).
         */
        public Cues andBareCompounds(String objective) {
            if (!names.isEmpty() || !quoted.isEmpty()) {
                return this;
            }
            List<String> compounds = bareCompoundNames(objective);
            if (compounds.isEmpty()) {
                return this;
            }
            Set<String> ids = new java.util.LinkedHashSet<>(identifiers);
            ids.addAll(compounds);
            return new Cues(quoted, names, literals, List.copyOf(ids), snippets, compounds.stream().map(Cues::wholeName).toList());
        }

        /**
         * These cues and the names the code keeps the objective's quoted messages under ({@link MessageOwners}): a test
         * naming the message's class asserts that message, as strongly as one holding its text.
         */
        public Cues withMessageOwners(List<String> owners) {
            if (owners.isEmpty()) {
                return this;
            }
            List<java.util.regex.Pattern> more = new ArrayList<>(names);
            Set<String> ids = new java.util.LinkedHashSet<>(identifiers);
            for (String owner : owners) {
                java.util.regex.Pattern named = java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}_$])" + java.util.regex.Pattern.quote(owner)
                        + "(?![\\p{L}\\p{N}_$])");
                more.add(named);
                more.add(named); // counted twice: as strong as a quoted fragment
                ids.add(owner);
            }
            return new Cues(quoted, List.copyOf(more), literals, List.copyOf(ids), snippets, bareNames);
        }

        /**
         * An attribute's opening with the other quote ({@code start='} for {@code start="}): a test compares markup however
         * it is quoted; the fragment itself when it is no attribute opening.
         */
        static String otherQuote(String fragment) {
            if (!ATTRIBUTE_OPENING.matcher(fragment).matches()) {
                return fragment;
            }
            char quote = fragment.charAt(fragment.length() - 1);
            return fragment.substring(0, fragment.length() - 1) + (quote == '"' ? '\'' : '"');
        }

        /**
         * {@code op: "add"} for {@code op: 'add'}: code quoting its strings one way only, the other (a formatter writes a
         * test's strings in double quotes whatever the issue wrote); the text itself when it holds both or neither.
         */
        static String swappedQuotes(String code) {
            boolean single = code.indexOf('\'') >= 0;
            boolean dbl = code.indexOf('"') >= 0;
            return single == dbl ? code : single ? code.replace('\'', '"') : code.replace('"', '\'');
        }

        private static final java.util.regex.Pattern ATTRIBUTE_OPENING = java.util.regex.Pattern.compile("[\\w:-]+=[\"']");

        /**
         * These cues and the text of the messages the objective shows with values in them ({@link
         * MessageOwners#templatePieces}): a test asserting a message ("Did you mean '--color'?") holds that text as
         * surely as a quoted one.
         */
        public Cues withTemplatePieces(List<String> pieces) {
            if (pieces.isEmpty() || !quoted.isEmpty()) {
                return this;
            }
            return new Cues(List.copyOf(pieces), names, literals, identifiers, snippets, bareNames);
        }

        public boolean isEmpty() {
            return quoted.isEmpty() && names.isEmpty() && literals.isEmpty() && snippets.isEmpty() && bareNames.isEmpty();
        }

        /** Twice each quoted fragment the text holds, once each name: quoted output is the surer sign. */
        public int score(String text) {
            int score = 0;
            for (String fragment : quoted) {
                if (text.contains(fragment) || text.contains(otherQuote(fragment))) {
                    score += 2;
                }
            }
            for (java.util.regex.Pattern name : names) {
                if (name.matcher(text).find()) {
                    score++;
                }
            }
            // bare names written alone in code form: one point however many a test holds, never a strong cue by themselves
            if (bareNames.stream().anyMatch(name -> name.matcher(text).find())) {
                score++;
            }
            // a value the objective writes in code form (`-P-5Y`), held verbatim: the test exercises that very case
            for (String literal : literals) {
                if (text.contains(literal) || text.contains(swappedQuotes(literal))) {
                    score++;
                }
            }
            // the example itself, written as the code writes it: as sure a sign as quoted output
            for (String snippet : snippets) {
                if (text.contains(snippet) || text.contains(swappedQuotes(snippet))) {
                    score += 2;
                }
            }
            return score;
        }
    }

    /**
     * Of {@code tests}, those named wholly after the objective's words, with the most of them
     * (parse-set-cookie.spec.ts for "when parsing a Set-Cookie header": a sibling named after only some of
     * them, parse-cookie.spec.ts, tests another function of the same file); all of {@code tests} when none is.
     */
    static List<String> namedWhollyAfter(List<String> tests, Set<String> objectiveStems) {
        int most = 1; // one word (test_index.py, match.spec.js) is too little to leave the file's other tests out on
        List<String> named = new ArrayList<>();
        for (String test : tests) {
            List<String> words = nameStems(test);
            if (words.size() >= most && !words.isEmpty() && objectiveStems.containsAll(words)) {
                if (words.size() > most) {
                    named.clear();
                    most = words.size();
                }
                if (most > 1) {
                    named.add(test);
                }
            }
        }
        return named.isEmpty() ? tests : List.copyOf(named);
    }

    /** The distinct stems of a test file name's words, without the words every test's name has. */
    static List<String> nameStems(String test) {
        String name = test.substring(test.lastIndexOf('/') + 1);
        List<String> stems = new ArrayList<>();
        String[] segments = name.split("[._-]+");
        for (int i = 0; i < segments.length - 1; i++) { // the last segment is the extension
            for (String part : ContentIndex.splitIdentifier(segments[i].toLowerCase(java.util.Locale.ROOT))) {
                String stem = ObjectiveTerms.stem(part);
                if (part.length() > 1 && !NOT_CONCEPTS.contains(part) && !stems.contains(stem)) {
                    stems.add(stem);
                }
            }
        }
        return stems;
    }

    /** A test's own name in its file: test_safe_url_schemes, TestSafeUrl, testSafeUrl, SafeUrlTest, SafeUrlTests. */
    private static final java.util.regex.Pattern TEST_NAME = java.util.regex.Pattern.compile(
            "(?<![\\p{L}\\p{N}_$])(?:[Tt]est\\w+|\\w+Tests?)(?![\\p{L}\\p{N}_$])");

    /**
     * Whether a test of {@code text} (a test file) is named after one of {@code names} (compound names the objective gives,
     * lowercased: safe_url): test_safe_url_schemes_are_allowed, TestSafeUrlSecurity. A test named after the function asserts
     * what it does, however the file is named; a one-word name (format, parse) names half the tests of a library.
     */
    public static boolean namesTestsAfter(String text, Set<String> names) {
        List<String> spellings = new ArrayList<>();
        for (String name : names) {
            if (ContentIndex.splitIdentifier(name).size() > 1 || name.contains("_")) {
                spellings.add(name.toLowerCase(java.util.Locale.ROOT));
                spellings.add(name.replace("_", "").toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (spellings.isEmpty()) {
            return false;
        }
        java.util.regex.Matcher test = TEST_NAME.matcher(text);
        while (test.find()) {
            String lower = test.group().toLowerCase(java.util.Locale.ROOT);
            if (spellings.stream().anyMatch(lower::contains)) {
                return true;
            }
        }
        return false;
    }

    /** The files holding every word of one of the compound {@code names} (safe and url for safe_url): where a test named after it can be. */
    public static Set<String> holdingParts(Set<String> names, ContentIndex content) {
        Set<String> files = new java.util.TreeSet<>();
        for (String name : names) {
            List<String> parts = ContentIndex.splitIdentifier(name).stream().map(p -> ObjectiveTerms.stem(p.toLowerCase(java.util.Locale.ROOT))).toList();
            if (parts.size() < 2) {
                continue;
            }
            Set<String> holding = null;
            for (String part : parts) {
                Set<String> with = content.occurrences(part).stream().map(ContentIndex.Occurrence::path).collect(Collectors.toSet());
                if (holding == null) {
                    holding = with;
                } else {
                    holding.retainAll(with);
                }
            }
            files.addAll(holding);
        }
        return files;
    }

    /** A bundle's file for one locale: Resources_ru.java, messages_pt_BR.properties (group 1 the bundle, 2 language, 3 region). */
    private static final java.util.regex.Pattern LOCALE_FILE = java.util.regex.Pattern.compile(
            "(\\w+?)_([a-z]{2,3}|[A-Z]{2,3})(?:_([A-Z]{2}))?\\.\\w+");
    /** Language codes Java still knows by their old names (iw, in, ji) besides ISO 639's. */
    private static final Set<String> LANGUAGES = Stream.concat(Stream.of(java.util.Locale.getISOLanguages()), Stream.of("iw", "in", "ji"))
            .collect(Collectors.toUnmodifiableSet());

    /**
     * The tests named after the locale of {@code source} when it is one translation of a bundle (Resources_ru.java beside
     * Resources_de.java and Resources_fr.java): PrettyI18n_RU_Test, Resources_ruTest, MessagesRuTest. A translation's test
     * sets the locale and asserts that language's text; it never imports the bundle's file, so no import leads to it.
     * Of {@code tests} (paths); empty when the source is no translation.
     */
    public static List<String> namedAfterLocale(String source, List<String> siblings, List<String> tests) {
        String name = source.substring(source.lastIndexOf('/') + 1);
        java.util.regex.Matcher locale = LOCALE_FILE.matcher(name);
        // the code in either case: Messages_ru.java, lang_FR.py (one module per language of a number speller)
        if (!locale.matches() || !LANGUAGES.contains(locale.group(2).toLowerCase(java.util.Locale.ROOT))) {
            return List.of();
        }
        String bundle = locale.group(1);
        String extension = name.substring(name.lastIndexOf('.'));
        long otherLocales = siblings.stream().map(s -> s.substring(s.lastIndexOf('/') + 1)).filter(s -> !s.equals(name)).filter(s -> {
            java.util.regex.Matcher other = LOCALE_FILE.matcher(s);
            return other.matches() && other.group(1).equals(bundle) && s.endsWith(extension)
                    && LANGUAGES.contains(other.group(2).toLowerCase(java.util.Locale.ROOT));
        }).count();
        if (otherLocales < 2) {
            return List.of();
        }
        String language = locale.group(2).toLowerCase(java.util.Locale.ROOT);
        String region = locale.group(3);
        // set off by underscores (_RU_, _ru, zh_TW) or a capitalized part of a compound name (MessagesRuTest)
        String code = region == null ? "(?i:" + language + ")" : "(?i:" + language + ")_(?i:" + region + ")";
        String capitalized = Character.toUpperCase(language.charAt(0)) + language.substring(1);
        java.util.regex.Pattern named = java.util.regex.Pattern.compile("(?:^|_)" + code + "(?=_|[A-Z]|$)"
                + (region == null ? "|(?<=[a-z0-9])" + capitalized + "(?=[A-Z]|$)" : ""));
        List<String> found = new ArrayList<>();
        for (String test : tests) {
            String base = test.substring(test.lastIndexOf('/') + 1);
            int dot = base.lastIndexOf('.');
            if (dot > 0 && named.matcher(base.substring(0, dot)).find()) {
                found.add(test);
            }
        }
        return found;
    }

    /** A test whose path says it measures time or load (src/redos.spec.ts, test/perf/parse.test.js, bench_test.go). */
    public static boolean measuresTime(String path) {
        for (String segment : path.split("[/._-]+")) {
            for (String part : ContentIndex.splitIdentifier(segment)) { // parserPerf.test.js: parser, perf
                if (TIMING_WORDS.contains(part) || part.contains("benchmark")) { // com/example/mustachebenchmarks
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a word of the test's file name (stemmed) is one of {@code stems}: test_match.py, DelimiterTest.java. */
    /** {@code <p>}, {@code </td>}, {@code <a href=…>}: group 1 an element's name. */
    private static final java.util.regex.Pattern MARKUP_ELEMENT = java.util.regex.Pattern.compile("</?([a-z][a-z0-9]{0,15})(?=[\\s>/])");

    /** The element names the objective's markup shows. */
    static Set<String> markupElements(String objective) {
        Set<String> names = new java.util.LinkedHashSet<>();
        java.util.regex.Matcher m = MARKUP_ELEMENT.matcher(objective);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Whether the last segment of the test's name, after a dash, is one of {@code elements} (omission-closing-p.js for p). */
    static boolean namedAfterElement(String test, Set<String> elements) {
        String name = test.substring(test.lastIndexOf('/') + 1).replaceFirst("\\.[^.]+$", "").replaceFirst("[._](?:test|spec)$", "");
        int dash = name.lastIndexOf('-');
        return dash > 0 && elements.contains(name.substring(dash + 1));
    }

    /**
     * Whether a segment of the test's name (three letters or more, not test or spec) begins a name the objective gives
     * (test_ttl.py for ttlcache) or is one of its words.
     */
    static boolean namedAfterPartOf(String test, Set<String> names) {
        String name = test.substring(test.lastIndexOf('/') + 1).replaceFirst("\\.[^.]+$", "");
        for (String segment : name.split("[._-]+")) {
            String s = segment.toLowerCase(java.util.Locale.ROOT);
            if (s.length() >= 3 && !s.equals("test") && !s.equals("tests") && !s.equals("spec")
                    && names.stream().anyMatch(n -> n.startsWith(s) || n.equals(ObjectiveTerms.stem(s)))) {
                return true;
            }
        }
        return false;
    }

    public static boolean namedAfter(String test, Set<String> stems) {
        String name = test.substring(test.lastIndexOf('/') + 1);
        for (String segment : name.split("[._-]+")) {
            if (ContentIndex.splitIdentifier(segment).size() > 1 && stems.contains(segment.toLowerCase(java.util.Locale.ROOT))) {
                return true; // toFormat.test.js for the method toFormat (a compound name's key is the whole name)
            }
            for (String part : ContentIndex.splitIdentifier(segment)) {
                String stem = ObjectiveTerms.stem(part);
                if (part.length() >= 4 && !NOT_CONCEPTS.contains(part) && stems.contains(stem)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a word of the test's file name is the doer of one of {@code stems}: CSVPrinterTest for "printed" (print),
     * ParserTest for "parsing", FormatterTest for "formatted". On the JVM a class is named after what it does, and
     * its test after the class.
     */
    public static boolean namedAfterDoer(String test, Set<String> stems) {
        String name = test.substring(test.lastIndexOf('/') + 1);
        for (String segment : name.split("[._-]+")) {
            for (String part : ContentIndex.splitIdentifier(segment)) {
                String lower = part.toLowerCase(java.util.Locale.ROOT);
                if (lower.length() < 5 || !(lower.endsWith("er") || lower.endsWith("or"))) {
                    continue;
                }
                String base = lower.substring(0, lower.length() - 2); // printer → print, parser → pars
                int n = base.length();
                String undoubled = n > 1 && base.charAt(n - 1) == base.charAt(n - 2) ? base.substring(0, n - 1) : base; // formatter
                if (n >= 3 && (stems.contains(base) || stems.contains(undoubled))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int mentions(String test, List<String> terms, ContentIndex content) {
        int found = 0;
        for (String term : terms) {
            if (content.occurrences(term).stream().anyMatch(o -> o.path().equals(test))) {
                found++;
            }
        }
        return found;
    }
}
