package dev.harness.protocol.secrets;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.OutputStream;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suite's one secret masker: everything the harness writes or shows (events, records, logs,
 * reports, prompt files, answers) goes through it. It masks, as CI systems do,
 * <ol>
 *   <li>the values of secret-looking variables of the environments it was given (the harness's own,
 *       an agent's, an MCP server's — see {@link SecretNames}), wherever they appear, including inside
 *       longer strings, URL-encoded, JSON-escaped and base64-encoded (standard and URL-safe alphabets, at
 *       each of the three byte alignments);</li>
 *   <li>values of MCP and agent configuration that sit under {@code env} or {@code headers}, are in a
 *       secret-named field, follow a secret-named option, or are marked {@code secret}/{@code sensitive}
 *       ({@link #withConfig});</li>
 *   <li>URL passwords and secret-named query parameters, secret-named assignments, options and
 *       authorization headers, and well-known token shapes ({@code ghp_…}, {@code github_pat_…},
 *       {@code sk-…}, {@code sk-ant-…}, {@code xox…}, AWS access key ids, JWTs);</li>
 *   <li>the names and patterns the person added ({@link UserSecretRules}).</li>
 * </ol>
 * Values shorter than {@value #MIN_SECRET_LENGTH} characters are not masked as values (no masking of
 * every {@code 1}). A mask is always {@value #MASK}: nothing of the secret (prefix, length, hash)
 * survives; only the number of masked spans is reported ({@link #redactCounting}).
 *
 * <p>Instances are immutable and thread-safe; the {@code with…} methods return a new redactor with more
 * secrets. For output captured as it is produced use {@link #mask(Writer)} or {@link #mask(OutputStream)},
 * which mask even a secret split across writes.
 */
public final class Redactor {
    public static final String MASK = "***";
    public static final int MIN_SECRET_LENGTH = 5;
    /** Encoded forms shorter than this would match ordinary text by chance. */
    private static final int MIN_ENCODED_LENGTH = 8;
    private static final Set<String> NOT_SECRET_VALUES = Set.of("true", "false", "null", "none", "undefined", "changeme");
    private static final Set<String> CONTAINERS = Set.of("env", "headers", "environment");
    private static final Set<String> SECRET_MARKERS = Set.of("secret", "sensitive", "password");
    private static final List<String> MARKED_VALUES = List.of("value", "default");

    private final SecretNames names;
    private final List<Pattern> userPatterns;
    /**
     * The built-in shapes and the user's patterns, compiled on the first text masked (a benign race: an immutable
     * list): a process whose output needs no masking (a kept answer, issue 15) never compiles the shapes.
     */
    private List<SecretShapes.Rule> rules;
    private final Set<String> values;
    /** The values and their encoded forms, longest first (so the longest overlapping form wins). */
    private final List<String> needles;
    private final int holdBack;
    private final boolean multilineNeedle;

    private Redactor(SecretNames names, List<Pattern> userPatterns, Set<String> values) {
        this.names = names;
        this.userPatterns = List.copyOf(userPatterns);
        this.values = Set.copyOf(values);
        Set<String> forms = new LinkedHashSet<>();
        for (String value : values) {
            forms.addAll(encodedForms(value));
        }
        // longest first; a lambda of this class, not Comparator.comparingInt's, which is spun at run time outside
        // the start-up archive on every start of every executable (issue 15)
        this.needles = forms.stream().sorted((a, b) -> Integer.compare(b.length(), a.length())).toList();
        int longest = needles.isEmpty() ? 0 : needles.get(0).length();
        this.holdBack = Math.max(longest, SecretShapes.MAX_SPAN);
        this.multilineNeedle = needles.stream().anyMatch(n -> n.indexOf('\n') >= 0 || n.indexOf('\r') >= 0);
    }

    /** Token shapes and context rules only: no known values, no user rules. */
    public static Redactor builtIn() {
        return new Redactor(SecretNames.builtIn(), List.of(), Set.of());
    }

    /**
     * The redactor of a process: the built-in rules, the user's own rules (located from this
     * environment and {@code user.home}) and the secret values of this environment.
     */
    public static Redactor forEnvironment(Map<String, String> environment) {
        return forEnvironment(environment, Path.of(System.getProperty("user.home", ".")));
    }

    public static Redactor forEnvironment(Map<String, String> environment, Path home) {
        return withRules(UserSecretRules.load(environment, home)).withEnvironment(environment);
    }

    /** The built-in rules and these user rules, no values yet. */
    public static Redactor withRules(UserSecretRules user) {
        return new Redactor(new SecretNames(user.names()), user.patterns(), Set.of());
    }

    /** This redactor plus the values of the secret-named variables of another environment (an agent's, a server's). */
    public Redactor withEnvironment(Map<String, String> environment) {
        Set<String> more = new LinkedHashSet<>(values);
        environment.forEach((name, value) -> {
            if (names.isSecretVariable(name)) {
                addValue(more, value);
            }
        });
        return more.size() == values.size() ? this : new Redactor(names, userPatterns, more);
    }

    /** This redactor plus explicit secret values (shorter ones than {@value #MIN_SECRET_LENGTH} are ignored). */
    public Redactor withValues(Collection<String> secrets) {
        Set<String> more = new LinkedHashSet<>(values);
        secrets.forEach(value -> addValue(more, value));
        return more.size() == values.size() ? this : new Redactor(names, userPatterns, more);
    }

    /**
     * This redactor plus the secrets of an MCP or agent configuration (a {@code .mcp.json}, a server's
     * entry, agent settings): every value under {@code env}/{@code headers}, every secret-named field,
     * the value after a secret-named option in an argument list, and the {@code value}/{@code default}
     * of an entry marked {@code secret}, {@code sensitive} or {@code password}.
     */
    public Redactor withConfig(JsonNode config) {
        Set<String> found = new LinkedHashSet<>();
        collect(config, false, found);
        return withValues(found);
    }

    /** Masks text; null stays null. */
    public String redact(String text) {
        return text == null ? null : redactCounting(text).text();
    }

    /** The masked text and how many spans were masked (the only thing about secrets that may be logged). */
    public Redacted redactCounting(String text) {
        if (text == null || text.isEmpty()) {
            return new Redacted(text, 0);
        }
        List<int[]> spans = spans(text);
        if (spans.isEmpty()) {
            return new Redacted(text, 0);
        }
        return new Redacted(apply(text, spans, 0, text.length()), spans.size());
    }

    /** A masked text and the number of masked spans. */
    public record Redacted(String text, int masked) {}

    /**
     * A masked deep copy of a JSON value: every string (and field name) masked as text, and whole
     * values masked where the structure says they are secrets (under {@code env}/{@code headers}, in a
     * secret-named field, marked secret).
     */
    public JsonNode redactJson(JsonNode node) {
        return node == null ? null : redactNode(node, false);
    }

    /** A masked copy of an argument list: the value after a secret-named option ({@code --token VALUE}) is masked whole. */
    public List<String> redactArguments(List<String> argv) {
        List<String> out = new ArrayList<>(argv.size());
        boolean next = false;
        for (String arg : argv) {
            if (next && arg != null && !arg.startsWith("-") && arg.length() > 0) {
                out.add(MASK);
            } else {
                out.add(redact(arg));
            }
            next = arg != null && SecretShapes.SECRET_OPTION.matcher(arg).matches();
        }
        return out;
    }

    /** A writer that masks what is written to it before it reaches {@code out}; close it to release the held-back tail. */
    public MaskingWriter mask(Writer out) {
        return new MaskingWriter(out, this);
    }

    /** An output stream (UTF-8) that masks what is written to it before it reaches {@code out}; close it to release the tail. */
    public MaskingOutputStream mask(OutputStream out) {
        return new MaskingOutputStream(out, this);
    }

    /** How many characters a stream must hold back so that a secret split across writes is still recognised. */
    int holdBack() {
        return holdBack;
    }

    /** Whether a known value spans lines (then a stream cannot release at line ends). */
    boolean multilineNeedle() {
        return multilineNeedle;
    }

    /**
     * Whether this redactor masks nothing but the built-in shapes: no secret value, no pattern of the user's. A text
     * this build's shapes were found to leave alone is then printed as it is (the orchestrator's kept answers).
     */
    public boolean masksOnlyBuiltInShapes() {
        return needles.isEmpty() && userPatterns.isEmpty();
    }

    private List<SecretShapes.Rule> rules() {
        List<SecretShapes.Rule> compiled = rules;
        if (compiled == null) {
            List<SecretShapes.Rule> all = new ArrayList<>(SecretShapes.BUILT_IN);
            for (Pattern pattern : userPatterns) {
                all.add(SecretShapes.Rule.unanchored(pattern));
            }
            compiled = List.copyOf(all);
            rules = compiled;
        }
        return compiled;
    }

    /** Whether an environment variable of this name is treated as a secret. */
    public boolean isSecretVariable(String name) {
        return names.isSecretVariable(name);
    }

    /** The spans to mask in text, merged and sorted: {start, end} pairs. */
    List<int[]> spans(CharSequence text) {
        List<int[]> spans = new ArrayList<>();
        String string = text.toString();
        for (String needle : needles) {
            for (int at = string.indexOf(needle); at >= 0; at = string.indexOf(needle, at + needle.length())) {
                spans.add(new int[] {at, at + needle.length()});
            }
        }
        String lower = null;
        for (SecretShapes.Rule rule : rules()) {
            Matcher matcher = rule.pattern().matcher(string);
            if (rule.anchors().isEmpty()) {
                find(matcher, rule.grouped(), 0, string.length(), spans);
                continue;
            }
            if (lower == null) {
                lower = asciiLower(string);
            }
            // Built-in rules never cross a line and start at most rule.before() characters ahead of their
            // anchor: a match is only tried there (transparent bounds, so look-behinds see the text before).
            matcher.useTransparentBounds(true).useAnchoringBounds(false);
            for (String anchor : rule.anchors()) {
                int done = 0;
                for (int at = lower.indexOf(anchor); at >= 0; at = lower.indexOf(anchor, Math.max(at + anchor.length(), done))) {
                    int lineStart = Math.max(0, at - rule.before()); // the line's start, or as far back as a match can start
                    for (int i = at - 1; i >= lineStart; i--) {
                        if (string.charAt(i) == '\n') {
                            lineStart = i + 1;
                            break;
                        }
                    }
                    int to = (int) Math.min(string.length(), (long) at + SecretShapes.MAX_SPAN);
                    for (int i = at; i < to; i++) {
                        if (string.charAt(i) == '\n') {
                            to = i;
                            break;
                        }
                    }
                    for (int start = Math.max(lineStart, done); start <= at; start++) {
                        if (rule.startChars() != null && rule.startChars().indexOf(string.charAt(start)) < 0) {
                            continue;
                        }
                        matcher.region(start, to);
                        if (matcher.lookingAt()) {
                            add(matcher, rule.grouped(), spans);
                            done = matcher.end();
                            break;
                        }
                    }
                }
            }
        }
        if (spans.size() <= 1) {
            return spans;
        }
        spans.sort(Comparator.comparingInt(s -> s[0]));
        List<int[]> merged = new ArrayList<>();
        int[] current = spans.get(0).clone();
        for (int i = 1; i < spans.size(); i++) {
            int[] span = spans.get(i);
            if (span[0] <= current[1]) {
                current[1] = Math.max(current[1], span[1]);
            } else {
                merged.add(current);
                current = span.clone();
            }
        }
        merged.add(current);
        return merged;
    }

    private static void find(Matcher matcher, boolean grouped, int from, int to, List<int[]> spans) {
        matcher.region(from, to);
        while (matcher.find()) {
            add(matcher, grouped, spans);
        }
    }

    private static void add(Matcher matcher, boolean grouped, List<int[]> spans) {
        int start = grouped ? matcher.start("secret") : matcher.start();
        int end = grouped ? matcher.end("secret") : matcher.end();
        if (start >= 0 && end > start) {
            spans.add(new int[] {start, end});
        }
    }

    /** Lowercase for ASCII letters only, so every index stays where it was. */
    private static String asciiLower(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c >= 'A' && c <= 'Z') {
                chars[i] = (char) (c + 32);
            }
        }
        return new String(chars);
    }

    /** text[from, to) with the parts inside spans replaced by one mask each. */
    static String apply(CharSequence text, List<int[]> spans, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int at = from;
        for (int[] span : spans) {
            int start = Math.max(span[0], from);
            int end = Math.min(span[1], to);
            if (end <= start || end <= at) {
                continue;
            }
            if (start > at) {
                out.append(text, at, start);
            }
            out.append(MASK);
            at = end;
        }
        if (at < to) {
            out.append(text, at, to);
        }
        return out.toString();
    }

    private JsonNode redactNode(JsonNode node, boolean secret) {
        if (node.isTextual()) {
            String text = node.asText();
            return secret && text.length() >= MIN_SECRET_LENGTH ? TextNode.valueOf(MASK) : TextNode.valueOf(redact(text));
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            boolean next = false;
            for (JsonNode item : node) {
                out.add(redactNode(item, secret || (next && item.isTextual() && !item.asText().startsWith("-"))));
                next = item.isTextual() && SecretShapes.SECRET_OPTION.matcher(item.asText()).matches();
            }
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            boolean marked = isMarkedSecret(node);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                boolean inner = secret
                        || (CONTAINERS.contains(name.toLowerCase(Locale.ROOT)) && field.getValue().isObject())
                        || (field.getValue().isTextual() && names.isSecretField(name))
                        || (marked && MARKED_VALUES.contains(name));
                out.set(redact(name), redactNode(field.getValue(), inner));
            }
            return out;
        }
        return node.deepCopy();
    }

    private void collect(JsonNode node, boolean secret, Set<String> found) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            if (secret) {
                String text = node.asText();
                addValue(found, text);
                int space = text.lastIndexOf(' '); // "Bearer abc…": the credential alone, too
                if (space > 0) {
                    addValue(found, text.substring(space + 1));
                }
            }
            return;
        }
        if (node.isArray()) {
            boolean next = false;
            for (JsonNode item : node) {
                collect(item, secret || next, found);
                if (item.isTextual()) {
                    String arg = item.asText();
                    next = SecretShapes.SECRET_OPTION.matcher(arg).matches();
                    int eq = arg.indexOf('=');
                    if (eq > 0 && SecretShapes.SECRET_OPTION.matcher(arg.substring(0, eq)).matches()) {
                        addValue(found, arg.substring(eq + 1));
                    }
                } else {
                    next = false;
                }
            }
            return;
        }
        if (node.isObject()) {
            boolean marked = isMarkedSecret(node);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                boolean inner = secret
                        || (CONTAINERS.contains(name.toLowerCase(Locale.ROOT)) && field.getValue().isObject())
                        || (field.getValue().isTextual() && names.isSecretField(name))
                        || (marked && MARKED_VALUES.contains(name));
                collect(field.getValue(), inner, found);
            }
        }
    }

    private static boolean isMarkedSecret(JsonNode object) {
        for (String marker : SECRET_MARKERS) {
            if (object.path(marker).isBoolean() && object.path(marker).asBoolean()) {
                return true;
            }
        }
        return false;
    }

    private static void addValue(Set<String> into, String value) {
        if (value == null) {
            return;
        }
        for (String candidate : new String[] {value, value.strip()}) {
            if (candidate.length() >= MIN_SECRET_LENGTH && !NOT_SECRET_VALUES.contains(candidate.toLowerCase(Locale.ROOT))
                    && !candidate.equals(MASK)) {
                into.add(candidate);
            }
        }
    }

    /** A value as it may appear in text: itself, URL-encoded, JSON-escaped, and base64 (both alphabets, each alignment). */
    static Set<String> encodedForms(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        String url = URLEncoder.encode(value, StandardCharsets.UTF_8);
        forms.add(url);
        forms.add(url.replace("+", "%20"));
        forms.add(new String(JsonStringEncoder.getInstance().quoteAsString(value)));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[bytes.length + offset];
            System.arraycopy(bytes, 0, shifted, offset, bytes.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            // Characters wholly determined by the value's bits: [ceil(8*offset/6), floor(8*(offset+n)/6)).
            int first = (8 * offset + 5) / 6;
            int last = (8 * (offset + bytes.length)) / 6;
            if (last - first >= MIN_ENCODED_LENGTH) {
                String middle = encoded.substring(first, last);
                forms.add(middle);
                forms.add(middle.replace('+', '-').replace('/', '_'));
            }
        }
        return forms;
    }
}
