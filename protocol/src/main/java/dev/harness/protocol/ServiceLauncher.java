package dev.harness.protocol;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Starts a service: parses the command line (--help, --version, --max-line-bytes and the
 * service's own options; anything else exits 2), takes stdout for the protocol alone (System.out
 * is pointed at stderr so a stray print can never corrupt the channel), serves until EOF, and on
 * SIGTERM lets the service clean up.
 */
public final class ServiceLauncher {
    public static final int EXIT_OK = 0;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FAILURE = 1;

    private static final CliOption MAX_LINE = new CliOption("--max-line-bytes", "BYTES",
            "discard request lines longer than this (default 16 MiB)", "HARNESS_MAX_LINE_BYTES");
    private static final CliOption QUIET = new CliOption("--quiet", null, "no informational messages on stderr", null);

    private ServiceLauncher() {}

    /** Entry point for a service's main(): never returns. */
    public static void launch(Service service, String[] args) {
        StartupTrace.mark("main");
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        OutputStream protocolOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.setErr(stderr);
        System.setOut(stderr);
        int code = run(service, args, new FileInputStream(FileDescriptor.in), protocolOut, stderr, true);
        System.exit(code);
    }

    /** Runs a service on the given streams; returns the exit code. */
    public static int run(Service service, String[] args, InputStream in, OutputStream out, PrintStream err,
                          boolean installSignalHandling) {
        return run(service, args, System.getenv(), in, out, err,
                installSignalHandling ? hook -> Runtime.getRuntime().addShutdownHook(new Thread(hook, "terminate")) : hook -> { });
    }

    /**
     * Runs a service on the given streams for a session whose environment is {@code env} (its options' variables are
     * read there, not in this process's); returns the exit code. {@code onTermination} is handed what SIGTERM must
     * run while the service serves (the service's clean-up, then the answers already made flushed): a process
     * installs it as a shutdown hook, a warm session runs it when its client is signalled.
     */
    public static int run(Service service, String[] args, Map<String, String> env, InputStream in, OutputStream out,
                          PrintStream err, Consumer<Runnable> onTermination) {
        Log.setName(service.name());
        Map<String, String> options;
        try {
            options = parse(service, args, env);
        } catch (HelpRequested help) {
            print(out, help.text);
            return EXIT_OK;
        } catch (UsageException e) {
            err.println(service.name() + ": " + e.getMessage());
            err.println("Try '" + service.name() + " --help'.");
            return EXIT_USAGE;
        }
        int maxLineBytes;
        try {
            maxLineBytes = options.containsKey(MAX_LINE.name())
                    ? Integer.parseInt(options.remove(MAX_LINE.name())) : LineReader.DEFAULT_MAX_LINE_BYTES;
            if (maxLineBytes < 1) {
                throw new NumberFormatException();
            }
            Log.setQuiet(options.remove(QUIET.name()) != null);
            service.configure(options);
        } catch (NumberFormatException e) {
            err.println(service.name() + ": --max-line-bytes needs a positive whole number of bytes");
            return EXIT_USAGE;
        } catch (UsageException e) {
            err.println(service.name() + ": " + e.getMessage());
            return EXIT_USAGE;
        }

        StartupTrace.mark("options parsed");
        Contract contract = Contract.load(service.name());
        StartupTrace.mark("contract loaded");
        MessageWriter writer = new MessageWriter(out);
        Dispatcher dispatcher = new Dispatcher(contract, new Notifier(contract, writer));
        service.register(dispatcher);
        StartupTrace.mark("handlers registered");

        AtomicBoolean finished = new AtomicBoolean();
        onTermination.accept(() -> {
            if (!finished.get()) { // SIGTERM (or SIGINT) while serving
                Log.info("terminating");
                service.terminate();
                writer.flush();
            }
        });
        try {
            new ServiceLoop(dispatcher, writer, WireLimits.DEFAULT.withMaxLineBytes(maxLineBytes)).run(in);
            service.finish();
            writer.flush();
            return EXIT_OK;
        } catch (IOException e) {
            Log.error("stdin could not be read", e);
            return EXIT_FAILURE;
        } finally {
            finished.set(true);
        }
    }

    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = ServiceLauncher.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }

    private static final class HelpRequested extends Exception {
        private static final long serialVersionUID = 1L;
        final String text;

        HelpRequested(String text) {
            super(null, null, false, false);
            this.text = text;
        }
    }

    private static Map<String, String> parse(Service service, String[] args, Map<String, String> env)
            throws UsageException, HelpRequested {
        List<CliOption> known = new ArrayList<>(service.options());
        known.add(MAX_LINE);
        known.add(QUIET);
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new HelpRequested(help(service, known));
            }
            if (arg.equals("--version") || arg.equals("-V")) {
                throw new HelpRequested(service.name() + " " + version() + "\n");
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            CliOption option = known.stream().filter(o -> o.name().equals(name)).findFirst()
                    .orElseThrow(() -> new UsageException(arg.startsWith("-")
                            ? "unknown option '" + name + "'"
                            : "unexpected argument '" + arg + "' (requests come on stdin, not the command line)"));
            if (option.isFlag()) {
                if (arg.contains("=")) {
                    throw new UsageException("option " + name + " takes no value");
                }
                values.put(name, "true");
            } else if (arg.contains("=")) {
                values.put(name, arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new UsageException("option " + name + " needs a value (" + option.argName() + ")");
            }
        }
        for (CliOption option : known) {
            if (!values.containsKey(option.name()) && option.envVar() != null) {
                String fromEnv = env.get(option.envVar());
                if (fromEnv != null && !fromEnv.isBlank()) {
                    values.put(option.name(), fromEnv);
                }
            }
        }
        return values;
    }

    private static String help(Service service, List<CliOption> options) {
        StringBuilder text = new StringBuilder();
        text.append("Usage: ").append(service.name()).append(" [OPTIONS] < requests.jsonl\n\n")
                .append(service.summary()).append("\n\n")
                .append("Speaks line-delimited JSON-RPC 2.0 on stdin/stdout; diagnostics go to stderr.\n")
                .append("Ask it what it speaks: echo '{\"id\":1,\"method\":\"rpc.discover\"}' | ")
                .append(service.name()).append("\n\nOptions:\n");
        for (CliOption option : options) {
            String left = option.name() + (option.isFlag() ? "" : " " + option.argName());
            text.append(String.format("  %-28s %s%s%n", left, option.help(),
                    option.envVar() == null ? "" : " [env " + option.envVar() + "]"));
        }
        text.append(String.format("  %-28s %s%n", "-h, --help", "show this help and exit"));
        text.append(String.format("  %-28s %s%n", "-V, --version", "print the version and exit"));
        text.append("\nExit codes: 0 after EOF on stdin, 2 for bad arguments, 1 if stdin cannot be read.\n");
        return text.toString();
    }

    private static void print(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // stdout is gone; there is nobody to tell
        }
    }
}
