package dev.harness.protocol.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    /** Failure bound only: every wait below ends as soon as its condition holds. */
    private static final long BOUND_SECONDS = 120;

    @Test
    void writersOneAfterAnotherEachGetTheirOwnForce() throws Exception {
        AtomicInteger forces = new AtomicInteger();
        GroupCommit commit = new GroupCommit(forces::incrementAndGet);
        for (int i = 0; i < 3; i++) {
            commit.commit();
        }
        assertThat(forces).hasValue(3);
    }

    @Test
    void writersThatAskWhileAForceRunsShareTheNextOne() throws Exception {
        AtomicInteger forces = new AtomicInteger();
        CountDownLatch firstForcing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit commit = new GroupCommit(() -> {
            if (forces.incrementAndGet() == 1) {
                firstForcing.countDown();
                await(release);
            }
        });
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            Future<?> first = writers.submit(() -> commitQuietly(commit));
            await(firstForcing);
            // three more writers ask while the first force runs: its force began before they asked
            List<Future<?>> later = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                later.add(writers.submit(() -> commitQuietly(commit)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
            while (commit.requested() < 4) {
                assertThat(System.nanoTime()).as("the writers queued in time").isLessThan(deadline);
                Thread.onSpinWait();
            }
            assertThat(forces).as("nobody returns before a force that began after it asked").hasValue(1);
            assertThat(later).noneMatch(Future::isDone);
            release.countDown();
            first.get(BOUND_SECONDS, TimeUnit.SECONDS);
            for (Future<?> each : later) {
                each.get(BOUND_SECONDS, TimeUnit.SECONDS);
            }
            assertThat(forces).as("one force for the three that asked together").hasValue(2);
        } finally {
            release.countDown();
            writers.shutdownNow();
        }
    }

    @Test
    void aFailedForceIsTheWritersErrorAndTheNextWriterForcesAgain() throws Exception {
        AtomicInteger forces = new AtomicInteger();
        GroupCommit commit = new GroupCommit(() -> {
            if (forces.incrementAndGet() == 1) {
                throw new IOException("device gone");
            }
        });
        assertThatThrownBy(commit::commit).isInstanceOf(IOException.class).hasMessage("device gone");
        commit.commit();
        assertThat(forces).hasValue(2);
    }

    private static void commitQuietly(GroupCommit commit) {
        try {
            commit.commit();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(BOUND_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("waited " + BOUND_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
