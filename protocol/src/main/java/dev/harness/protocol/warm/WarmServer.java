package dev.harness.protocol.warm;

import dev.harness.protocol.Log;
import dev.harness.protocol.fs.AtomicFile;
import dev.harness.protocol.fs.PrivateDirectory;
import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One warm JVM that serves sessions of a service for clients that would otherwise each start a JVM
 * (bin/planning-service in a jq pipeline, issue 15), the way Gradle's daemon or Nailgun do. Opt-in:
 * it runs only when the person starts it (bin/planning-service --warm-start), for one build and one
 * user, and exits by itself after an idle time.
 *
 * <p>The client is the launcher's own bash (no second JVM, no other interpreter), so the wire is
 * what bash's /dev/tcp can speak: one loopback TCP connection per stream, each closed (not
 * half-closed) to mean EOF. Every connection opens with the token and its role as NUL-terminated
 * fields ({@link Hello}); a connection without the right token is refused and logged here, never
 * answered. {@code control} carries the session's working directory, arguments and environment,
 * gets {@code ok ID} (or {@code no REASON}: the client then starts the service cold), takes
 * {@code TERM}/{@code INT} lines when the client is signalled, and gets {@code exit CODE} at the
 * end; {@code stdin}, {@code stdout} and {@code stderr} name the session and carry its bytes.
 *
 * <p>The token, port and pid are in a state file only its user can read (0600, in a 0700
 * directory), which the server removes when it exits; one left by a server that died is stale, and
 * the client then starts the service cold.
 */
public final class WarmServer {
    /** How long a connection may take to say who it is, and a session to attach its streams. */
    static final Duration HANDSHAKE = Duration.ofSeconds(10);

    private final SessionFactory factory;
    private final Path stateFile;
    private final Path jar;
    private final Duration idle;
    private final byte[] token;
    private final BuildStamp stamp;
    private final ServerSocket listener;
    private final Map<String, WarmSession> pending = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong served = new AtomicLong();
    private final long started = System.currentTimeMillis();
    private final Object activity = new Object();
    private int active;
    private long lastActive = System.nanoTime();
    private volatile boolean stopping;

