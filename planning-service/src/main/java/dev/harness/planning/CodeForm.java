package dev.harness.planning;

import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Code an objective writes without backticks, put in code form: people write "a logger made with .extend()" as often
 * as "made with `.extend()`", and the planner's cues read code spans. A token is code by its shape (a call, a member,
 * a {@code $S} directive, a {@code --flag}, a snake_case or camelCase name, {@code name='value'}, an operator such as
 * {@code <-chan}, a quoted token, a character escape, markup), or, for a plain word, by the workspace declaring it where
 * the sentence calls it an argument, an option or the like ("add a precision argument"). Prose stays as it is: "e.g.",
 * "U.S.", "JavaScript", version numbers, sentence ends.
 */
final class CodeForm {
    private CodeForm() {}

    /** What an existing code span or a part already marked looks like: never looked into again. */
    private static final Pattern SPAN = Pattern.compile("`[^`]*`");
    /** {@code <ol start="3">}: markup, as one piece though it holds spaces. */
    private static final Pattern MARKUP = Pattern.compile("<[A-Za-z][\\w-]*(?:\\s+[\\w-]+(?:=(?:\"[^\"<>]*\"|'[^'<>]*'|[^\\s<>]+))?)*\\s*/?>");
    /** {@code foo(a, b)}, {@code .extend()}, {@code lookup('.mp4')}: a name called, arguments may hold spaces. */
    private static final Pattern CALL = Pattern.compile(
            "(?<![\\p{L}\\p{N}_$.#])\\.?[\\p{L}_$][\\p{L}\\p{N}_$]*(?:[.#][\\p{L}_$][\\p{L}\\p{N}_$]*)*\\([^()\\n`]{0,60}\\)");
    /** {@code date(2096, 2, 29) + Duration(years=4)}: calls joined by an operator, one expression as one span. */
    private static final Pattern EXPRESSION = Pattern.compile(CALL.pattern() + "(?:[ \\t]*(?:[-+*/%<>]|==|!=|<=|>=|//|\\*\\*)[ \\t]*"
            + CALL.pattern() + ")+");
    /**
     * {@code No such option '--cat'. Did you mean '--count'?}: a message shown with its values, after a colon or an opening
     * bracket: sentences opening with a capital, each ending right after its value (or list of values) with its stop.
     */
    private static final Pattern SHOWN_MESSAGE = Pattern.compile("(?<=: |\\()\\p{Lu}\\p{L}*(?: \\p{L}+)*:? '[^'\\s]{1,40}'(?:, '[^'\\s]{1,40}')*[.?!]"
            + "(?: \\p{Lu}\\p{L}*(?: \\p{L}+)*:? '[^'\\s]{1,40}'(?:, '[^'\\s]{1,40}')*[.?!])*");
    private static final Pattern MESSAGE_WORD = Pattern.compile("(?<!['\\p{L}-])\\p{L}{2,}");
    private static final int MIN_MESSAGE_WORDS = 3;
    /** {@code <-chan T}, {@code chan<- T}: a type written with an operator and its one-letter parameter, as one span. */
    private static final Pattern OPERATOR_TYPE = Pattern.compile(
            "(?<![^\\s(])(?=[^\\s`()]*\\p{L})(?=[^\\s`()]*(?:<-|->|=>|::))[^\\s`()]+\\s\\p{Lu}(?![\\p{L}\\p{N}])");
    /** {@code json: true}: an option and its value, as an object literal writes it. */
    private static final Pattern OPTION_COLON = Pattern.compile(
            "(?<![\\p{L}\\p{N}_$`])[\\p{L}_][\\p{L}\\p{N}_]*:\\s(?:true|false|null|'[^'\\s]{1,30}'|\"[^\"\\s]{1,30}\")(?![\\p{L}\\p{N}_`])");
    /**
     * "a precision argument", "the start attribute": a plain word the sentence says is a name of the code, right after
     * its article (in "a string slice flag" slice is part of a noun phrase, not a name).
     */
    private static final Pattern NAMED_AS_CODE = Pattern.compile(
            "(?<=(?:^|\\s)(?:a|an|the|its|their|new|this|that|each)\\s)([\\p{Ll}][\\p{Ll}\\p{N}]{2,})(?=\\s+(?:argument|parameter|option|attribute|flag|property|"
                    + "method|function|field|keyword|setting|kwarg|prop|hook|event|callback)s?\\b)");
    /** "load must reject …": the objective opens with the name it is about. */
    private static final Pattern OPENING_SUBJECT = Pattern.compile(
            "^([\\p{Ll}][\\p{Ll}\\p{N}]{2,})(?=\\s+(?:must|should|shall|needs to|has to|will|does|doesn't|does not|fails|throws|returns)\\b)");

