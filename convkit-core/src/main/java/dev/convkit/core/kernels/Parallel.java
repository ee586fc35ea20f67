package dev.convkit.core.kernels;

import dev.convkit.core.InvalidArgumentException;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one shared pool that the kernels run on. Its size defaults to the available processors; set it
 * with {@link #setThreads} or the system property {@code convkit.threads}. Kernels split work so
 * that every output element is computed by one task in a fixed order, so results are bitwise the same
 * for any thread count.
 *
 * <pre>{@code
 * int before = Parallel.threads();
 * Parallel.setThreads(2);
 * double[] squares = new double[8];
 * Parallel.forEach(8, i -> squares[i] = i * i); // the 8 tasks on up to 2 threads
 * assert squares[7] == 49;
 * Parallel.setThreads(before);
 * }</pre>
 */
public final class Parallel {
    private static volatile int threads = initialThreads();
    private static volatile ForkJoinPool pool;
    /** The pool {@link #within} gave the calling thread (and its tasks), or null for the shared one. */
    private static final ThreadLocal<ForkJoinPool> SCOPED = new ThreadLocal<>();
    /** Whether the calling thread is running tasks of a {@link #forEach} it called. */
    private static final ThreadLocal<boolean[]> IN_PASS = ThreadLocal.withInitial(() -> new boolean[1]);

    private Parallel() {
    }

    private static int initialThreads() {
        String value = System.getProperty("convkit.threads");
        if (value != null) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall back to the processor count
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** The number of threads kernels use. */
    public static int threads() {
        return threads;
    }

    /** Sets the number of threads kernels use (1 runs everything on the calling thread). */
    public static synchronized void setThreads(int count) {
        if (count < 1) {
            throw InvalidArgumentException.of("threads must be at least 1, got %d", count);
        }
        if (count != threads) {
            threads = count;
            ForkJoinPool old = pool;
            pool = null;
            if (old != null) {
                old.shutdown();
            }
        }
    }

    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    p = new ForkJoinPool(threads, pool -> {
                        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                        t.setName("convkit-" + t.getPoolIndex());
                        t.setDaemon(true);
                        return t;
                    }, null, false);
                    pool = p;
                }
            }
        }
        return p;
    }

    /**
     * A pool of {@code count} daemon threads for {@link #within}, e.g. one per model, so that a
     * caller's kernels need not share the global pool.
     */
    public static ForkJoinPool newPool(int count) {
        if (count < 1) {
            throw InvalidArgumentException.of("threads must be at least 1, got %d", count);
        }
        return new ForkJoinPool(count, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("convkit-own-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    /**
     * Runs {@code work} on the calling thread with its kernels on {@code own} instead of the shared
     * pool (up to {@code own}'s parallelism). Results are the same bits as on the shared pool.
     *
     * <pre>{@code
     * ForkJoinPool own = Parallel.newPool(2);
     * double[] squares = new double[8];
     * Parallel.within(own, () -> Parallel.forEach(8, i -> squares[i] = i * i));
     * assert squares[7] == 49;
     * own.shutdown();
     * }</pre>
     */
    public static void within(ForkJoinPool own, Runnable work) {
        ForkJoinPool before = SCOPED.get();
        SCOPED.set(own);
        try {
            work.run();
        } finally {
            if (before == null) {
                SCOPED.remove();
            } else {
                SCOPED.set(before);
            }
        }
    }

    /**
     * Runs {@code body.accept(i)} for every i in [0, count): inline when one thread is set or there is
     * one task, otherwise the calling thread and up to threads − 1 pool workers (of the shared pool, or
     * the one {@link #within} gave) take the tasks in order. The caller works too, so a pass wakes one
     * worker fewer, and it waits only for tasks a worker has claimed, never for a worker that has not
     * started yet: on a busy or two-core machine the wake-ups, not the work, were the cost of a short pass.
     * The first exception a task throws reaches the caller as it was thrown (its one-line message
     * intact), once every claimed task has ended.
     */
    public static void forEach(int count, IntConsumer body) {
        ForkJoinPool scoped = SCOPED.get();
        int workers = Math.min(scoped != null ? scoped.getParallelism() : threads, count);
        boolean nested = Thread.currentThread() instanceof ForkJoinWorkerThread w
                && (w.getPool() == pool || w.getPool() == scoped);
        if (workers <= 1 || nested || IN_PASS.get()[0]) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        Pass pass = new Pass(count, body);
        Runnable helper = scoped == null ? pass::drain : () -> within(scoped, pass::drain);
        ForkJoinPool p = scoped != null ? scoped : pool();
        for (int w = 1; w < workers; w++) {
            p.execute(helper);
        }
        boolean[] inPass = IN_PASS.get();
        inPass[0] = true; // a task the caller runs is nested like a worker's: its own passes run inline
        try {
            pass.drain();
        } finally {
            inPass[0] = false;
        }
        pass.awaitClaimed();
        Throwable failure = pass.failure.get();
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /** One {@link #forEach}: the next task to hand out, and how many handed-out tasks have ended. */
    private static final class Pass {
        private static final int SPINS_BEFORE_PARK = 1 << 8;

        private final int count;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger ended = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>(); // the first RuntimeException or Error
        private volatile Thread waiter;

        Pass(int count, IntConsumer body) {
            this.count = count;
            this.body = body;
        }

        void drain() {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                try {
                    body.accept(i);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    if (ended.incrementAndGet() == count) {
                        Thread t = waiter;
                        if (t != null) {
                            LockSupport.unpark(t);
                        }
                    }
                }
            }
        }

        /** Returns once every task is handed out (the caller drained) and has ended. */
        void awaitClaimed() {
            for (int spin = 0; ended.get() < count; spin++) {
                if (spin < SPINS_BEFORE_PARK) {
                    Thread.onSpinWait();
                } else {
                    waiter = Thread.currentThread();
                    if (ended.get() < count) {
                        LockSupport.parkNanos(this, 50_000);
                    }
                }
            }
        }
    }
}
