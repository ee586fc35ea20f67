package dev.convkit.core.kernels;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Parallel#forEach}: every task runs exactly once, none is still running when the call returns
 * (the caller works too and waits only for the tasks a worker claimed), failures reach the caller, and nested calls
 * run inline, also while helpers wait awake between passes; and helpers that wait awake go back to sleep.
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
    void theCallerTakesTheFirstTasksAndAWorkerTheLast() {
        Parallel.setThreads(2);
        for (int round = 0; round < 5; round++) {
            Thread caller = Thread.currentThread();
            int[] workerFirst = {-1};
            java.util.concurrent.CountDownLatch workerRan = new java.util.concurrent.CountDownLatch(1);
            Parallel.forEach(8, i -> {
                if (Thread.currentThread() != caller) {
                    synchronized (workerFirst) {
                        if (workerFirst[0] < 0) {
                            workerFirst[0] = i;
                        }
                    }
                    workerRan.countDown();
                } else if (i == 0) {
                    try { // hold task 0 until the worker has claimed one: it must have claimed from the last down
                        assertThat(workerRan.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            });
            assertThat(workerFirst[0]).as("the worker's first task").isEqualTo(7);
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

    @Test
    void helpersThatStayAwakeBetweenPassesKeepEveryContract() throws InterruptedException {
        long budgetBefore = Parallel.spinNanos;
        Parallel.spinNanos = 60_000_000_000L; // helpers stay awake through all of this, unless shut down or descheduled
        ForkJoinPool own = Parallel.newPool(3);
        try {
            for (int round = 0; round < 300; round++) {
                if (round % 25 == 0) {
                    Parallel.setThreads(1 + round / 25 % 3); // shuts down a pool whose helpers spin
                }
                int count = 2 + round % 37; // one task would run inline, its inner passes then not nested
                AtomicIntegerArray runs = new AtomicIntegerArray(count);
                Parallel.forEach(count, runs::incrementAndGet); // back to back with the last round's passes
                AtomicIntegerArray owned = new AtomicIntegerArray(count * 2);
                AtomicInteger elsewhere = new AtomicInteger();
                Parallel.within(own, () -> Parallel.forEach(count, outer -> {
                    Thread outerThread = Thread.currentThread();
                    Parallel.forEach(2, inner -> {
                        owned.incrementAndGet(outer * 2 + inner);
                        if (Thread.currentThread() != outerThread) {
                            elsewhere.incrementAndGet();
                        }
                    });
                }));
                for (int i = 0; i < count; i++) {
                    assertThat(runs.get(i)).as("round %d task %d", round, i).isEqualTo(1);
                    assertThat(owned.get(2 * i) + owned.get(2 * i + 1)).as("round %d own task %d", round, i).isEqualTo(2);
                }
                assertThat(elsewhere.get()).as("nested tasks left their thread").isZero();
                if (round % 5 == 0) {
                    AtomicInteger ran = new AtomicInteger();
                    assertThatThrownBy(() -> Parallel.forEach(count + 1, i -> {
                        if (i == count / 2) {
                            throw new IllegalStateException("task " + i);
                        }
                        ran.incrementAndGet();
                    })).isInstanceOf(IllegalStateException.class).hasMessage("task " + count / 2);
                    if (Parallel.threads() > 1) { // one thread runs inline and stops at the failure
                        assertThat(ran.get()).as("round %d", round).isEqualTo(count);
                    }
                }
            }
            // the helpers of a pool that setThreads replaces stop spinning and their threads end
            Parallel.setThreads(2);
            Set<Thread> helpers = ConcurrentHashMap.newKeySet();
            Thread caller = Thread.currentThread();
            for (int round = 0; round < 50 && helpers.isEmpty(); round++) {
                Parallel.forEach(2, i -> {
                    sleep(1);
                    if (Thread.currentThread() != caller) {
                        helpers.add(Thread.currentThread());
                    }
                });
            }
            assertThat(helpers).as("a helper took part").isNotEmpty();
            Parallel.setThreads(3);
            for (Thread helper : helpers) {
                helper.join(10_000);
                assertThat(helper.isAlive()).as("%s of the replaced pool still runs", helper.getName()).isFalse();
            }
        } finally {
            own.shutdown();
            Parallel.spinNanos = budgetBefore;
            Parallel.setThreads(Parallel.threads() == 1 ? 2 : 1); // no helper of this test spins on
        }
    }

    @Test
    void helpersGoBackToSleepOnceTheBudgetIsSpent() throws InterruptedException {
        Parallel.setThreads(2);
        for (int round = 0; round < 100; round++) {
            Parallel.forEach(8, i -> Thread.onSpinWait());
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Parallel.awakeHelpers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(Parallel.awakeHelpers()).as("helpers awake long after the last pass").isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