    private static final Pattern DOT_MEMBER = Pattern.compile("\\.[\\p{L}_$][\\p{L}\\p{N}_$]*");
    private static final Pattern MEMBER = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(?:[.#][\\p{L}_$][\\p{L}\\p{N}_$]*)+");
    private static final Pattern DIRECTIVE = Pattern.compile("\\$[\\p{L}_{][\\p{L}\\p{N}_{}]*");
    private static final Pattern FLAG = Pattern.compile("--|--?\\p{L}[\\p{L}\\p{N}_-]*(?:=\\S+)?");
    private static final Pattern SNAKE = Pattern.compile("_*[\\p{L}\\p{N}]+(?:_+[\\p{L}\\p{N}]*)+|_+[\\p{L}][\\p{L}\\p{N}]*");
    private static final Pattern CAMEL = Pattern.compile("\\p{Ll}[\\p{Ll}\\p{N}]*\\p{Lu}[\\p{L}\\p{N}]*");
    /** DateTime, MyTable; not an abbreviation ending in one capital (ReDoS, PhD). */
    private static final Pattern PASCAL = Pattern.compile("\\p{Lu}[\\p{Ll}\\p{N}]+\\p{Lu}[\\p{L}\\p{N}]*(?<!\\p{Ll}\\p{Lu})");
    private static final Pattern ASSIGNED = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_.-]*=\\S+");
    private static final Pattern OPERATOR_IN_NAME = Pattern.compile("(?=.*\\p{L})(?=.*(?:<-|->|=>|::|<|>|\\|\\||&&|!=|==)).*");
    private static final Pattern LONE_OPERATOR = Pattern.compile("\\+|\\+\\+|\\*\\*|=>|->|<-|::|&&|\\|\\||==|===|!=|!==|<=|>=|<<|>>|\\?\\?");
    private static final Pattern OFFSET = Pattern.compile("[+-]\\d+(?::\\d+)+");
    /** kk, ZZ, YYYY: a format's letters. */
    private static final Pattern REPEATED_LETTER = Pattern.compile("(\\p{L})\\1{1,5}");
    /** A backslash, then b, n, a hex escape (u and four digits, x and two): a character escape; prose writes none. */
    private static final Pattern ESCAPE = Pattern.compile("\\\\(?:[abefnrtv0]|u\\p{XDigit}{4}|x\\p{XDigit}{2})");
    private static final Pattern QUOTED = Pattern.compile("(['\"])[^'\"\\s]+\\1");
    /** /a/../b, video/mp4, ./bin: a path or value with a slash that is not two words (and/or). */
    private static final Pattern SLASHED = Pattern.compile("(?=.*\\p{L})(?:\\.{0,2}/\\S*|\\S*/\\S*/\\S*|(?=.*[\\p{N}.])[^/\\s]+/[^/\\s]+)");
    /** A file name the planner reads as a path already (src/theme.js, utils.py): not code form, left as written. */
    private static final Pattern FILE_NAME = Pattern.compile("[\\p{L}\\p{N}_./@-]*\\.(?:[cm]?[jt]sx?|py|java|kt|go|rs|rb|c|h|cpp|cs|json|md|ya?ml|toml)");

    /** Names of things, not code, that are written like camelCase or PascalCase names. */
    private static final Set<String> PROSE_NAMES = Set.of("javascript", "typescript", "coffeescript", "github", "gitlab", "bitbucket",
            "postgresql", "mysql", "mongodb", "nosql", "youtube", "powershell", "linkedin", "wordpress", "paypal", "devops",
            "macbook", "webassembly", "webkit", "jetbrains", "intellij", "vscode", "nodejs", "iphone", "ipad", "ios", "macos",
            "ebay", "icloud", "openapi", "graphql", "sqlite", "mariadb", "redhat", "openssl", "openjdk", "stackoverflow");

    /** The objective with each code-shaped token outside backticks put in backticks; {@code declared} says whether the workspace declares a plain word. */
    static String marked(String objective, Predicate<String> declared) {
        String text = ObjectiveText.forMatching(objective);
        if (SPAN.matcher(text).find()) {
            // whoever writes one code span marks their code themselves: 'major' beside `semver.diff(…)` is a value of
            // the prose, and reading it as code sends the change to every file holding that word
            return text;
        }
        text = wrapAll(text, MARKUP, null);
        // a message's sentences with their values are one quoted output ('--cat' inside it is no flag of its own)
        text = wrapAll(text, SHOWN_MESSAGE, m -> MESSAGE_WORD.matcher(m.group()).results().count() >= MIN_MESSAGE_WORDS);
        text = wrapAll(text, EXPRESSION, null);
        text = wrapAll(text, CALL, m -> !isPluralNote(m));
        text = wrapAll(text, OPERATOR_TYPE, null);
        text = wrapAll(text, OPTION_COLON, null);
        text = wrapWord(text, OPENING_SUBJECT, declared);
        text = wrapWord(text, NAMED_AS_CODE, declared);
        StringBuilder out = new StringBuilder(text.length() + 16);
        Matcher span = SPAN.matcher(text);
        int at = 0;
        while (span.find()) {
            out.append(tokens(text.substring(at, span.start())));
            out.append(span.group());
            at = span.end();
        }
        out.append(tokens(text.substring(at)));
        return out.toString();
    }

    /** Whether {@code token} (one whitespace-free word of prose, punctuation trimmed) is code by its shape. */
    static boolean isCode(String token) {
        if (token.isEmpty() || PROSE_NAMES.contains(token.toLowerCase(java.util.Locale.ROOT))) {
            return false;
        }
        if (FILE_NAME.matcher(token).matches()) {
            return false;
        }
        if (MEMBER.matcher(token).matches()) {
            // e.g, U.S, a.m: single letters between dots are abbreviations
            return java.util.Arrays.stream(token.split("[.#]")).anyMatch(part -> part.length() > 1);
        }
        return DOT_MEMBER.matcher(token).matches() || DIRECTIVE.matcher(token).matches() || FLAG.matcher(token).matches()
                || SNAKE.matcher(token).matches() && token.chars().anyMatch(Character::isLetter)
                || CAMEL.matcher(token).matches() || PASCAL.matcher(token).matches()
                || ASSIGNED.matcher(token).matches() || OPERATOR_IN_NAME.matcher(token).matches()
                || LONE_OPERATOR.matcher(token).matches() || OFFSET.matcher(token).matches()
                || REPEATED_LETTER.matcher(token).matches() || QUOTED.matcher(token).matches() || ESCAPE.matcher(token).matches()
                || SLASHED.matcher(token).matches() && !token.contains("://");
    }

    /** "item(s)": a plural note, not a call. */
    private static boolean isPluralNote(Matcher m) {
        String g = m.group();
        return g.endsWith("(s)") || g.endsWith("(es)");
    }

    private static String wrapAll(String text, Pattern pattern, Predicate<Matcher> keep) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        Matcher span = SPAN.matcher(text);
        int at = 0;
        while (true) {
            boolean more = span.find();
            int end = more ? span.start() : text.length();
            Matcher m = pattern.matcher(text.substring(at, end));
            int last = 0;
            String part = text.substring(at, end);
            while (m.find()) {
                if (keep != null && !keep.test(m)) {
                    continue;
                }
                out.append(part, last, m.start()).append('`').append(m.group()).append('`');
                last = m.end();
            }
            out.append(part.substring(last));
            if (!more) {
                return out.toString();
            }
            out.append(span.group());
            at = span.end();
        }
    }

