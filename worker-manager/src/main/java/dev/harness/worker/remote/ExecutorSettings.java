package dev.harness.worker.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import dev.harness.protocol.CliOption;
import dev.harness.protocol.Json;
import dev.harness.protocol.UsageException;
import dev.harness.protocol.json.YamlReader;
import dev.harness.protocol.secrets.UserSecretRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a task's attempts run: {@code local} (this process, the default) or {@code temporal} (a
 * Temporal task queue that worker hosts poll). From the command line or its variables, else from
 * the person's {@code config.yaml} ({@code executor:} and a {@code temporal:} section), else the
 * defaults. The config file is the person's own, never the workspace's.
 */
public record ExecutorSettings(Kind kind, String target, String namespace, String taskQueue, String gitRemote,
                               Duration heartbeat, Tls tls) {

    public enum Kind implements WireName {
        LOCAL("local"),
        TEMPORAL("temporal");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    /**
     * mTLS to a Temporal cluster (Temporal Cloud, or a self-hosted one with TLS): a client certificate
     * and key, optionally the server's CA and the name its certificate carries. An API key instead
     * of certificates comes only from the variable TEMPORAL_API_KEY, never a flag (it would show in ps).
     */
    public record Tls(Path cert, Path key, Path ca, String serverName) {
        public static final Tls NONE = new Tls(null, null, null, null);

        public boolean enabled() {
            return cert != null || ca != null;
        }
    }

    public static final String DEFAULT_TARGET = "127.0.0.1:7233";
    public static final String DEFAULT_NAMESPACE = "default";
    public static final String DEFAULT_QUEUE = "harness";
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);
    public static final ExecutorSettings LOCAL = new ExecutorSettings(Kind.LOCAL, DEFAULT_TARGET, DEFAULT_NAMESPACE,
            DEFAULT_QUEUE, null, DEFAULT_HEARTBEAT, Tls.NONE);

    /** The options the worker manager (and a worker host, all but --executor) take for this. */
    public static final List<CliOption> OPTIONS = List.of(
            new CliOption("--executor", "KIND", "where attempts run: local (this process, default) or temporal (worker"
                    + " hosts polling a Temporal task queue); also executor: in config.yaml", "HARNESS_EXECUTOR"),
            new CliOption("--temporal-target", "HOST:PORT", "the Temporal frontend (default " + DEFAULT_TARGET + ")",
                    "HARNESS_TEMPORAL_TARGET"),
            new CliOption("--temporal-namespace", "NS", "the Temporal namespace (default " + DEFAULT_NAMESPACE + ")",
                    "HARNESS_TEMPORAL_NAMESPACE"),
            new CliOption("--task-queue", "QUEUE", "the task queue worker hosts poll (default " + DEFAULT_QUEUE + ")",
                    "HARNESS_TASK_QUEUE"),
            new CliOption("--git-remote", "URL", "the git remote hosts fetch bases from and push task branches to"
                    + " (temporal executor; default: the workspace repository's remote 'origin')", "HARNESS_GIT_REMOTE"),
            new CliOption("--temporal-heartbeat", "SECONDS", "a host silent this long has lost its task, which goes to"
                    + " another host (default 30)", "HARNESS_TEMPORAL_HEARTBEAT"),
            new CliOption("--temporal-tls-cert", "FILE", "client certificate (PEM) for mTLS, e.g. Temporal Cloud",
                    "HARNESS_TEMPORAL_TLS_CERT"),
            new CliOption("--temporal-tls-key", "FILE", "the client certificate's private key (PEM, PKCS#8)",
                    "HARNESS_TEMPORAL_TLS_KEY"),
            new CliOption("--temporal-tls-ca", "FILE", "CA certificate (PEM) the server's certificate is checked"
                    + " against (default: the JDK's trust store)", "HARNESS_TEMPORAL_TLS_CA"),
            new CliOption("--temporal-tls-server-name", "NAME", "the name the server's certificate carries, when"
                    + " it differs from the target's host", "HARNESS_TEMPORAL_TLS_SERVER_NAME"));

    /** The person's config file: config.yaml in the suite's config directory. */
    public static Path configFile(Map<String, String> env, Path home) {
        return UserSecretRules.configDir(env, home).resolve("config.yaml");
    }

    /** The settings from the options given (flags and their variables win) and the person's config file. */
    public static ExecutorSettings resolve(Map<String, String> options, Map<String, String> env, Path home)
            throws UsageException {
        Path file = configFile(env, home);
        Config config = read(file);
        Config.Temporal temporal = config.temporal() == null ? Config.Temporal.NONE : config.temporal();
        Config.Tls tlsConfig = temporal.tls() == null ? Config.Tls.NONE : temporal.tls();
        String source = file.toString();
        String kindText = pick(options, "--executor", config.executor());
        Kind kind = kindText == null ? Kind.LOCAL : Wire.find(Kind.class, kindText.strip())
                .orElseThrow(() -> new UsageException("--executor must be local or temporal, not '" + kindText + "'"));
        String target = Optional.ofNullable(pick(options, "--temporal-target", temporal.target())).orElse(DEFAULT_TARGET);
        if (!target.matches("[A-Za-z0-9._\\-\\[\\]:]+:[0-9]{1,5}")) {
            throw new UsageException("--temporal-target must be HOST:PORT, not '" + target + "'");
        }
        String namespace = Optional.ofNullable(pick(options, "--temporal-namespace", temporal.namespace()))
                .orElse(DEFAULT_NAMESPACE);
        String queue = Optional.ofNullable(pick(options, "--task-queue", temporal.taskQueue())).orElse(DEFAULT_QUEUE);
        if (namespace.isBlank() || queue.isBlank()) {
            throw new UsageException("--temporal-namespace and --task-queue must not be blank");
        }
        String remote = pick(options, "--git-remote", temporal.gitRemote());
        if (remote != null && (remote.isBlank() || remote.startsWith("-"))) {
            throw new UsageException("--git-remote must be a git URL or path, not '" + remote + "'");
        }
        String beat = pick(options, "--temporal-heartbeat", temporal.heartbeatSeconds());
        Duration heartbeat = DEFAULT_HEARTBEAT;
        if (beat != null) {
            try {
                heartbeat = Duration.ofSeconds(Long.parseLong(beat.strip()));
                if (heartbeat.isNegative() || heartbeat.isZero()) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new UsageException("--temporal-heartbeat needs a positive number of seconds, not '" + beat + "'");
            }
        }
        Tls tls = new Tls(file(options, "--temporal-tls-cert", tlsConfig.cert(), home),
                file(options, "--temporal-tls-key", tlsConfig.key(), home),
                file(options, "--temporal-tls-ca", tlsConfig.ca(), home),
                pick(options, "--temporal-tls-server-name", tlsConfig.serverName()));
        if ((tls.cert() == null) != (tls.key() == null)) {
            throw new UsageException("--temporal-tls-cert and --temporal-tls-key go together (" + source + ")");
        }
        return new ExecutorSettings(kind, target, namespace, queue, remote, heartbeat, tls);
    }

    /**
     * The executor's part of config.yaml. A scalar reads as its text (heartbeat_seconds: 30 is "30");
     * a list or a section where a value belongs is refused, naming the file.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Config(String executor, Temporal temporal) {
        static final Config NONE = new Config(null, null);

        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        record Temporal(String target, String namespace, String taskQueue, String gitRemote, String heartbeatSeconds,
                        Tls tls) {
            static final Temporal NONE = new Temporal(null, null, null, null, null, null);
        }

        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        record Tls(String cert, String key, String ca, String serverName) {
            static final Tls NONE = new Tls(null, null, null, null);
        }
    }

    private static Config read(Path file) throws UsageException {
        if (!Files.isRegularFile(file)) {
            return Config.NONE;
        }
        JsonNode node;
        try {
            node = YamlReader.read(file);
        } catch (YamlReader.YamlException e) {
            throw new UsageException(file + ":" + e.line() + ": " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            return Config.NONE;
        }
        try {
            return Json.convert(node, Config.class);
        } catch (IllegalArgumentException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new UsageException(file + ": the executor settings do not read: "
                    + String.valueOf(cause.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private static String pick(Map<String, String> options, String flag, String fromConfig) {
        String given = options.get(flag);
        return given != null ? given : fromConfig;
    }

    private static Path file(Map<String, String> options, String flag, String fromConfig, Path home)
            throws UsageException {
        String text = pick(options, flag, fromConfig);
        if (text == null) {
            return null;
        }
        Path path = text.startsWith("~/") ? home.resolve(text.substring(2)) : Path.of(text);
        if (!Files.isReadable(path)) {
            throw new UsageException(flag + ": " + path + " cannot be read");
        }
        return path;
    }

    public boolean isTemporal() {
        return kind == Kind.TEMPORAL;
    }

    /** For a log line: where tasks go, never a secret (file names only). */
    public String describe() {
        return isTemporal() ? "temporal " + describeQueue() : "local";
    }

    /** The task queue and where it is: what a worker host polls. */
    public String describeQueue() {
        return "task queue " + taskQueue + " at " + target + ", namespace " + namespace + (tls.enabled() ? " (TLS)" : "");
    }
}
