package dev.harness.protocol.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which processes a tag's search reads (issue 15): only pids the kernel handed out since the tag was
 * made, in its wrapping order, and every pid when the two readings cannot be trusted.
 */
class ProcessTagTest {
    static Stream<Arguments> windows() {
        return Stream.of(
                // before, now, child, pid, may hold a carrier
                Arguments.of(1000, 1010, 1001, 1005, true),
                Arguments.of(1000, 1010, 1001, 1010, true),
                Arguments.of(1000, 1010, 1001, 1000, false),  // handed out before the tag: not a descendant
                Arguments.of(1000, 1010, 1001, 999, false),
                Arguments.of(1000, 1010, 1001, 1011, false),  // not handed out yet when searched
                Arguments.of(32700, 40, 32750, 32760, true),  // wrapped at pid_max
                Arguments.of(32700, 40, 32750, 12, true),
                Arguments.of(32700, 40, 32750, 41, false),
                Arguments.of(32700, 40, 32750, 32700, false),
                Arguments.of(32700, 40, 20, 32760, true),     // the child after the wrap
                Arguments.of(1000, 1010, 999, 5, true),       // the child outside: the readings are not of its pid space
                Arguments.of(1000, 1010, -1, 5, true),        // the child was not told
                Arguments.of(1000, 1000, 1000, 5, true),      // nothing handed out, yet a child: a fake /proc/loadavg
                Arguments.of(-1, 1010, 1001, 5, true),        // no /proc/loadavg
                Arguments.of(0, 0, 1001, 5, true));
    }

    @ParameterizedTest
    @MethodSource("windows")
    void onlyPidsHandedOutSinceTheTagAreRead(long before, long now, long child, long pid, boolean mayHold) {
        assertThat(new ProcessTag.Window(before, now, child).mayHold(pid)).isEqualTo(mayHold);
    }

    @Test
    void theSearchStillFindsACarrierStartedSinceAndTheKernelsLastPidIsRead() throws Exception {
        assertThat(ProcessTag.lastPid()).isPositive();
        ProcessTag tag = ProcessTag.fresh();
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        tag.applyTo(env);
        ProcessBuilder builder = new ProcessBuilder("sleep", "300");
        builder.environment().clear();
        builder.environment().putAll(env);
        Process carrier = builder.start();
        try {
            tag.started(carrier.pid());
            assertThat(tag.members()).extracting(ProcessHandle::pid).containsExactly(carrier.pid());
        } finally {
            carrier.destroyForcibly().waitFor();
        }
    }

    @Test
    void anEmptyEnvironmentIsWaitedForOnlyInALiveUserProcess() throws Exception {
        assertThat(ProcessTag.runsUserCode(java.nio.file.Path.of("/proc/self"))).isTrue();
        assertThat(ProcessTag.runsUserCode(java.nio.file.Path.of("/proc/no-such-pid"))).isFalse();
        // 'true' exits and the exec'd sleep never reaps it: a zombie, whose environment is gone for good
        Process parent = new ProcessBuilder("sh", "-c", "true & exec sleep 300").start();
        try {
            ProcessHandle zombie = null;
            for (int i = 0; i < 1000 && zombie == null; i++) {
                zombie = parent.toHandle().children().filter(ProcessTree::isGone).findFirst().orElse(null);
                Thread.sleep(10);
            }
            assertThat(zombie).as("the unreaped child").isNotNull();
            assertThat(ProcessTag.runsUserCode(java.nio.file.Path.of("/proc", Long.toString(zombie.pid())))).isFalse();
        } finally {
            parent.destroyForcibly().waitFor();
        }
    }
}