    /** The jar's size and modification time when the server started: another build's client is never served. */
    record BuildStamp(long size, long modified) {
        static BuildStamp of(Path jar) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
            return new BuildStamp(attributes.size(), attributes.lastModifiedTime().toMillis());
        }
    }

    WarmServer(SessionFactory factory, Path stateFile, Path jar, Duration idle) throws IOException {
        this.factory = factory;
        this.stateFile = stateFile;
        this.jar = jar;
        this.idle = idle;
        this.stamp = BuildStamp.of(jar);
        this.token = new byte[32];
        random.nextBytes(token);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    /**
     * The server's main: {@code --state FILE --jar FILE --idle SECONDS}. Prints {@code ready PORT} on
     * stdout once its state file is written, then closes stdout (the launcher that started it waits for
     * that line); everything else it says goes to stderr, its log.
     */
    public static void main(String[] args, SessionFactory factory) {
        PrintStream log = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setErr(log);
        System.setOut(log);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--state") || !options.containsKey("--jar")) {
            log.println("usage: --state FILE --jar FILE [--idle SECONDS]");
            System.exit(2);
        }
        Log.setName("warm-server");
        try {
            WarmServer server = new WarmServer(factory, Path.of(options.get("--state")), Path.of(options.get("--jar")),
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("--idle", "300"))));
            server.publish();
            // killed (SIGTERM, or SIGINT from a terminal it was started in without setsid): no stale state file
            Runtime.getRuntime().addShutdownHook(new Thread(server::unpublish, "warm-unpublish"));
            try (OutputStream stdout = new FileOutputStream(FileDescriptor.out)) {
                stdout.write(("ready " + server.listener.getLocalPort() + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            server.serve();
            System.exit(0);
        } catch (IOException | RuntimeException e) {
            Log.error("the warm server could not start", e);
            System.exit(1);
        }
    }

    /** Writes the state file (port, token, pid), owner-only, in an owner-only directory. */
    void publish() throws IOException {
        Path dir = stateFile.toAbsolutePath().getParent();
        PrivateDirectory.create(dir);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (!permissions.equals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE))) {
                throw new IOException(dir + " must be the user's alone (mode 0700): the server's token would be readable");
            }
        }
        AtomicFile.writeStringOwnerOnly(stateFile, listener.getLocalPort() + "\n" + HexFormat.of().formatHex(token) + "\n"
                + ProcessHandle.current().pid() + "\n");
        Log.info("serving on 127.0.0.1:" + listener.getLocalPort() + " (idle limit " + idle.toSeconds() + " s)");
    }

    /** Accepts connections until stopped or idle; removes the state file on the way out. */
    void serve() {
        Thread reaper = new Thread(this::reapWhenIdle, "warm-idle");
        reaper.setDaemon(true);
        reaper.start();
        try {
            while (!stopping) {
                Socket socket;
                try {
                    socket = listener.accept();
                } catch (SocketException closed) {
                    break; // stop() closed the listener
                } catch (IOException e) {
                    Log.warn("a connection could not be accepted: " + e.getMessage());
                    continue;
                }
                Thread thread = new Thread(() -> greet(socket), "warm-connection");
                thread.setDaemon(true);
                thread.start();
            }
        } finally {
            unpublish();
        }
    }

    /** Stops accepting; sessions running go on to their end on their own threads only until the JVM exits. */
    void stop(String why) {
        if (stopping) {
            return;
        }
        stopping = true;
        Log.info("stopping: " + why);
        unpublish();
        try {
            listener.close();
        } catch (IOException e) {
            Log.warn("closing the listener: " + e.getMessage());
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Removes the state file if it is still this server's (a newer server may have replaced it). */
    private void unpublish() {
        try {
            List<String> lines = Files.exists(stateFile) ? Files.readAllLines(stateFile) : List.of();
            if (lines.size() >= 3 && lines.get(2).equals(Long.toString(ProcessHandle.current().pid()))) {
                Files.deleteIfExists(stateFile);
            }
        } catch (IOException e) {
            Log.warn("the state file could not be removed: " + e.getMessage());
        }
    }

    private void reapWhenIdle() {
        synchronized (activity) {
            while (!stopping) {
                long left = idle.toNanos() - (System.nanoTime() - lastActive);
                if (active == 0 && left <= 0) {
                    stop("idle for " + idle.toSeconds() + " s");
                    return;
                }
                try {
                    activity.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    void sessionStarted() {
        synchronized (activity) {
            active++;
            lastActive = System.nanoTime();
        }
    }

    void sessionEnded(WarmSession session) {
        pending.remove(session.id());
        synchronized (activity) {
            active--;
            lastActive = System.nanoTime();
            activity.notifyAll();
        }
    }

    /** Reads a connection's hello and hands it to its role; anything else is refused and logged here. */
    private void greet(Socket socket) {
        try {
            socket.setSoTimeout((int) HANDSHAKE.toMillis());
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream()); // what follows a stdin hello is the session's stdin
            Hello hello = Hello.read(in);
            if (!MessageDigest.isEqual(hello.token(), HexFormat.of().formatHex(token).getBytes(StandardCharsets.US_ASCII))) {
                refuse(socket, "a connection without the server's token");
                return;
            }
            switch (hello.role()) {
                case "control" -> control(socket, in);
                case "stdin", "stdout", "stderr" -> attach(socket, in, hello.role());
                case "stop" -> {
                    // the state file goes before the client hears "stopping", so a caller that looks at once (or
                    // starts a new server) never finds this one's (WarmServiceTest saw it once in CI); stop() comes
                    // last, since the JVM exits soon after it and would cut the reply
                    unpublish();
                    reply(socket, "stopping\n");
                    socket.close();
                    stop("asked to stop");
                }
                case "status" -> {
                    int running;
                    synchronized (activity) {
                        running = active;
                    }
                    reply(socket, "pid " + ProcessHandle.current().pid() + ", port " + port() + ", up "
                            + (System.currentTimeMillis() - started) / 1000 + " s, " + served.get() + " sessions, "
                            + running + " running, stops after " + idle.toSeconds() + " s idle\n");
                    socket.close();
                }
                default -> refuse(socket, "a connection with an unknown role");
            }
        } catch (Hello.Refused e) {
            refuse(socket, "a connection that did not say who it is (" + e.getMessage() + ")");
        } catch (IOException e) {
            Log.warn("a connection failed: " + e.getMessage());
            closeQuietly(socket);
        }
    }

    private void control(Socket socket, InputStream in) throws IOException {
        SessionRequest request;
        try {
            request = SessionRequest.read(in);
        } catch (Hello.Refused e) {
            refuse(socket, "a session request that could not be read (" + e.getMessage() + ")");
            return;
        }
        if (stopping) {
            reply(socket, "no stopping\n");
            socket.close();
            return;
        }
        if (!stamp.equals(BuildStamp.of(jar))) { // rebuilt since: this JVM runs the old classes
            reply(socket, "no the build changed\n");
            socket.close();
            stop(jar + " changed since the server started");
            return;
        }
        String id = HexFormat.of().formatHex(randomBytes(16));
        WarmSession session = new WarmSession(this, id, socket, in, request, factory);
        pending.put(id, session);
        served.incrementAndGet(); // before "ok": a client that got it finds itself counted in the status
        sessionStarted();
        reply(socket, "ok " + id + "\n");
        session.serve();
    }

    private void attach(Socket socket, InputStream in, String role) throws IOException {
        String id;
        try {
            id = Hello.field(in, 64);
        } catch (Hello.Refused e) {
            refuse(socket, "a stream without its session (" + e.getMessage() + ")");
            return;
        }
        WarmSession session = pending.get(id);
        socket.setSoTimeout(0); // the handshake's bound: a session's stdin may rightly stay quiet for hours
        if (session == null || !session.attach(role, socket, in)) {
            refuse(socket, "a stream for no waiting session");
        }
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    static void reply(Socket socket, String line) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void refuse(Socket socket, String what) {
        Log.warn("refused " + what + " from " + socket.getRemoteSocketAddress());
        closeQuietly(socket);
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            Log.info("closing a connection: " + e.getMessage());
        }
    }

    /** What a session's control connection says before its streams attach. */
    record SessionRequest(Path directory, List<String> args, Map<String, String> env) {
        /** Bounds what one request may hold (an environment is a few KB; ARG_MAX is 2 MB). */
        static final int MAX_FIELD = 1 << 20;
        static final int MAX_FIELDS = 1 << 16;

        static SessionRequest read(InputStream in) throws IOException, Hello.Refused {
            String cwd = Hello.field(in, MAX_FIELD);
            int argc;
            try {
                argc = Integer.parseInt(Hello.field(in, 16));
            } catch (NumberFormatException e) {
                throw new Hello.Refused("no argument count");
            }
            if (argc < 0 || argc > MAX_FIELDS) {
                throw new Hello.Refused("an argument count of " + argc);
            }
            List<String> args = new ArrayList<>(argc);
            for (int i = 0; i < argc; i++) {
                args.add(Hello.field(in, MAX_FIELD));
            }
            Map<String, String> env = new LinkedHashMap<>();
            for (int i = 0; ; i++) {
                String entry = Hello.field(in, MAX_FIELD);
                if (entry.isEmpty()) {
                    break;
                }
                if (i > MAX_FIELDS) {
                    throw new Hello.Refused("too many environment variables");
                }
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            Path directory = Path.of(cwd);
            if (!directory.isAbsolute()) {
                throw new Hello.Refused("a working directory that is not absolute");
            }
            try {
                directory = directory.toRealPath(); // what getcwd() gives a cold JVM as user.dir ($PWD may name a symlink)
            } catch (IOException e) {
                throw new Hello.Refused("a working directory that is gone");
            }
            return new SessionRequest(directory, List.copyOf(args), Map.copyOf(env));
        }
    }
}
