package dev.harness.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.UsageException;
import dev.harness.worker.attempt.HostRunner;
import dev.harness.worker.remote.ExecutorSettings;
import dev.harness.worker.remote.RemoteExecutor;
import dev.harness.worker.remote.RemoteResult;
import dev.harness.worker.remote.RemoteTask;
import dev.harness.worker.trust.TrustPolicy;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The --temporal-tls-* settings for real: the Temporal test server on a loopback port behind a
 * TLS-terminating proxy (a JDK SSLServerSocket with certificates keytool makes at test time, ALPN
 * h2). A worker manager and a worker host connect through it with the CA file (and a client
 * certificate the proxy requires) and an attempt runs end to end; with a wrong CA the connection
 * fails at once with an error that says so. TEMPORAL_API_KEY reaches the server as a bearer token
 * and is never written to the log.
 */
class TemporalTlsTest {
    private static final char[] PASSWORD = "test-only".toCharArray();
    private static final String QUEUE = "tls-queue";
    private static final String API_KEY = "tk-test-3f9c2e7a-not-to-be-logged";

    /** The certificates, made once for the class (keytool is a JVM start each). */
    @TempDir
    static Path certs;
    @TempDir
    Path dir;
    private TestServicesStarter services;
    private Server server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        for (String name : List.of("frontend", "client", "someone-else")) {
            certificate(name);
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        services = new TestServicesStarter(true, 0); // real time, as a cluster
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        Metadata.Key<String> authorization = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
        builder.intercept(new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                String value = headers.get(authorization);
                if (value != null) {
                    authorizations.add(value);
                }
                return next.startCall(call, headers);
            }
        });
        server = builder.build().start();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        server.shutdownNow();
        server.awaitTermination(10, TimeUnit.SECONDS);
        services.close();
    }

    /** A self-signed certificate for localhost / 127.0.0.1 in NAME.p12, its certificate in NAME.pem. */
    private static Path certificate(String name) throws Exception {
        Path store = certs.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store.toString(), "-storepass", new String(PASSWORD),
                "-file", certs.resolve(name + ".pem").toString());
        return store;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    /** The key of NAME.p12 as the PEM (PKCS#8) file --temporal-tls-key takes. */
    private Path privateKeyPem(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certs.resolve(name + ".p12"))) {
            store.load(in, PASSWORD);
        }
        PrivateKey key = (PrivateKey) store.getKey(name, PASSWORD);
        Path pem = certs.resolve(name + "-key.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        return pem;
    }

    private TlsProxy proxy(Path serverStore, Path clientCertificate) throws Exception {
        TlsProxy proxy = new TlsProxy(serverStore, PASSWORD, clientCertificate, server.getPort());
        closing.add(proxy);
        return proxy;
    }

    private ExecutorSettings settings(int port, ExecutorSettings.Tls tls) {
        return new ExecutorSettings(ExecutorSettings.Kind.TEMPORAL, "127.0.0.1:" + port, "default", QUEUE, null,
                Duration.ofSeconds(10), tls);
    }

    @Test
    void aManagerAndAHostRunAnAttemptThroughTlsWithTheCaFileAndAClientCertificate() throws Exception {
        TlsProxy proxy = proxy(certs.resolve("frontend.p12"), certs.resolve("client.pem"));
        ExecutorSettings settings = settings(proxy.port(), new ExecutorSettings.Tls(certs.resolve("client.pem"),
                privateKeyPem("client"), certs.resolve("frontend.pem"), null));
        GitRemoteFixture git = new GitRemoteFixture(dir);
        Map<String, String> env = new HashMap<>(git.env);

        // the host: as WorkerHost connects and polls
        WorkflowServiceStubs hostStubs = TemporalConnection.stubs(settings, env, Duration.ofSeconds(30));
        closing.add(hostStubs::shutdownNow);
        WorkerFactory hostWorkers = WorkerFactory.newInstance(TemporalConnection.client(hostStubs, settings, "host-tls"));
        closing.add(hostWorkers::shutdownNow);
        Path state = Files.createDirectories(dir.resolve("host-tls"));
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "trusted_roots: ['" + state.resolve("hosts") + "']\n");
        hostWorkers.newWorker(QUEUE).registerActivitiesImplementations(new TaskActivityImpl(new HostRunner(
                new HostRunner.Host("host-tls", state, TrustPolicy.load(policy, dir.resolve("home")), Duration.ofSeconds(60)),
                git.env, Duration.ofMillis(500))));
        hostWorkers.start();
        // the worker manager: as --executor temporal connects
        RemoteExecutor executor = new TemporalExecutorFactory().connect(settings, env);
        closing.add(executor);

        ObjectNode packet = Json.object();
        packet.put("id", "t1");
        packet.put("title", "write the greeting");
        packet.put("objective", "write hello into greeting.txt");
        packet.put("scope", "workspace");
        packet.put("commit_policy", "commit");
        ArrayNode tests = packet.putArray("acceptance_tests");
        tests.add("grep -q hello greeting.txt");
        RemoteTask task = new RemoteTask("w-tls", "t1", "run-1", 1, git.remote.toString(), git.pushStart("w-tls"), git.head(),
                List.of(), "harness/run-1/t1", "", "", true, packet, "[\"sh\", \"-c\", \"echo hello > greeting.txt\"]", null,
                null, 60, null, new RemoteTask.RetryTerms(1, 1000, 2.0, List.of()), 10, null, null);
        List<String> kinds = new CopyOnWriteArrayList<>();

        RemoteResult result = executor.run(task, (kind, payload) -> kinds.add(kind));

        assertThat(result.outcome().succeeded()).as("proxy: %s", proxy.failures).isTrue();
        assertThat(result.host()).isEqualTo("host-tls");
        assertThat(kinds).contains("host_assigned", "acceptance_test_result");
        assertThat(git.git.run(git.remote, "rev-parse", "refs/heads/harness/run-1/t1").text()).isEqualTo(result.commit());
    }

    @Test
    void aServerCertificateTheCaFileDoesNotVouchForFailsAtOnceWithAClearError() throws Exception {
        TlsProxy proxy = proxy(certs.resolve("frontend.p12"), null);
        ExecutorSettings settings = settings(proxy.port(), new ExecutorSettings.Tls(null, null,
                certs.resolve("someone-else.pem"), null));
        Map<String, String> env = Map.of(TemporalConnection.API_KEY_VARIABLE, API_KEY);
        PrintStream before = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        UsageException refused;
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            // a long patience: a certificate that is not trusted is not tried again (it will not become trusted)
            refused = assertThrows(UsageException.class, () -> TemporalConnection.stubs(settings, env, Duration.ofMinutes(10)));
        } finally {
            System.setErr(before);
        }

        System.out.println("refused: " + refused.getMessage()); // for a person reading the test's output
        assertThat(refused.getMessage()).contains("127.0.0.1:" + proxy.port(), "over TLS", "certificate",
                certs.resolve("someone-else.pem").toString()).doesNotContain(API_KEY);
        assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain(API_KEY);
    }

    @Test
    void theApiKeyComesOnlyFromTemporalApiKeyReachesTheServerAsABearerTokenAndIsNeverLogged() throws Exception {
        TlsProxy proxy = proxy(certs.resolve("frontend.p12"), null);
        ExecutorSettings settings = settings(proxy.port(), new ExecutorSettings.Tls(null, null, certs.resolve("frontend.pem"), null));
        // no flag, no config key: a key on a command line would show in ps
        assertThat(ExecutorSettings.OPTIONS).noneMatch(o -> o.name().contains("key") && !o.name().equals("--temporal-tls-key"));
        PrintStream before = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            WorkflowServiceStubs stubs = TemporalConnection.stubs(settings, Map.of(TemporalConnection.API_KEY_VARIABLE, API_KEY),
                    Duration.ofSeconds(30));
            closing.add(stubs::shutdownNow);
            WorkflowClient client = TemporalConnection.client(stubs, settings, "manager-tls");
            client.getWorkflowServiceStubs().blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        } finally {
            System.setErr(before);
        }

        assertThat(authorizations).as("proxy: %s", proxy.failures).contains("Bearer " + API_KEY);
        assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain(API_KEY);
        assertThat(settings.describe()).doesNotContain(API_KEY);
    }
}
