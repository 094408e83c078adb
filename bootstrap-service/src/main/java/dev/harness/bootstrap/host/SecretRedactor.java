package dev.harness.bootstrap.host;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces the values of secret-looking environment variables (…KEY, …TOKEN, …SECRET, …PASSWORD)
 * wherever they would otherwise reach the wire: a server's stderr, an argument list.
 */
public final class SecretRedactor {
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH).*");
    private static final int MIN_LENGTH = 6;
    static final String MASK = "***";

    private final List<String> secrets;

    private SecretRedactor(Set<String> secrets) {
        this.secrets = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    @SafeVarargs
    public static SecretRedactor of(Map<String, String>... environments) {
        Set<String> values = new LinkedHashSet<>();
        for (Map<String, String> environment : environments) {
            environment.forEach((name, value) -> {
                if (value != null && value.length() >= MIN_LENGTH && SECRET_NAME.matcher(name).matches()) {
                    values.add(value);
                }
            });
        }
        return new SecretRedactor(values);
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }
}
