package dev.harness.orchestrator.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.harness.protocol.secrets.Redactor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request whose handler fails — with an exception or a JVM Error — gets a 500 that tells nothing
 * of the failure, and the server answers the next request. Without the containment a
 * StackOverflowError or OutOfMemoryError left the connection open with no answer (the client's
 * timeout below is only the bound that turns such a hang into a failure).
 */
class ContainedHandlerTest {
    private static final String SECRET = "hunter2-secret-value";

    private HttpServer server;
    private ExecutorService pool;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        pool = Executors.newSingleThreadExecutor(); // one thread: a failure must not cost the server it
        server.setExecutor(pool);
        server.createContext("/", new ContainedHandler(ContainedHandlerTest::route,
                Redactor.builtIn().withValues(List.of(SECRET))));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    private static void route(HttpExchange ex) throws IOException {
        switch (ex.getRequestURI().getPath()) {
            case "/deep" -> deeper(0); // a real StackOverflowError
            case "/huge" -> ex.getResponseHeaders().set("X-Size", String.valueOf(new long[Integer.MAX_VALUE].length)); // OutOfMemoryError
            case "/boom" -> throw new IllegalStateException("cannot read /home/p/.secret with " + SECRET);
            case "/assert" -> throw new AssertionError("an internal invariant with " + SECRET);
            default -> {
                byte[] body = "fine\n".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        }
    }

    private static int deeper(int depth) {
        return deeper(depth + 1) + 1;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/deep", "/huge", "/boom", "/assert"})
    void aFailingRequestIsAnswered500WithoutItsInternalsAndTheServerKeepsServing(String path) throws Exception {
        for (int round = 0; round < 3; round++) { // again and again: nothing is used up by a failure
            HttpResponse<String> failed = get(path);
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.body()).startsWith("Internal error (incident ").contains("the dashboard keeps serving")
                    .doesNotContain(SECRET, "Error", "Exception", "/home/p", "dev.harness", "\tat ");

            HttpResponse<String> next = get("/ok");
            assertThat(next.statusCode()).isEqualTo(200);
            assertThat(next.body()).isEqualTo("fine\n");
        }
    }

    @Test
    void anAnswerThatHadBegunIsCutShortRatherThanLeftHanging() throws Exception {
        String path = "/partial";
        server.removeContext("/");
        server.createContext("/", new ContainedHandler(ex -> {
            if (ex.getRequestURI().getPath().equals(path)) {
                ex.sendResponseHeaders(200, 0); // chunked: the client knows the end only when it is sent
                ex.getResponseBody().write("half of it".getBytes(StandardCharsets.UTF_8));
                ex.getResponseBody().flush();
                deeper(0);
            }
            route(ex);
        }, Redactor.builtIn()));
        assertThatThrownBy(() -> get(path)).isInstanceOf(IOException.class);
        assertThat(get("/ok").body()).isEqualTo("fine\n");
    }
}
