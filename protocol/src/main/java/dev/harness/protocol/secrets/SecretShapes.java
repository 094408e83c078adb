package dev.harness.protocol.secrets;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Secrets recognised by their shape or their context rather than by a known value: provider token
 * formats, URL passwords, secret-named query parameters, arguments and assignments, authorization
 * headers. Each rule masks its {@code secret} group (or the whole match when it has none).
 *
 * <p>Every quantifier is bounded and no rule crosses a line break, so a stream can be masked with a
 * bounded hold-back ({@link #MAX_SPAN}) and released line by line.
 */
final class SecretShapes {
    /** No built-in rule matches more characters than this. */
    static final int MAX_SPAN = 8192;

    private static final String NOT_WORD = "(?<![A-Za-z0-9_])";
    /** A value that is a reference or already masked ({@code ${VAR}}, {@code $VAR}, {@code ***}, {@code <token>}) is not a secret. */
    private static final String NOT_REFERENCE = "(?![$*<{%])";
    private static final String SECRET_WORD = "(?:token|secret|password|passwd|passphrase|api[_-]?key|apikey|access[_-]?key"
            + "|private[_-]?key|client[_-]?secret|auth[_-]?token|access[_-]?token|refresh[_-]?token|credentials?)";

    /**
     * A rule and the lowercase words at least one of which every match contains: a line without any
     * of them is never handed to the regular expression (most output has none, and the scan for a
     * word is far cheaper than the match). No anchors: every line is matched.
     */
    record Rule(Pattern pattern, List<String> anchors, int before, String startChars, boolean grouped) {
        /**
         * @param before     how many characters before its anchor a match may start
         * @param startChars the characters a match can start with (null: any)
         */
        Rule(Pattern pattern, List<String> anchors, int before, String startChars) {
            this(pattern, anchors, before, startChars, pattern.pattern().contains("(?<secret>"));
        }

        /** A rule whose match starts at its anchor. */
        Rule(Pattern pattern, List<String> anchors) {
            this(pattern, anchors, 0, null);
        }

        static Rule unanchored(Pattern pattern) {
            return new Rule(pattern, List.of());
        }
    }

    private static final List<String> SECRET_WORDS = List.of("token", "secret", "passw", "passphrase", "key", "credential");

    static final List<Rule> BUILT_IN = List.of(
            // GitHub: classic and fine-grained personal, OAuth, user-to-server, server-to-server and refresh tokens
            new Rule(Pattern.compile(NOT_WORD + "gh[pousr]_[A-Za-z0-9]{20,255}"), List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_")),
            new Rule(Pattern.compile(NOT_WORD + "github_pat_[A-Za-z0-9_]{20,255}"), List.of("github_pat_")),
            // Anthropic (sk-ant-…) and OpenAI (sk-…, sk-proj-…): at least one digit, so sk-some-long-word is left alone
            new Rule(Pattern.compile("(?<![A-Za-z0-9_-])sk-(?=[A-Za-z0-9_-]{0,255}[0-9])[A-Za-z0-9_-]{20,255}"), List.of("sk-")),
            // Slack
            new Rule(Pattern.compile(NOT_WORD + "xox[abposr]-[A-Za-z0-9-]{10,255}"), List.of("xox")),
            // AWS access key ids
            new Rule(Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])"), List.of("akia", "asia")),
            // JSON Web Tokens: header.payload.signature, both of the first two base64url JSON objects
            new Rule(Pattern.compile("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,1000}\\.eyJ[A-Za-z0-9_-]{8,5000}\\.[A-Za-z0-9_-]{0,1000}"), List.of("eyj")),
            // URL userinfo with a password: scheme://user:PASSWORD@host
            new Rule(Pattern.compile("(?<=[A-Za-z0-9+.-])://[^\\s/?#@:'\"]{0,256}:(?<secret>[^\\s/?#@'\"]{1,256})@"), List.of("://")),
            // URL userinfo that is one long word (a token used as the user name): scheme://TOKEN@host
            new Rule(Pattern.compile("(?<=[A-Za-z0-9+.-])://(?<secret>[^\\s/?#@:'\"]{20,256})@"), List.of("://")),
            // secret-named query parameters: ?api_key=…&sig=…
            new Rule(Pattern.compile("(?i)[?&;][a-z0-9_.-]{0,64}(?:token|key|secret|password|passwd|pwd|signature|sig|auth|credential|session)"
                    + "[a-z0-9_.-]{0,64}=" + NOT_REFERENCE + "(?<secret>[^&#\\s'\"<>]{1,2048})"), List.of("="), 140, "?&;"),
            // assignments and fields: PASSWORD=…, DB_PASSWORD=…, api_key: …, "token": "…", --token=… (the name's own
            // prefix is not matched, only that the secret word starts it or follows a separator)
            new Rule(Pattern.compile("(?i)(?<![A-Za-z0-9])" + SECRET_WORD + "[\"']?[ \\t]{0,3}[:=][ \\t]{0,3}[\"']?"
                    + NOT_REFERENCE + "(?<secret>[^\\s\"'&,;]{3,2048})"), SECRET_WORDS, 10, null),
            // --token VALUE (an option followed by its value as the next word)
            new Rule(Pattern.compile("(?i)(?<![A-Za-z0-9-])--?(?:[a-z0-9]{1,32}-){0,4}" + SECRET_WORD.replace("[_-]", "-")
                    + "[ \\t]{1,3}" + NOT_REFERENCE + "(?<secret>(?!-)[^\\s\"']{3,2048})"), SECRET_WORDS, 150, "-"),
            // Authorization: Bearer …, Basic …, and a bare Bearer …
            new Rule(Pattern.compile("(?i)(?:authorization[\"']?[ \\t]{0,3}[:=][ \\t]{0,3}[\"']?(?:bearer[ \\t]+|basic[ \\t]+|token[ \\t]+)?"
                    + "|bearer[ \\t]+)" + NOT_REFERENCE + "(?<secret>[A-Za-z0-9._~+/=-]{8,4096})"), List.of("authorization", "bearer")));

    /** Options whose value is the next argument of an argument list. */
    static final Pattern SECRET_OPTION = Pattern.compile("(?i)--?(?:[a-z0-9]{1,32}[_-]){0,4}" + SECRET_WORD);

    private SecretShapes() {}
}
