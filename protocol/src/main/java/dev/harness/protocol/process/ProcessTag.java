package dev.harness.protocol.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A marker in a child's environment ({@value #VARIABLE}) that every process it starts inherits.
 * A descendant that double-forked or was reparented to init is no longer anyone's descendant, but
 * it still carries the marker: on Linux, {@link #members()} finds it through /proc/PID/environ
 * (only processes of our own uid are read). A child that clears its environment before exec
 * escapes this; nothing short of a cgroup catches that.
 *
 * <p>The variable holds a colon-separated list, so a child of a tagged child that is itself tagged
 * keeps its ancestors' tags: killing the outer tree still finds it.
 */
public final class ProcessTag {
    public static final String VARIABLE = "HARNESS_PROCESS_TAG";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Path PROC = Path.of("/proc");

    private final String value;
    /** The last pid the kernel had handed out when the tag was made (-1: not known), and when that was. */
    private final long lastPidBefore;
    private final long madeAt;
    /** The tagged child's pid once started (-1: not told). */
    private volatile long child = -1;

    /**
     * How long after the tag was made the search looks only at processes started since (see
     * {@link #members}): well below the time the kernel takes to hand out every pid once.
     */
    static final long NARROW_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);

    private ProcessTag(String value, long lastPidBefore, long madeAt) {
        this.value = value;
        this.lastPidBefore = lastPidBefore;
        this.madeAt = madeAt;
    }

    /** A new tag; made just before its child is started (what {@link #members} narrows by). */
    public static ProcessTag fresh() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return new ProcessTag(HexFormat.of().formatHex(bytes), lastPid(), System.nanoTime());
    }

    /** The tagged child was started with this pid: the search may then look only at processes started since. */
    public void started(long pid) {
        child = pid;
    }

    public String value() {
        return value;
    }

    /** Adds this tag to a child's environment (keeping any tags the environment already carries). */
    public void applyTo(Map<String, String> env) {
        String existing = env.get(VARIABLE);
        env.put(VARIABLE, existing == null || existing.isEmpty() ? value : existing + ":" + value);
    }

    /** Whether /proc/PID/environ can be scanned here (Linux). */
    public static boolean supported() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /** The live processes (of our uid, other than ourselves) whose environment carries this tag; empty off Linux. */
    public List<ProcessHandle> members() {
        List<ProcessHandle> found = new ArrayList<>();
        if (!supported()) {
            return found;
        }
        long self = ProcessHandle.current().pid();
        Object uid = ownUid();
        byte[] needle = (VARIABLE + "=").getBytes(StandardCharsets.US_ASCII);
        // Every carrier was started after the tag was made, so only pids handed out since can be one: reading
        // each process's environment cost 3 ms of CPU a search on a machine with 160 processes (issue 15).
        Window since = System.nanoTime() - madeAt < NARROW_NANOS ? new Window(lastPidBefore, lastPid(), child) : Window.ALL;
        List<Path> doubtful = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(name);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == self || !since.mayHold(pid) || (uid != null && !uid.equals(uidOf(entry)))) {
                    continue;
                }
                switch (read(entry, needle)) {
                    case YES -> ProcessHandle.of(pid).ifPresent(found::add);
                    case DOUBTFUL -> doubtful.add(entry);
                    case NO -> { }
                }
            }
        } catch (IOException e) {
            return found; // /proc unreadable: the descendant walk is all we have
        }
        for (int round = 0; round < DOUBT_ROUNDS && !doubtful.isEmpty(); round++) {
            try {
                Thread.sleep(DOUBT_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            for (Iterator<Path> it = doubtful.iterator(); it.hasNext(); ) {
                Path entry = it.next();
                Carries again = read(entry, needle);
                if (again != Carries.DOUBTFUL) {
                    it.remove();
                    if (again == Carries.YES) {
                        ProcessHandle.of(Long.parseLong(entry.getFileName().toString())).ifPresent(found::add);
                    }
                }
            }
        }
        return found;
    }

    /** What one reading of a process's environment says; DOUBTFUL: read again shortly. */
    enum Carries { YES, NO, DOUBTFUL }

    /** Rounds and pause for a doubtful reading: at most about 200 ms a search, and only while a process execs. */
    private static final int DOUBT_ROUNDS = 20;
    private static final long DOUBT_PAUSE_MS = 10;

    /**
     * Reads the environment of the process at {@code entry}. A process in the middle of exec reads wrong for a
     * moment: its old memory being torn down (text without the tag) or its new one before the stack is laid out
     * (empty). A background child that the tagged shell had just forked was missed that way and outlived its
     * run (the CI failure of stop 36; 1 in about 400 runs on a loaded 2-core machine). So a reading without the
     * tag is doubtful when the executable changed during it, or when it is empty in a live user process.
     */
    private Carries read(Path entry, byte[] needle) {
        String exeBefore = exeOf(entry);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(entry.resolve("environ"));
        } catch (IOException | SecurityException e) {
            return Carries.NO; // gone meanwhile, or not ours to read
        }
        if (carries(bytes, needle)) {
            return Carries.YES;
        }
        if (!java.util.Objects.equals(exeBefore, exeOf(entry))) {
            return runsUserCode(entry) ? Carries.DOUBTFUL : Carries.NO;
        }
        return bytes.length == 0 && runsUserCode(entry) ? Carries.DOUBTFUL : Carries.NO;
    }

    private static String exeOf(Path entry) {
        try {
            return Files.readSymbolicLink(entry.resolve("exe")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null; // a kernel thread, a zombie, or gone
        }
    }

    /** PF_KTHREAD in /proc/PID/stat's flags. */
    private static final long KERNEL_THREAD = 0x00200000L;

    /**
     * Whether an empty environment may be a moment of exec rather than the process's nature: not a kernel
     * thread (it never has one) and not a zombie (its memory is gone).
     */
    static boolean runsUserCode(Path procEntry) {
        try {
            String stat = Files.readString(procEntry.resolve("stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            char state = fields[0].charAt(0);
            long flags = Long.parseLong(fields[6]);
            return state != 'Z' && state != 'X' && (flags & KERNEL_THREAD) == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The pids handed out between two readings of the kernel's last pid ({@code /proc/loadavg}), in
     * the kernel's order, which wraps at pid_max: (before, now]. Trusted only when it holds the tagged
     * child's own pid (the two readings are then of this process's pid space and real); otherwise
     * every pid may hold a carrier.
     */
    record Window(long before, long now, long child) {
        static final Window ALL = new Window(-1, -1, -1);

        boolean mayHold(long pid) {
            return !trusted() || within(pid);
        }

        boolean trusted() {
            return before > 0 && now > 0 && now != before && child > 0 && within(child);
        }

        private boolean within(long pid) {
            return now > before ? pid > before && pid <= now : pid > before || pid <= now;
        }
    }

    /** The last pid the kernel handed out in this pid namespace (the last field of /proc/loadavg), or -1. */
    static long lastPid() {
        try {
            String load = Files.readString(PROC.resolve("loadavg"), StandardCharsets.US_ASCII).strip();
            String last = load.substring(load.lastIndexOf(' ') + 1);
            return !last.isEmpty() && last.chars().allMatch(Character::isDigit) && last.length() < 10 ? Long.parseLong(last) : -1;
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux, or no /proc: every pid is searched
        }
    }

    private boolean carries(byte[] bytes, byte[] needle) {
        int i = 0;
        while (i < bytes.length) {
            int end = i;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            if (startsWith(bytes, i, end, needle)) {
                String tags = new String(bytes, i + needle.length, end - i - needle.length, StandardCharsets.US_ASCII);
                for (String tag : tags.split(":")) {
                    if (tag.equals(value)) {
                        return true;
                    }
                }
            }
            i = end + 1;
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int from, int end, byte[] prefix) {
        if (end - from < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (bytes[from + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static Object ownUid() {
        return uidOf(PROC.resolve("self"));
    }

    private static Object uidOf(Path procEntry) {
        try {
            return Files.getAttribute(procEntry, "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return VARIABLE + "=" + value;
    }
}
