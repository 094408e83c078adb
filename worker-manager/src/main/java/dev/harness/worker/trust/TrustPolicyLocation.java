package dev.harness.worker.trust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the trust policy comes from: the --trust-policy flag, else HARNESS_TRUST_POLICY, else the
 * user's config directory ($XDG_CONFIG_HOME or ~/.config)/harness/trust-policy.{yaml,yml,json}.
 * Never from the workspace: a repository must not be able to trust itself.
 */
public final class TrustPolicyLocation {
    private TrustPolicyLocation() {}

    /** An explicitly named file (flag or environment), which must exist; else the first user-config file that exists. */
    public static Optional<Path> resolve(String named, Map<String, String> env, Path home) {
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named));
        }
        Path configHome = env.get("XDG_CONFIG_HOME") != null && !env.get("XDG_CONFIG_HOME").isBlank()
                ? Path.of(env.get("XDG_CONFIG_HOME")) : home.resolve(".config");
        for (String name : new String[] {"trust-policy.yaml", "trust-policy.yml", "trust-policy.json"}) {
            Path candidate = configHome.resolve("harness").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
