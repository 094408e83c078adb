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

    static final List<Pattern> BUILT_IN = List.of(
            // GitHub: classic and fine-grained personal, OAuth, user-to-server, server-to-server and refresh tokens
            Pattern.compile(NOT_WORD + "gh[pousr]_[A-Za-z0-9]{20,255}"),
            Pattern.compile(NOT_WORD + "github_pat_[A-Za-z0-9_]{20,255}"),
            // Anthropic (sk-ant-…) and OpenAI (sk-…, sk-proj-…): at least one digit, so sk-some-long-word is left alone
            Pattern.compile("(?<![A-Za-z0-9_-])sk-(?=[A-Za-z0-9_-]{0,255}[0-9])[A-Za-z0-9_-]{20,255}"),
            // Slack
            Pattern.compile(NOT_WORD + "xox[abposr]-[A-Za-z0-9-]{10,255}"),
            // AWS access key ids
            Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])"),
            // JSON Web Tokens: header.payload.signature, both of the first two base64url JSON objects
            Pattern.compile("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,1000}\\.eyJ[A-Za-z0-9_-]{8,5000}\\.[A-Za-z0-9_-]{0,1000}"),
            // URL userinfo with a password: scheme://user:PASSWORD@host
            Pattern.compile("[A-Za-z][A-Za-z0-9+.-]{0,30}://[^\\s/?#@:'\"]{0,256}:(?<secret>[^\\s/?#@'\"]{1,256})@"),
            // URL userinfo that is one long word (a token used as the user name): scheme://TOKEN@host
            Pattern.compile("[A-Za-z][A-Za-z0-9+.-]{0,30}://(?<secret>[^\\s/?#@:'\"]{20,256})@"),
            // secret-named query parameters: ?api_key=…&sig=…
            Pattern.compile("(?i)[?&;][a-z0-9_.-]{0,64}(?:token|key|secret|password|passwd|pwd|signature|sig|auth|credential|session)"
                    + "[a-z0-9_.-]{0,64}=" + NOT_REFERENCE + "(?<secret>[^&#\\s'\"<>]{1,2048})"),
            // assignments and fields: PASSWORD=…, api_key: …, "token": "…", --token=…
            Pattern.compile("(?i)(?<![A-Za-z0-9])(?:[a-z0-9_.-]{0,64}[_.-])?" + SECRET_WORD + "[\"']?[ \\t]{0,3}[:=][ \\t]{0,3}[\"']?"
                    + NOT_REFERENCE + "(?<secret>[^\\s\"'&,;]{3,2048})"),
            // --token VALUE (an option followed by its value as the next word)
            Pattern.compile("(?i)(?<![A-Za-z0-9-])--?(?:[a-z0-9]{1,32}-){0,4}" + SECRET_WORD.replace("[_-]", "-")
                    + "[ \\t]{1,3}" + NOT_REFERENCE + "(?<secret>(?!-)[^\\s\"']{3,2048})"),
            // Authorization: Bearer …, Basic …, and a bare Bearer …
            Pattern.compile("(?i)(?:authorization[\"']?[ \\t]{0,3}[:=][ \\t]{0,3}[\"']?(?:bearer[ \\t]+|basic[ \\t]+|token[ \\t]+)?"
                    + "|bearer[ \\t]+)" + NOT_REFERENCE + "(?<secret>[A-Za-z0-9._~+/=-]{8,4096})"));

    /** Options whose value is the next argument of an argument list. */
    static final Pattern SECRET_OPTION = Pattern.compile("(?i)--?(?:[a-z0-9]{1,32}[_-]){0,4}" + SECRET_WORD);

    private SecretShapes() {}
}
