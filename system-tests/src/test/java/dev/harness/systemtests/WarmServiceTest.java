package dev.harness.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The warm planning service (bin/planning-service --warm-start, issue 15) as a script meets it: the
 * real bin/ launcher handing sessions to a real server, each compared with a cold start of the same
 * executable for the same stdin, arguments, environment and working directory. Equal means
 * byte-identical once what differs between two cold starts too is masked (plan ids, created_at, the
 * times in log lines); a warm run must also be counted by the server, so a silent fall-back to cold
 * cannot pass.
 */
class WarmServiceTest {
    private static final Path HOME = Paths.get(System.getProperty("harness.home")).toAbsolutePath().normalize();
    private static final Path LAUNCHER = HOME.resolve("bin").resolve("planning-service");
    private static final Path JAR = HOME.resolve("planning-service/target/planning-service.jar");
    private static final Pattern SESSIONS = Pattern.compile(", (\\d+) sessions,");

    @TempDir
    static Path sandbox;
    static Path runtime;
    static Path stateFile;

    record Run(int exitCode, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void startServer() throws Exception {
        assertThat(JAR).as("planning-service is packaged (run the tests with `mvn verify`)").exists();
        runtime = Files.createDirectories(sandbox.resolve("run"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(sandbox.resolve("work/ws"));
        copy(HOME.resolve("examples/dashboard"), sandbox.resolve("work/ws"));
        Files.writeString(sandbox.resolve("work/planning.yaml"), "planner_command: [no-such-planner, --json]\n");
        Run started = launch(Map.of("HARNESS_WARM_IDLE", "900"), sandbox, new byte[0], "--warm-start");
        assertThat(started.exitCode()).as("--warm-start: " + started.stderr()).isZero();
        assertThat(started.out()).contains("warm server started");
        try (Stream<Path> files = Files.list(runtime.resolve("harness-warm"))) {
            stateFile = files.filter(f -> !f.toString().endsWith(".log")).findFirst().orElseThrow();
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (runtime != null) {
            Run stopped = launch(Map.of(), sandbox, new byte[0], "--warm-stop");
            assertThat(stopped.out()).contains("warm server stopped");
            assertThat(stateFile).doesNotExist();
        }
    }

    static Stream<Arguments> cases() {
        String discover = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc.discover\"}\n";
        String validate = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"validate\",\"params\":{\"packets\":[]}}\n";
        String decompose = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"decompose\",\"params\":{\"objective\":"
                + "\"add dark mode to the dashboard\",\"context\":{\"cwd\":\"ws\"}}}\n";
        String longLine = "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"validate\",\"params\":{\"packets\":[]},\"pad\":\""
                + "x".repeat(200) + "\"}\n";
        return Stream.of(
                Arguments.of("a valid request", discover, List.of(), Map.of()),
                Arguments.of("pipelined requests", discover + validate + validate.replace("\"id\":2", "\"id\":5"), List.of(), Map.of()),
                Arguments.of("a workspace relative to the client's cwd", decompose, List.of(), Map.of()),
                Arguments.of("malformed JSON", "{not json\n" + validate, List.of(), Map.of()),
                Arguments.of("bytes that are not UTF-8", "\u0000\n" + validate, List.of(), Map.of()),
                Arguments.of("an unknown method", "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"frobnicate\"}\n", List.of(), Map.of()),
                Arguments.of("an over-long line (--max-line-bytes)", longLine + validate, List.of("--max-line-bytes", "100"), Map.of()),
                Arguments.of("an over-long line (the client's environment)", longLine + validate, List.of(),
                        Map.of("HARNESS_MAX_LINE_BYTES", "100")),
                Arguments.of("no trailing newline", validate.strip(), List.of(), Map.of()),
                Arguments.of("empty stdin", "", List.of(), Map.of()),
                Arguments.of("a relative --config (logs on stderr)", validate, List.of("--config", "planning.yaml"), Map.of()),
                Arguments.of("a missing --config (exit 2)", validate, List.of("--config", "missing.yaml"), Map.of()),
                Arguments.of("an unknown option (exit 2)", validate, List.of("--bogus"), Map.of()),
                Arguments.of("--version", "", List.of("--version"), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aWarmSessionAnswersAsAColdStart(String name, String stdin, List<String> args, Map<String, String> env) throws Exception {
        byte[] input = stdin.replace("\u0000", "\u00ff").getBytes(StandardCharsets.ISO_8859_1);
        Path cwd = sandbox.resolve("work");
        Map<String, String> coldEnv = new HashMap<>(env);
        coldEnv.put("HARNESS_WARM", "0");
        Run cold = launch(coldEnv, cwd, input, args.toArray(String[]::new));
        int before = sessions();
        Run warm = launch(env, cwd, input, args.toArray(String[]::new));
        assertThat(sessions()).as("the warm server served it").isEqualTo(before + 1);
        assertThat(warm.exitCode()).as("exit code").isEqualTo(cold.exitCode());
        assertThat(masked(warm.out())).as("stdout").isEqualTo(masked(cold.out()));
        assertThat(maskedLog(warm.stderr())).as("stderr").isEqualTo(maskedLog(cold.stderr()));
    }

    @Test
    void theTokenIsTheUsersAloneAndAnythingWithoutItIsRefusedAndLogged() throws Exception {
        assertThat(Files.getPosixFilePermissions(stateFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(stateFile.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        List<String> state = Files.readAllLines(stateFile);
        int port = Integer.parseInt(state.get(0));
        String token = state.get(1);
        String wrong = (token.charAt(0) == 'a' ? "b" : "a") + token.substring(1);
        int before = sessions();
        for (String hello : List.of(wrong + "\0control\0/\0" + "0\0\0", "\0stdin\0", "no separator at all", token + "\0shell\0")) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.getOutputStream().write(hello.getBytes(StandardCharsets.UTF_8));
                socket.shutdownOutput(); // a hello that ends without its fields is refused at once
                assertThat(socket.getInputStream().read()).as("nothing is answered to " + hello.length() + " bytes").isEqualTo(-1);
            }
        }
        String log = Files.readString(Path.of(stateFile + ".log"));
        assertThat(log).contains("refused a connection without the server's token").contains("refused a connection with an unknown role")
                .doesNotContain(token);
        assertThat(sessions()).isEqualTo(before);
        Run after = launch(Map.of(), sandbox, "{\"id\":1,\"method\":\"rpc.discover\"}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(after.exitCode()).isZero();
        assertThat(sessions()).as("it goes on serving").isEqualTo(before + 1);
    }

    /** A state file that names no live server of this build: the session starts cold, and says nothing of it. */
    @Test
    void aStaleOrAnotherBuildsServerIsNeverUsed() throws Exception {
        byte[] request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"validate\",\"params\":{\"packets\":[]}}\n".getBytes(StandardCharsets.UTF_8);
        Run cold = launch(Map.of("HARNESS_WARM", "0"), sandbox, request);
        List<String> live = Files.readAllLines(stateFile);
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        long ourPid = ProcessHandle.current().pid();
        Map<String, String> states = Map.of(
                "its process is gone", closedPort + "\n" + live.get(1) + "\n" + finished.pid() + "\n",
                "its port is closed", closedPort + "\n" + live.get(1) + "\n" + ourPid + "\n",
                "the jar was built after it started", String.join("\n", live) + "\n");
        int before = sessions();
        for (Map.Entry<String, String> state : states.entrySet()) {
            Path dir = Files.createDirectories(sandbox.resolve("stale-" + state.getKey().replace(' ', '-')));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Path file = Files.createDirectories(dir.resolve("harness-warm")).resolve(stateFile.getFileName());
            Files.writeString(file, state.getValue());
            Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(JAR).toMillis() - 60_000));
            if (!state.getKey().startsWith("the jar")) {
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            }
            Run run = launch(Map.of("XDG_RUNTIME_DIR", dir.toString()), sandbox, request);
            assertThat(run.exitCode()).as(state.getKey()).isEqualTo(cold.exitCode());
            assertThat(masked(run.out())).as(state.getKey()).isEqualTo(masked(cold.out()));
            assertThat(maskedLog(run.stderr())).as(state.getKey()).isEqualTo(maskedLog(cold.stderr()));
        }
        assertThat(sessions()).as("the live server served none of them").isEqualTo(before);
    }

    /** Two clients at once, each with its own environment and working directory, answers interleaved by the test. */
    @Test
    void twoConcurrentSessionsDoNotMix() throws Exception {
        Path otherCwd = Files.createDirectories(sandbox.resolve("other"));
        Client a = Client.start(Map.of("HARNESS_MAX_LINE_BYTES", "100"), sandbox.resolve("work"));
        Client b = Client.start(Map.of(), otherCwd);
        String longLine = "{\"jsonrpc\":\"2.0\",\"id\":\"L\",\"method\":\"validate\",\"params\":{\"packets\":[]},\"pad\":\""
                + "x".repeat(200) + "\"}\n";
        a.send("{\"jsonrpc\":\"2.0\",\"id\":\"a1\",\"method\":\"rpc.discover\"}\n");
        b.send("{\"jsonrpc\":\"2.0\",\"id\":\"b1\",\"method\":\"validate\",\"params\":{\"packets\":[]}}\n");
        assertThat(b.line()).contains("\"id\":\"b1\"");
        assertThat(a.line()).contains("\"id\":\"a1\"");
        b.send(longLine);
        a.send(longLine);
        assertThat(a.line()).as("a's own limit").contains("\"id\":null").contains("max_line_bytes");
        assertThat(b.line()).as("b's default limit").contains("\"id\":\"L\"").contains("empty_plan");
        Run ranA = a.finish();
        Run ranB = b.finish();
        assertThat(ranA.exitCode()).isZero();
        assertThat(ranB.exitCode()).isZero();
        assertThat(ranA.out()).isEmpty();
        assertThat(ranB.out()).isEmpty();
    }

    /**
     * SIGTERM ends a warm session as it ends a cold service: what was answered stays, exit 143, and the server
     * goes on. (SIGINT is passed on the same way, exit 130; it is not tested here because a test runner started
     * in the background has SIGINT ignored, and its children then cannot trap it, cold or warm.)
     */
    @Test
    void sigtermEndsASessionAsItEndsAColdService() throws Exception {
        List<Integer> codes = new ArrayList<>();
        List<String> stderr = new ArrayList<>();
        for (String warm : List.of("0", "1")) {
            int before = sessions();
            Client client = Client.start(Map.of("HARNESS_WARM", warm), sandbox);
            client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc.discover\"}\n");
            assertThat(client.line()).contains("\"id\":1"); // serving: past its start-up (and a warm client's traps)
            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(client.process.pid())).start();
            assertThat(kill.waitFor()).isZero();
            Run ran = client.awaitExit(); // stdin stays open: an EOF would race the signal (both end the service)
            assertThat(ran.out()).isEmpty();
            codes.add(ran.exitCode());
            stderr.add(maskedLog(ran.stderr()));
            assertThat(sessions()).isEqualTo(before + (warm.equals("1") ? 1 : 0));
        }
        assertThat(codes).as("cold, then warm").containsExactly(143, 143);
        assertThat(stderr.get(1)).as("the service's own words on terminating").isEqualTo(stderr.get(0)).contains("terminating");
        Run after = launch(Map.of(), sandbox, "{\"id\":1,\"method\":\"rpc.discover\"}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(after.exitCode()).as("the server goes on serving").isZero();
        assertThat(after.out()).contains("\"id\":1");
    }

    /** A client whose stdin the test writes line by line, reading its stdout as it goes. */
    static final class Client {
        final Process process;
        final OutputStream stdin;
        final InputStream stdout;
        final CompletableFuture<String> stderr;

        private Client(Process process) {
            this.process = process;
            this.stdin = process.getOutputStream();
            this.stdout = process.getInputStream();
            this.stderr = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        static Client start(Map<String, String> extraEnv, Path cwd) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString()).directory(cwd.toFile());
            environment(builder.environment(), extraEnv);
            return new Client(builder.start());
        }

        void send(String line) throws IOException {
            stdin.write(line.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        /** The next line of stdout (blocks until it is there: no timing involved). */
        String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = stdout.read()) >= 0 && b != '\n') {
                line.write(b);
            }
            return line.toString(StandardCharsets.UTF_8);
        }

        /** Waits for the process to end on its own with stdin still open (stdout's EOF), then collects the rest. */
        Run awaitExit() throws Exception {
            byte[] rest = stdout.readAllBytes();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the client exited").isTrue();
            stdin.close();
            return new Run(process.exitValue(), rest, stderr.get(120, TimeUnit.SECONDS));
        }

        /** Closes stdin (a no-op once the process is gone) and collects the rest. */
        Run finish() throws Exception {
            try {
                stdin.close();
            } catch (IOException gone) {
                assertThat(process.isAlive()).as("stdin fails to close only once the client has exited").isFalse();
            }
            byte[] rest = stdout.readAllBytes();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the client exited").isTrue();
            return new Run(process.exitValue(), rest, stderr.get(120, TimeUnit.SECONDS));
        }
    }

    static Run launch(Map<String, String> extraEnv, Path cwd, byte[] stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        environment(builder.environment(), extraEnv);
        Path err = Files.createTempFile(sandbox, "stderr", ".txt");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException exitedFirst) { // --version and a usage error read no stdin, as a cold start does not
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        }
        byte[] stdout = out.get(120, TimeUnit.SECONDS);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("planning-service exited").isTrue();
        return new Run(process.exitValue(), stdout, Files.readString(err));
    }

    private static void environment(Map<String, String> env, Map<String, String> extra) {
        env.put("HOME", sandbox.toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        env.put("XDG_CONFIG_HOME", sandbox.resolve("config").toString());
        env.put("LC_ALL", "C");
        env.put("LANG", "C");
        env.remove("HARNESS_WARM");
        env.remove("HARNESS_JAVA_OPTS");
        env.remove("HARNESS_MAX_LINE_BYTES");
        env.putAll(extra);
    }

    /** The sessions the server has begun, from --warm-status. */
    static int sessions() throws Exception {
        Run status = launch(Map.of(), sandbox, new byte[0], "--warm-status");
        Matcher m = SESSIONS.matcher(status.out());
        assertThat(m.find()).as("--warm-status: " + status.out() + status.stderr()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** What two cold starts differ in too: a new plan's id and creation time. */
    static String masked(String stdout) {
        return stdout.replaceAll("plan-[0-9a-f]{16}", "plan-ID").replaceAll("\"created_at\":\"[^\"]*\"", "\"created_at\":\"T\"");
    }

    /** Log lines without their time stamps and measured times, and without the JVM's own warnings (a cold start's alone). */
    static String maskedLog(String stderr) {
        StringBuilder kept = new StringBuilder();
        for (String line : stderr.split("\n", -1)) {
            if (line.matches("^\\[[0-9.]+s\\]\\[warning\\].*") || line.startsWith("OpenJDK 64-Bit Server VM warning")) {
                continue;
            }
            kept.append(line.replaceAll("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z ", "").replaceAll("\\d+(\\.\\d+)? ms", "N ms")).append('\n');
        }
        return kept.toString();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
