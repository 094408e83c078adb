package dev.harness.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service hosted in this JVM is driven exactly as its executable: the same wire, its own log, the process calls. */
class HostedProcessTest {
    private static final Duration CALL = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void answersValidatesAndNotifiesAsTheExecutableDoesAndExitsZeroAtEof() throws Exception {
        List<JsonNode> ticks = new CopyOnWriteArrayList<>();
        HostedProcess process = HostedProcess.start(new EchoService(), List.of(), tmp.resolve("echo.log"));
        RpcClient client = RpcClient.attach("test-echo", process, ticks::add);

        assertThat(client.call("echo", Json.object().put("text", "héllo"), CALL).get("text").asText()).isEqualTo("héllo");
        assertThat(client.call("count", Json.object().put("n", 3), CALL).asInt()).isEqualTo(3);
        assertThat(ticks).extracting(t -> t.at("/params/i").asInt()).containsExactly(0, 1, 2);
        // the contract is enforced on the pipe as on a child's stdin
        Throwable invalid = catchThrowable(() -> client.call("count", Json.object().put("n", 1000), CALL));
        assertThat(invalid).isInstanceOf(RpcException.class);
        assertThat(((RpcException) invalid).code()).isEqualTo(JsonRpc.INVALID_PARAMS);
        Throwable refused = catchThrowable(() -> client.call("refuse", Json.object(), CALL));
        assertThat(((RpcException) refused).is("refused")).isTrue();

        assertThat(client.shutdown(Duration.ofSeconds(30))).isZero();
        assertThat(process.isAlive()).isFalse();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void itsDiagnosticsGoToItsOwnLogUnderItsName() throws Exception {
        Path log = tmp.resolve("echo.log");
        HostedProcess process = HostedProcess.start(new EchoService(), List.of(), log);
        RpcClient client = RpcClient.attach("test-echo", process, n -> { });

        Throwable crash = catchThrowable(() -> client.call("crash", Json.object(), CALL));
        assertThat(((RpcException) crash).code()).isEqualTo(JsonRpc.INTERNAL_ERROR);
        assertThat(client.shutdown(Duration.ofSeconds(30))).isZero();

        String written = Files.readString(log);
        assertThat(written).contains("test-echo error").contains("secret internal detail");
    }

    @Test
    void aBadOptionExitsTwoAndSaysSoInItsLogAsOnTheCommandLine() throws Exception {
        Path log = tmp.resolve("echo.log");
        HostedProcess process = HostedProcess.start(new EchoService(), List.of("--no-such-option"), log);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ServiceLauncher.EXIT_USAGE);
        assertThat(Files.readString(log)).contains("test-echo: unknown option '--no-such-option'");
    }

    @Test
    void aKillEndsItAtOnceAndFailsWhatWasWaitingOnIt() throws Exception {
        HostedProcess process = HostedProcess.start(new EchoService(), List.of(), tmp.resolve("echo.log"));
        RpcClient client = RpcClient.attach("test-echo", process, n -> { });
        assertThat(client.call("echo", Json.object().put("text", "up"), CALL).get("text").asText()).isEqualTo("up");
        CompletableFuture<JsonNode> waiting = client.send("wait", Json.object().put("ms", 60_000));

        process.destroyForcibly();

        assertThat(process.isAlive()).isFalse();
        assertThat(process.exitValue()).isEqualTo(HostedProcess.KILLED);
        Throwable failed = catchThrowable(() -> waiting.get(60, TimeUnit.SECONDS));
        assertThat(failed).isInstanceOf(ExecutionException.class);
        assertThat(client.isAlive()).isFalse();
        client.shutdown(Duration.ofSeconds(1));
    }

    @Test
    void threadsAServiceStartsLogToItsChannelAndOthersDoNot() throws Exception {
        ByteArrayOutputStream hosted = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(hosted, true, StandardCharsets.UTF_8);
        CompletableFuture<Log.Channel> seenByChild = new CompletableFuture<>();
        Thread service = new Thread(() -> {
            Log.useChannel(new Log.Channel("hosted-one", stream));
            Thread started = new Thread(() -> {
                Log.warn("from a thread it started");
                seenByChild.complete(Log.current());
            });
            started.start();
            try {
                started.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        service.start();
        service.join();

        assertThat(hosted.toString(StandardCharsets.UTF_8)).contains("hosted-one warn: from a thread it started");
        assertThat(Log.current()).isNotSameAs(seenByChild.get());
    }
}
