import dev.harness.protocol.secrets.Redactor;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Throughput of the suite's masking stream (Redactor.mask(OutputStream)) against a baseline
 * measured in the same run (decoding the same writes as UTF-8 text and encoding them again, the
 * least any text filter does), for three kinds of output: ordinary test output, output with a
 * secret-looking word on every line (the worst case: every rule is tried on every line), and one
 * long line without line breaks. Run by bench/redactor-throughput.sh. MB/s are per second of the
 * whole process's CPU (the compiler threads' included), so a loaded machine moves them little; the
 * first 8 MB of each kind is reported apart ("cold"): a check's or an agent's output in a worker
 * manager that has not masked much yet, the JIT's work included.
 */
public class RedactorBench {
    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GITHUB_TOKEN", "ghp_R3alLookingT0kenValue0123456789abcd");
        env.put("ANTHROPIC_API_KEY", "sk-ant-api03-QmFzZTY0SXNOb3RFbm91Z2g0242");
        env.put("DB_PASSWORD", "correct horse battery");
        Redactor redactor = Redactor.forEnvironment(env);
        String plain = lines(" all good\n");
        String dense = lines(" key=value url=https://example.com/a?b=c token: abcdef\n");
        String oneLine = plain.replace('\n', ' ');
        System.out.printf("%-28s %14s %12s %8s %16s%n", "output", "baseline MB/s", "masked MB/s", "slower",
                "cold 8 MB MB/s");
        for (String[] kind : new String[][] {{"ordinary test output", plain}, {"secret words on every line", dense},
                {"one line, no line breaks", oneLine}}) {
            byte[] chunk = kind[1].getBytes(StandardCharsets.UTF_8);
            double cold = run(redactor, chunk, 8);
            run(null, chunk, 8); // warm-up
            double copy = run(null, chunk, megabytes);
            double masked = run(redactor, chunk, megabytes);
            System.out.printf("%-28s %14.1f %12.1f %7.1fx %16.1f%n", kind[0], copy, masked, copy / masked, cold);
        }
    }

    private static String lines(String tail) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            out.append("ok ").append(i).append(" - test case ").append(i).append(" passed in 12ms at src/file")
                    .append(i % 50).append(".js:42").append(tail);
        }
        return out.toString();
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** MB per CPU second writing about {@code megabytes} MB in 8 KiB writes, through the masker or straight. */
    private static double run(Redactor redactor, byte[] chunk, int megabytes) throws Exception {
        long total = 0;
        long start = OS.getProcessCpuTime();
        long sink = 0;
        try (OutputStream out = redactor == null ? OutputStream.nullOutputStream() : redactor.mask(OutputStream.nullOutputStream())) {
            while (total < megabytes * 1_000_000L) {
                for (int off = 0; off < chunk.length; off += 8192) {
                    int len = Math.min(8192, chunk.length - off);
                    if (redactor == null) {
                        sink += new String(chunk, off, len, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8).length;
                    } else {
                        out.write(chunk, off, len);
                    }
                }
                total += chunk.length;
            }
        }
        double seconds = (OS.getProcessCpuTime() - start) / 1e9;
        return sink < 0 ? 0 : total / 1e6 / seconds;
    }
}
