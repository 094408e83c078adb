package dev.harness.worker.temporal;

import dev.harness.protocol.Log;
import dev.harness.protocol.UsageException;
import dev.harness.worker.remote.ExecutorSettings;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A connection to the Temporal frontend the settings name: plain on a trusted network, mTLS with
 * the given certificate (Temporal Cloud, or a self-hosted cluster with TLS), or TLS with an API key
 * from TEMPORAL_API_KEY. Checked at once, so a wrong target is a clear start-up error.
 */
final class TemporalConnection {
    static final String API_KEY_VARIABLE = "TEMPORAL_API_KEY";

    private TemporalConnection() {}

    /** Connected stubs; {@code patience}: how long a frontend that does not answer is tried again. */
    static WorkflowServiceStubs stubs(ExecutorSettings settings, Map<String, String> env, Duration patience)
            throws UsageException {
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(settings.target());
        ExecutorSettings.Tls tls = settings.tls();
        String apiKey = env.get(API_KEY_VARIABLE);
        if (tls.enabled()) {
            try {
                SslContextBuilder ssl = GrpcSslContexts.forClient();
                if (tls.cert() != null) {
                    ssl.keyManager(tls.cert().toFile(), tls.key().toFile());
                }
                if (tls.ca() != null) {
                    ssl.trustManager(tls.ca().toFile());
                }
                options.setSslContext(ssl.build());
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException("the Temporal TLS files cannot be used: " + e.getMessage());
            }
        } else if (apiKey != null && !apiKey.isBlank()) {
            options.setEnableHttps(true);
        }
        if (apiKey != null && !apiKey.isBlank()) {
            options.addApiKey(() -> apiKey);
        }
        if (tls.serverName() != null) {
            options.setChannelInitializer(channel -> channel.overrideAuthority(tls.serverName()));
        }
        WorkflowServiceStubsOptions built = options.build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return WorkflowServiceStubs.newConnectedServiceStubs(built, Duration.ofSeconds(15));
            } catch (RuntimeException e) {
                Optional<javax.net.ssl.SSLException> tlsFailure = cause(e, javax.net.ssl.SSLException.class);
                if (tlsFailure.isPresent()) {
                    // a certificate that is not trusted (or a server that speaks no TLS) will not be so on the next try;
                    // the innermost reason says which (the TLS engine's own message is often "General ... problem")
                    Throwable reason = tlsFailure.get();
                    while (reason.getCause() != null && reason.getCause() != reason) {
                        reason = reason.getCause();
                    }
                    throw new UsageException("cannot reach the Temporal frontend at " + settings.target() + " over TLS: "
                            + reason.getMessage() + (tls.ca() != null ? "; is its certificate issued by the CA in "
                            + tls.ca() + " (--temporal-tls-ca)" + (tls.serverName() == null ? "" : " for the name "
                            + tls.serverName()) + "?" : "; its certificate is checked against the JDK's trust store: give"
                            + " the CA that issued it with --temporal-tls-ca"));
                }
                // a frontend that is starting, or a busy machine's first call: tried again until patience runs out
                if (System.nanoTime() > deadline) {
                    throw new UsageException("cannot reach the Temporal frontend at " + settings.target() + ": " + e.getMessage());
                }
                Log.warn("the Temporal frontend at " + settings.target() + " does not answer yet (" + e.getMessage()
                        + "); trying again");
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new UsageException("interrupted while connecting to " + settings.target());
                }
            }
        }
    }

    /** The first cause of this type in the chain (gRPC wraps a handshake failure in a status exception). */
    private static <T extends Throwable> Optional<T> cause(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    static WorkflowClient client(WorkflowServiceStubs stubs, ExecutorSettings settings, String identity) {
        return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
                .setNamespace(settings.namespace()).setIdentity(identity).build());
    }

    /** HOST:PID, what Temporal records as the identity of a client or worker. */
    static String identity(String role) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return role + "@" + host + ":" + ProcessHandle.current().pid();
    }
}
