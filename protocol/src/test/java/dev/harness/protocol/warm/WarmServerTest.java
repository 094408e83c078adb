package dev.harness.protocol.warm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harness.protocol.EchoService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm server's wire, spoken as bin/harness-warm speaks it: a session's streams and exit code,
 * the session's own environment and directory, and the build check that sends another build's
 * client back to a cold start.
 */
class WarmServerTest {
    @TempDir
    Path dir;

    private WarmServer server;
    private CompletableFuture<Void> serving;
    private Path jar;
    private Path state;
    private final AtomicReference<Map<String, String>> seenEnv = new AtomicReference<>();
    private final AtomicReference<Path> seenDir = new AtomicReference<>();

    private void start() throws IOException {
        jar = Files.writeString(dir.resolve("service.jar"), "the build");
        Path runtime = Files.createDirectories(dir.resolve("run"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        state = runtime.resolve("warm").resolve("test-echo");
        server = new WarmServer((env, directory) -> {
            seenEnv.set(env);
            seenDir.set(directory);
            return new EchoService();
        }, state, jar, Duration.ofMinutes(10));
        server.publish();
        serving = CompletableFuture.runAsync(server::serve);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop("test over");
        }
    }

    private String token() throws IOException {
        return Files.readAllLines(state).get(1);
    }

    private Socket connect(String... fields) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        StringBuilder hello = new StringBuilder();
        for (String field : fields) {
            hello.append(field).append('\0');
        }
        socket.getOutputStream().write(hello.toString().getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return socket;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSessionRunsInItsClientsEnvironmentAndDirectoryOnItsOwnStreams() throws Exception {
        start();
        Path cwd = Files.createDirectories(dir.resolve("client"));
        try (Socket control = connect(token(), "control", cwd.toString(), "1", "--quiet", "LANG=C", "HARNESS_X=a=b", "")) {
            String ok = line(control.getInputStream());
            assertThat(ok).startsWith("ok ");
            String id = ok.substring(3);
            try (Socket in = connect(token(), "stdin", id); Socket out = connect(token(), "stdout", id);
                 Socket err = connect(token(), "stderr", id)) {
                in.getOutputStream().write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"text\":\"hi\"}}\n{x\n"
                        .getBytes(StandardCharsets.UTF_8));
                in.close(); // the client's EOF: a close, not a half-close
                String stdout = new String(out.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(stdout.lines().toList()).hasSize(2);
                assertThat(stdout).contains("\"text\":\"hi\"").contains("-32700");
                assertThat(err.getInputStream().readAllBytes()).isEmpty(); // --quiet reached the session
                assertThat(line(control.getInputStream())).isEqualTo("exit 0");
            }
        }
        assertThat(seenEnv.get()).isEqualTo(Map.of("LANG", "C", "HARNESS_X", "a=b"));
        assertThat(seenDir.get()).isEqualTo(cwd.toRealPath());
    }

    @Test
    void aStreamForAnotherSessionOrWithoutTheTokenIsRefused() throws Exception {
        start();
        for (List<String> hello : List.of(List.of("0".repeat(64), "control"), List.of(token(), "stdout", "no-such-session"),
                List.of(token(), "control", "relative/dir", "0", ""))) {
            try (Socket socket = connect(hello.toArray(String[]::new))) {
                socket.shutdownOutput();
                assertThat(socket.getInputStream().read()).as(hello.get(1)).isEqualTo(-1);
            }
        }
    }

    @Test
    void anotherBuildsClientIsSentToAColdStartAndTheServerStops() throws Exception {
        start();
        Files.writeString(jar, "another build, another size");
        try (Socket control = connect(token(), "control", dir.toString(), "0", "")) {
            assertThat(line(control.getInputStream())).isEqualTo("no the build changed");
        }
        serving.get(60, TimeUnit.SECONDS); // it stops itself: its classes are the old build's
        assertThat(state).doesNotExist();
    }

    @Test
    void aStateDirectoryOthersCanEnterIsRefused() throws Exception {
        jar = Files.writeString(dir.resolve("service.jar"), "the build");
        Path open = Files.createDirectories(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        WarmServer exposed = new WarmServer((env, directory) -> new EchoService(), open.resolve("state"), jar, Duration.ofMinutes(1));
        assertThatThrownBy(exposed::publish).hasMessageContaining("mode 0700");
        assertThat(open.resolve("state")).doesNotExist();
        exposed.stop("test over");
    }
}