    private static String wrapWord(String text, Pattern pattern, Predicate<String> declared) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 8);
        int last = 0;
        while (m.find()) {
            if (!insideSpan(text, m.start()) && declared.test(m.group(1))) {
                out.append(text, last, m.start(1)).append('`').append(m.group(1)).append('`');
                last = m.end(1);
            }
        }
        return out.append(text.substring(last)).toString();
    }

    private static boolean insideSpan(String text, int at) {
        int ticks = 0;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '`') {
                ticks++;
            }
        }
        return ticks % 2 == 1;
    }

    /** Prose between code spans, each code-shaped word put in backticks, its surrounding punctuation left outside. */
    private static String tokens(String prose) {
        StringBuilder out = new StringBuilder(prose.length() + 8);
        int i = 0;
        int n = prose.length();
        while (i < n) {
            if (Character.isWhitespace(prose.charAt(i))) {
                out.append(prose.charAt(i++));
                continue;
            }
            int end = i;
            while (end < n && !Character.isWhitespace(prose.charAt(end))) {
                end++;
            }
            out.append(token(prose.substring(i, end)));
            i = end;
        }
        return out.toString();
    }

    private static String token(String word) {
        int from = 0;
        int to = word.length();
        // trailing sentence punctuation and a closing bracket the word did not open
        while (to > from) {
            char c = word.charAt(to - 1);
            String core = word.substring(from, to - 1);
            if (c == ',' || c == ';' || c == '!' || c == '?' || c == ':' && !word.substring(from, to).equals("::")) {
                to--;
            } else if (c == '.' && !core.isEmpty() && !core.endsWith(".")) {
                to--;
            } else if ((c == ')' || c == ']') && count(word, from, to, c == ')' ? '(' : '[') < count(word, from, to, c)) {
                to--;
            } else {
                break;
            }
        }
        while (from < to) {
            char c = word.charAt(from);
            if ((c == '(' || c == '[') && count(word, from, to, c) > count(word, from, to, c == '(' ? ')' : ']')) {
                from++;
            } else {
                break;
            }
        }
        while (to - from > 2 && (word.charAt(from) == '(' && word.charAt(to - 1) == ')'
                || word.charAt(from) == '[' && word.charAt(to - 1) == ']')) {
            from++; // ("MyTable"): the brackets are the sentence's
            to--;
        }
        String core = word.substring(from, to);
        if (!isCode(core)) {
            return word;
        }
        return word.substring(0, from) + "`" + core + "`" + word.substring(to);
    }

    private static int count(String word, int from, int to, char c) {
        int k = 0;
        for (int i = from; i < to; i++) {
            if (word.charAt(i) == c) {
                k++;
            }
        }
        return k;
    }
}
