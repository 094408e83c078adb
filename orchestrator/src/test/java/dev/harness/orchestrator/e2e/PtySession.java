package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command on a real pseudo-terminal (util-linux script): its screen is read as it comes, keys are typed when asked. */
final class PtySession implements AutoCloseable {
    private final Process process;
    private final StringBuffer screen = new StringBuffer();
    private final OutputStream keyboard;

    PtySession(String command, Path dir, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", command, "/dev/null").directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().remove("HARNESS_TRUST_POLICY");
        env.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name); // null: the variable is not passed on
            } else {
                builder.environment().put(name, value);
            }
        });
        process = builder.start();
        keyboard = process.getOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[4096];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                screen.append("\n[read failed: ").append(e).append("]");
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Waits until the screen shows {@code text} for the {@code nth} time (1-based). */
    void await(String text, int nth) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (count(screen.toString(), text) < nth) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("never saw '" + text + "' (" + nth + "x) on the terminal:\n" + screen);
            }
            Thread.sleep(50);
        }
    }

    void type(String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** Types one control character (3 is Ctrl-C: the terminal signals its foreground process group). */
    void control(int character) throws IOException {
        keyboard.write(character);
        keyboard.flush();
    }

    boolean alive() {
        return process.isAlive();
    }

    int exit() throws InterruptedException {
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(screen.toString()).isTrue();
        return process.exitValue();
    }

    String screen() {
        return screen.toString();
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
