package dev.harness.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.JsonRpc;
import dev.harness.protocol.RpcException;
import dev.harness.protocol.testkit.Pipe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session against scripted peers over in-memory pipes, well-behaved and not. */
class ClientSessionTest {
    private final Pipe toPeer = new Pipe();
    private final Pipe fromPeer = new Pipe();
    private final BufferedReader peerIn = new BufferedReader(new InputStreamReader(toPeer.in(), StandardCharsets.UTF_8));
    private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    private ClientSession session;

    private ClientSession open(ClientSession.Options options) {
        session = ClientSession.open(new StreamTransport("peer", fromPeer.in(), toPeer.out(), 1024 * 1024),
                options.notifications(notifications::add));
        return session;
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    /** The peer's side: read what the client sent, write raw lines back. */
    private JsonNode peerReads() throws Exception {
        return Json.parse(peerIn.readLine());
    }

    private void peerWrites(String line) throws IOException {
        fromPeer.out().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private Thread peer(ThrowingRunnable script) {
        Thread t = new Thread(() -> {
            try {
                script.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "peer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void matchesResponsesByIdAndDeliversNotificationsInOrder() throws Exception {
        open(ClientSession.Options.defaults());
        peer(() -> {
            JsonNode first = peerReads();
            JsonNode second = peerReads();
            assertThat(first.get("jsonrpc").asText()).isEqualTo("2.0");
            peerWrites("{\"jsonrpc\":\"2.0\",\"method\":\"tick\",\"params\":{\"i\":0}}");
            peerWrites("{\"jsonrpc\":\"2.0\",\"method\":\"tick\",\"params\":{\"i\":1}}");
            // answered out of order
            peerWrites("{\"jsonrpc\":\"2.0\",\"id\":" + second.get("id") + ",\"result\":\"second\"}");
            peerWrites("{\"jsonrpc\":\"2.0\",\"id\":" + first.get("id") + ",\"result\":\"first\"}");
        });
        var first = session.send("a", Json.object());
        var second = session.send("b", Json.object());
        assertThat(first.get(10, TimeUnit.SECONDS).get("result").asText()).isEqualTo("first");
        assertThat(second.get(10, TimeUnit.SECONDS).get("result").asText()).isEqualTo("second");
        assertThat(notifications).extracting(n -> n.at("/params/i").asInt()).containsExactly(0, 1);
    }

    @Test
    void answersThePeersPingAndRefusesUnknownRequests() throws Exception {
        open(ClientSession.Options.defaults());
        peerWrites("{\"jsonrpc\":\"2.0\",\"id\":\"p1\",\"method\":\"ping\"}");
        JsonNode pong = peerReads();
        assertThat(pong.get("id").asText()).isEqualTo("p1");
        assertThat(pong.get("result")).isEqualTo(Json.object());
        peerWrites("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"sampling/createMessage\",\"params\":{}}");
        JsonNode refused = peerReads();
        assertThat(refused.get("id").asInt()).isEqualTo(5);
        assertThat(refused.at("/error/code").asInt()).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
        session.onRequest("roots/list", params -> Json.object().set("roots", Json.array()));
        peerWrites("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"roots/list\"}");
        assertThat(peerReads().at("/result/roots").isArray()).isTrue();
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void aDomainErrorCarriesItsDeclaredName() throws Exception {
        open(ClientSession.Options.defaults().errorNames(code -> code == -32022 ? Optional.of("trust_denied") : Optional.empty()));
        peer(() -> {
            JsonNode request = peerReads();
            peerWrites("{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"error\":{\"code\":-32022,\"message\":\"denied\",\"data\":{\"path\":\"/x\"}}}");
        });
        RpcException error = catchThrowableOfType(RpcException.class, () -> session.call("spawn", Json.object(), Duration.ofSeconds(10)));
        assertThat(error.is("trust_denied")).isTrue();
        assertThat(error.code()).isEqualTo(-32022);
        assertThat(error.data().get("path").asText()).isEqualTo("/x");
    }

    @Test
    void aGarbageLineEndsAStrictSessionAndIsSkippedByALenientOne() throws Exception {
        open(ClientSession.Options.defaults());
        peer(() -> {
            peerReads();
            peerWrites("this is not json");
        });
        Throwable failure = catchThrowable(() -> session.call("a", Json.object(), Duration.ofSeconds(30)));
        assertThat(failure).isInstanceOf(SessionFailure.class).hasMessageContaining("not JSON");
        assertThat(session.isOpen()).isFalse();
        assertThat(catchThrowable(() -> session.call("b", Json.object(), Duration.ofSeconds(1)))).isInstanceOf(SessionFailure.class);
    }

    @Test
    void aLenientSessionSkipsGarbageAndGoesOn() throws Exception {
        open(ClientSession.Options.defaults().strict(false));
        peer(() -> {
            JsonNode request = peerReads();
            peerWrites("server log line on stdout");
            peerWrites("[1,2]");
            peerWrites("{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":{}}");
            peerWrites("{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":\"ok\"}");
        });
        assertThat(session.call("a", Json.object(), Duration.ofSeconds(30)).asText()).isEqualTo("ok");
    }

    @Test
    void anAnswerToAnIdNeverSentEndsTheSession() throws Exception {
        open(ClientSession.Options.defaults());
        peer(() -> {
            peerReads();
            peerWrites("{\"jsonrpc\":\"2.0\",\"id\":12345,\"result\":{}}");
        });
        assertThat(catchThrowable(() -> session.call("a", Json.object(), Duration.ofSeconds(30))))
                .isInstanceOf(SessionFailure.class).hasMessageContaining("never sent");
    }

    @Test
    void aLateAnswerAfterTheCallerGaveUpIsNotAViolation() throws Exception {
        open(ClientSession.Options.defaults());
        assertThat(catchThrowable(() -> session.call("slow", Json.object(), Duration.ofMillis(50)))).isInstanceOf(TimeoutException.class);
        JsonNode slow = peerReads();
        peerWrites("{\"jsonrpc\":\"2.0\",\"id\":" + slow.get("id") + ",\"result\":\"late\"}");
        peer(() -> {
            JsonNode next = peerReads();
            peerWrites("{\"jsonrpc\":\"2.0\",\"id\":" + next.get("id") + ",\"result\":\"next\"}");
        });
        assertThat(session.call("next", Json.object(), Duration.ofSeconds(30)).asText()).isEqualTo("next");
    }

    @Test
    void aGigabyteLineCostsNoMemoryAndEndsAStrictSession() throws Exception {
        long size = 1L << 30;
        InputStream huge = new Generated(size, "\n{\"jsonrpc\":\"2.0\",\"method\":\"after\",\"params\":{}}\n");
        session = ClientSession.open(new StreamTransport("huge", huge, OutputStream.nullOutputStream(), 1024 * 1024),
                ClientSession.Options.defaults().notifications(notifications::add));
        BlockingQueue<String> ended = new LinkedBlockingQueue<>();
        waitForFailure(ended);
        assertThat(ended.poll(60, TimeUnit.SECONDS)).contains("over the limit of 1048576");
        assertThat(notifications).isEmpty();
    }

    @Test
    void aLenientSessionSkipsAGigabyteLineAndReadsOn() throws Exception {
        InputStream huge = new Generated(1L << 30, "\n{\"jsonrpc\":\"2.0\",\"method\":\"after\",\"params\":{}}\n");
        session = ClientSession.open(new StreamTransport("huge", huge, OutputStream.nullOutputStream(), 1024 * 1024),
                ClientSession.Options.defaults().strict(false).notifications(notifications::add));
        BlockingQueue<String> ended = new LinkedBlockingQueue<>();
        waitForFailure(ended);
        assertThat(ended.poll(60, TimeUnit.SECONDS)).contains("closed its output");
        assertThat(notifications).extracting(n -> n.get("method").asText()).containsExactly("after");
    }

    @Test
    void aPeerFloodingNotificationsWithoutAnsweringTimesTheCallOutAndCloses() throws Exception {
        String tick = "{\"jsonrpc\":\"2.0\",\"method\":\"tick\",\"params\":{}}\n";
        Generated flood = new Generated(Long.MAX_VALUE, "", tick);
        java.util.concurrent.CountDownLatch tenDelivered = new java.util.concurrent.CountDownLatch(10);
        session = ClientSession.open(new StreamTransport("flood", flood, OutputStream.nullOutputStream(), 1024 * 1024),
                ClientSession.Options.defaults().notifications(n -> tenDelivered.countDown()));
        assertThat(catchThrowable(() -> session.call("a", Json.object(), Duration.ofMillis(300)))).isInstanceOf(TimeoutException.class);
        assertThat(tenDelivered.await(60, TimeUnit.SECONDS)).as("the flood is read and delivered").isTrue();
        assertThat(session.isOpen()).isTrue();
        session.close();
        assertThat(flood.closed).isTrue();
    }

    @Test
    void aPeerThatStopsReadingFailsTheWriteAtItsDeadline() throws Exception {
        Pipe neverRead = new Pipe(1024);
        session = ClientSession.open(new StreamTransport("deaf", fromPeer.in(), neverRead.out(), 1024 * 1024),
                ClientSession.Options.defaults().writeDeadline(Duration.ofMillis(300)));
        ObjectNode big = Json.object().put("text", "x".repeat(100_000));
        Throwable failure = catchThrowable(() -> session.call("a", big, Duration.ofSeconds(60)));
        assertThat(failure).isInstanceOf(SessionFailure.class).hasMessageContaining("did not read its input within 300 ms");
        assertThat(session.isOpen()).isFalse();
    }

    @Test
    void thePeerClosingItsOutputFailsPendingCalls() throws Exception {
        open(ClientSession.Options.defaults());
        peer(() -> {
            peerReads();
            fromPeer.out().close();
        });
        assertThat(catchThrowable(() -> session.call("a", Json.object(), Duration.ofSeconds(30))))
                .isInstanceOf(SessionFailure.class).hasMessageContaining("closed its output");
    }

    private void waitForFailure(BlockingQueue<String> ended) {
        Thread watcher = new Thread(() -> {
            while (session.isOpen()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
            ended.add(session.failure().orElse(""));
        });
        watcher.setDaemon(true);
        watcher.start();
    }

    /** {@code size} bytes of 'x', then {@code tail}, then {@code repeat} for ever (or EOF when empty); honours close. */
    static final class Generated extends InputStream {
        private final byte[] tail;
        private final byte[] repeat;
        private long left;
        private int tailPos;
        private int repeatPos;
        volatile boolean closed;

        Generated(long size, String tail) {
            this(size, tail, "");
        }

        Generated(long size, String tail, String repeat) {
            this.left = repeat.isEmpty() ? size : 0;
            this.tail = tail.getBytes(StandardCharsets.UTF_8);
            this.repeat = repeat.getBytes(StandardCharsets.UTF_8);
            if (!repeat.isEmpty() && size != Long.MAX_VALUE) {
                this.left = size;
            }
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (closed) {
                return -1;
            }
            if (left > 0) {
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
            if (tailPos < tail.length) {
                int n = Math.min(len, tail.length - tailPos);
                System.arraycopy(tail, tailPos, b, off, n);
                tailPos += n;
                return n;
            }
            if (repeat.length == 0) {
                return -1;
            }
            int n = 0;
            while (n < len) {
                b[off + n++] = repeat[repeatPos];
                repeatPos = (repeatPos + 1) % repeat.length;
            }
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
