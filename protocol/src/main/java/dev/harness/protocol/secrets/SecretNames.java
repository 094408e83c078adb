package dev.harness.protocol.secrets;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which environment variable and configuration field names hold secrets. Variables: the suffixes
 * {@code _TOKEN}, {@code _KEY}, {@code _SECRET}, {@code _API_KEY}, {@code _PAT}, {@code _CREDENTIALS},
 * anything containing {@code PASSWORD}/{@code PASSWD}/{@code PASSPHRASE}/{@code SECRET}, the well-known
 * names, and the names a person added (globs, {@code *} matching anything, case-insensitive).
 */
public final class SecretNames {
    /** Named explicitly so a reader sees them; the suffix rule covers them too. */
    public static final Set<String> KNOWN = Set.of("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GITHUB_TOKEN", "GH_TOKEN",
            "GH_ENTERPRISE_TOKEN", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "NPM_TOKEN", "GITLAB_TOKEN",
            "HF_TOKEN", "GOOGLE_API_KEY", "GEMINI_API_KEY", "AZURE_OPENAI_API_KEY", "SLACK_BOT_TOKEN");

    private static final Pattern VARIABLE = Pattern.compile(
            "(?:.*_)?(?:TOKEN|KEY|SECRET|SECRETS|APIKEY|PAT|CREDENTIAL|CREDENTIALS)|.*(?:PASSWORD|PASSWD|PASSPHRASE|SECRET).*");
    /** The harness's own settings about secrets are names and patterns, not secrets. */
    private static final Set<String> NOT_SECRET = Set.of("HARNESS_SECRET_NAMES", "HARNESS_SECRET_PATTERNS");
    /** JSON/YAML field names whose string value is a credential (camelCase, snake_case and kebab-case). */
    private static final Pattern FIELD = Pattern.compile(
            "(?i)(?:.*[_.-])?(?:token|secret|password|passwd|passphrase|api[_-]?key|access[_-]?key|private[_-]?key"
                    + "|client[_-]?secret|auth[_-]?token|access[_-]?token|refresh[_-]?token|bearer[_-]?token|authorization"
                    + "|credentials?)"
                    + "|(?:[a-z0-9]*)(?:Token|Secret|Password|ApiKey|AccessKey|PrivateKey)");

    private final List<Pattern> added;

    SecretNames(List<String> globs) {
        this.added = globs.stream().filter(g -> !g.isBlank()).map(SecretNames::glob).toList();
    }

    /** Only the built-in rules. */
    public static SecretNames builtIn() {
        return new SecretNames(List.of());
    }

    /** Whether an environment variable of this name holds a secret. */
    public boolean isSecretVariable(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (NOT_SECRET.contains(upper)) {
            return false;
        }
        return KNOWN.contains(upper) || VARIABLE.matcher(upper).matches()
                || added.stream().anyMatch(p -> p.matcher(name).matches());
    }

    /** Whether a configuration field of this name ({@code apiKey}, {@code client_secret}, {@code Authorization}) holds a secret. */
    public boolean isSecretField(String name) {
        return name != null && !name.isEmpty()
                && (FIELD.matcher(name).matches() || isSecretVariable(name));
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder("(?i)");
        for (String part : glob.strip().split("\\*", -1)) {
            if (regex.length() > 4) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
