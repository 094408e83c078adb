package dev.harness.orchestrator.attention;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.harness.protocol.Log;
import dev.harness.protocol.secrets.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * One request's failure stays that request's: whatever a handler throws — an exception, or a JVM
 * {@link Error} such as a {@link StackOverflowError} or an {@link OutOfMemoryError} — is answered
 * 500 with an incident id and nothing of the failure's text, logged (masked) on the server's
 * stderr under that id; an answer already begun is cut short. Without it the JDK server rethrows
 * an Error on its dispatch thread and leaves the connection open, so the browser waits forever.
 */
final class ContainedHandler implements HttpHandler {
    private final HttpHandler inner;
    private final Redactor redactor;
    private final SecureRandom random = new SecureRandom();

    ContainedHandler(HttpHandler inner, Redactor redactor) {
        this.inner = inner;
        this.redactor = redactor;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            inner.handle(ex);
        } catch (RuntimeException | Error e) {
            String incident = HexFormat.of().formatHex(bytes());
            // the first line of the failure only: a StackOverflowError's stack is thousands of frames
            Log.warn("dashboard: " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " failed (incident "
                    + incident + "): " + redactor.redact(e.getClass().getName() + ": " + e.getMessage()));
            if (ex.getResponseCode() != -1) {
                // the answer had begun: closing the exchange would end it as if complete; the server drops
                // the connection on an IOException instead, so the client sees it cut short
                throw new IOException("dashboard incident " + incident + ": the answer was cut short");
            }
            byte[] body = ("Internal error (incident " + incident + "): this request failed; the dashboard keeps serving."
                    + " The server's log names the incident.\n").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            ex.sendResponseHeaders(500, body.length);
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    private byte[] bytes() {
        byte[] id = new byte[4];
        random.nextBytes(id);
        return id;
    }
}
