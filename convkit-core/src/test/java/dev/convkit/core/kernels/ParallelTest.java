package dev.convkit.core.kernels;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Parallel#forEach}: every task runs exactly once, none is still running when the call returns
 * (the caller works too and waits only for the tasks a worker claimed), failures reach the caller, and nested calls
 * run inline.
 */
class ParallelTest {
    private final int before = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(before);
    }

    @Test
    void everyTaskRunsOnceAndHasEndedWhenTheCallReturns() {
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            for (int count : new int[] {0, 1, 2, 3, 7, 64, 1000}) {
                for (int round = 0; round < 20; round++) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(count);
                    AtomicInteger running = new AtomicInteger();
                    Parallel.forEach(count, i -> {
                        running.incrementAndGet();
                        if (i % 3 == 0) {
                            Thread.onSpinWait(); // uneven tasks
                            Thread.yield();
                        }
                        runs.incrementAndGet(i);
                        running.decrementAndGet();
                    });
                    assertThat(running.get()).as("tasks still running after the call, %d threads", threads).isZero();
                    for (int i = 0; i < count; i++) {
                        assertThat(runs.get(i)).as("runs of task %d of %d, %d threads", i, count, threads).isEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void aSlowTaskOnAWorkerIsWaitedFor() {
        Parallel.setThreads(2);
        AtomicInteger finished = new AtomicInteger();
        for (int round = 0; round < 5; round++) {
            finished.set(0);
            Parallel.forEach(3, i -> {
                sleep(i == 0 ? 1 : 15); // the caller takes task 0 and then has nothing left to take
                finished.incrementAndGet();
            });
            assertThat(finished.get()).isEqualTo(3);
        }
    }

    @Test
    void theFirstFailureReachesTheCallerAfterTheOtherTasksEnd() {
        Parallel.setThreads(2);
        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> Parallel.forEach(50, i -> {
            if (i == 17) {
                throw new IllegalArgumentException("task 17");
            }
            ran.incrementAndGet();
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("task 17");
        assertThat(ran.get()).isEqualTo(49);
        assertThatThrownBy(() -> Parallel.forEach(8, i -> {
            if (i == 5) {
                throw new AssertionError("task 5");
            }
        })).isInstanceOf(AssertionError.class).hasMessage("task 5");
    }

    @Test
    void nestedCallsRunInlineAndOwnPoolsAreUsed() {
        Parallel.setThreads(2);
        AtomicIntegerArray runs = new AtomicIntegerArray(16);
        AtomicInteger elsewhere = new AtomicInteger();
        Parallel.forEach(4, outer -> {
            Thread outerThread = Thread.currentThread();
            Parallel.forEach(4, inner -> {
                runs.incrementAndGet(outer * 4 + inner);
                if (Thread.currentThread() != outerThread) {
                    elsewhere.incrementAndGet();
                }
            });
        });
        for (int i = 0; i < 16; i++) {
            assertThat(runs.get(i)).isEqualTo(1);
        }
        assertThat(elsewhere.get()).as("inner tasks run away from their outer task's thread").isZero();
        ForkJoinPool own = Parallel.newPool(3);
        try {
            AtomicIntegerArray owned = new AtomicIntegerArray(100);
            Parallel.within(own, () -> Parallel.forEach(100, owned::incrementAndGet));
            for (int i = 0; i < 100; i++) {
                assertThat(owned.get(i)).isEqualTo(1);
            }
        } finally {
            own.shutdown();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
