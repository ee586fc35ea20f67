package dev.convkit.core.kernels;

import dev.convkit.core.InvalidArgumentException;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
    static final long DEFAULT_SPIN_MICROS = 100;
    /** How long a helper waits awake for the next pass (system property {@code convkit.spinMicros}); tests set it. */
    static volatile long spinNanos = spinMicros() * 1000;
    /** A spinning thread whose clock jumped by more than this between two looks was descheduled. */
    private static final long STALE_NANOS = 20_000;
    /** The pool {@link #within} gave the calling thread (and its tasks), or null for the shared one. */
    private static final ThreadLocal<ForkJoinPool> SCOPED = new ThreadLocal<>();
    /** Whether the calling thread is running tasks of a {@link #forEach} it called. */
    private static final ThreadLocal<boolean[]> IN_PASS = ThreadLocal.withInitial(() -> new boolean[1]);

    private Parallel() {
    }

    private static long spinMicros() {
        try {
            return Math.max(0, Long.parseLong(System.getProperty("convkit.spinMicros", "" + DEFAULT_SPIN_MICROS).trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_SPIN_MICROS;
        }
    }

    /** The helpers of the shared pool awake now (spinning or working), for tests: none once idle past the budget. */
    static int awakeHelpers() {
        return pool instanceof Crew crew ? crew.awake() : 0;
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
                    p = new Crew(threads, "convkit-");
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
        return new Crew(count, "convkit-own-");
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
     * the one {@link #within} gave) take the tasks. The caller works too, so a pass wakes one
     * worker fewer, and it waits only for tasks a worker has claimed, never for a worker that has not
     * started yet: on a busy or two-core machine the wake-ups, not the work, were the cost of a short pass.
     * The caller takes the tasks from the first up, the workers from the last down, so that each thread runs mostly
     * the same tasks pass after pass and finds what they wrote last time in its own cache (pool21: with the tasks
     * handed out alternately, a max pool backward's planes moved between the cores every call and its work at two
     * threads cost 1.4-2.3x its work at one).
     * A worker that has drained a pass stays awake for {@code convkit.spinMicros} (default
     * {@value #DEFAULT_SPIN_MICROS}; 0 parks at once) and takes the next pass handed to it without a wake-up, as
     * back-to-back kernels call; then it parks. The first exception a task throws reaches the caller as it was
     * thrown (its one-line message intact), once every claimed task has ended.
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
        ForkJoinPool p = scoped != null ? scoped : pool();
        int helpers = workers - 1;
        Crew crew = p instanceof Crew c ? c : null;
        while (helpers > 0 && crew != null && crew.handTo(pass)) {
            helpers--; // a helper still awake from the last pass takes it: no wake-up
        }
        if (helpers > 0) {
            Runnable run = crew != null ? () -> crew.serve(pass) : pass::drainFromLast;
            Runnable helper = scoped == null ? run : () -> within(scoped, run);
            for (; helpers > 0; helpers--) {
                p.execute(helper);
            }
        }
        boolean[] inPass = IN_PASS.get();
        inPass[0] = true; // a task the caller runs is nested like a worker's: its own passes run inline
        try {
            pass.drainFromFirst();
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

    /**
     * One {@link #forEach}: the tasks not yet handed out, [first, last] (the caller takes from the first, the workers
     * from the last, so each thread keeps its end of the tasks from pass to pass), and how many handed-out tasks have ended.
     */
    private static final class Pass {
        private static final int SPINS_BEFORE_PARK = 1 << 8;

        private final int count;
        private final IntConsumer body;
        /** The first task not yet handed out in the high 32 bits, one past the last in the low 32: one CAS claims from either end. */
        private final AtomicLong unclaimed;
        private final AtomicInteger ended = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>(); // the first RuntimeException or Error
        private volatile Thread waiter;

        Pass(int count, IntConsumer body) {
            this.count = count;
            this.body = body;
            this.unclaimed = new AtomicLong(count & 0xFFFF_FFFFL);
        }

        /** The caller's drain: the tasks from the first up. */
        void drainFromFirst() {
            drain(true, null, 0);
        }

        /** A worker's drain: the tasks from the last down. */
        void drainFromLast() {
            drain(false, null, 0);
        }

        /** Takes the lowest (or highest) task not yet handed out, or returns -1 when none is left. */
        private int claim(boolean fromFirst) {
            while (true) {
                long range = unclaimed.get();
                int first = (int) (range >>> 32);
                int end = (int) range;
                if (first >= end) {
                    return -1;
                }
                long rest = fromFirst ? range + (1L << 32) : range - 1;
                if (unclaimed.compareAndSet(range, rest)) {
                    return fromFirst ? first : end - 1;
                }
            }
        }

        /** Runs tasks until none is left; a helper on a seat of a {@link Crew} stamps its beat after each. */
        void drain(boolean fromFirst, AtomicLongArray beats, int seat) {
            for (int i = claim(fromFirst); i >= 0; i = claim(fromFirst)) {
                try {
                    body.accept(i);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    if (beats != null) {
                        beats.setRelease(seat, System.nanoTime()); // before the caller can see the pass end
                    }
                    if (ended.incrementAndGet() == count) {
                        Thread t = waiter;
                        if (t != null) {
                            LockSupport.unpark(t);
                        }
                    }
                }
            }
        }

        /**
         * Returns once every task is handed out (the caller drained) and has ended: spins for the helpers' last
         * tasks up to {@link Parallel#spinNanos} (unless descheduled meanwhile), then parks until the last one unparks it.
         */
        void awaitClaimed() {
            long budget = spinNanos;
            long start = System.nanoTime();
            long beat = start;
            for (int spin = 0; ended.get() < count; spin++) {
                long now = System.nanoTime();
                if (spin < SPINS_BEFORE_PARK || now - start < budget && now - beat < STALE_NANOS) {
                    beat = now;
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

    /**
     * A pool whose helpers, once they have drained a pass, wait awake (spinning) for up to {@link Parallel#spinNanos} for
     * the next pass of the same pool before they give their thread back. Each awake helper holds a seat;
     * {@link #forEach} hands a pass to a seat instead of waking a thread. A seat is null (empty), {@link #BUSY}
     * (its helper is draining), {@link #IDLE} (its helper spins), or the {@link Pass} handed to it. Only the
     * helper clears its seat, and only from IDLE, so a handed pass is always taken. At most parallelism − 1
     * seats: the caller is the other thread of a pass, so no helper spins beside a full crew.
     * <p>
     * On a loaded machine a spinning thread is the first the scheduler takes off its core, and a pass handed to
     * it waits for its next time slice, far longer than a wake-up. So each helper stamps a beat as it spins and
     * as it ends a task; a pass goes only to a seat whose beat is fresher than {@link Parallel#STALE_NANOS}, and a helper
     * that finds its own clock jumped by more than that has been descheduled: it stops spinning, and no helper
     * of the pool spins for {@link #CALM_NANOS} (a spinner uses up its share of the CPU, so the scheduler
     * preempts it in the middle of the next pass's task, which the caller then waits for).
     */
    private static final class Crew extends ForkJoinPool {
        private static final Object BUSY = "busy";
        private static final Object IDLE = "idle";

        /** How long no helper spins after one was descheduled while it spun: the machine is busy. */
        private static final long CALM_NANOS = 10_000_000;

        private final AtomicReferenceArray<Object> seats;
        private final AtomicLongArray beats;
        /** No helper of this pool spins before this time (System.nanoTime). */
        private volatile long calmFrom = System.nanoTime();

        Crew(int count, String namePrefix) {
            super(count, pool -> {
                ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setName(namePrefix + t.getPoolIndex());
                t.setDaemon(true);
                return t;
            }, null, false);
            seats = new AtomicReferenceArray<>(count - 1);
            beats = new AtomicLongArray(count - 1);
        }

        /** Hands {@code pass} to a helper that is awake and on its core; false if none is. */
        boolean handTo(Pass pass) {
            for (int s = 0; s < seats.length(); s++) {
                Object state = seats.get(s);
                if ((state == IDLE || state == BUSY) && System.nanoTime() - beats.getAcquire(s) < STALE_NANOS
                        && seats.compareAndSet(s, state, pass)) {
                    return true;
                }
            }
            return false;
        }

        /** A helper's run: drains {@code first}, then each pass handed to its seat until it has waited the budget. */
        void serve(Pass first) {
            long budget = spinNanos;
            int seat = budget > 0 && System.nanoTime() - calmFrom >= 0 ? takeSeat() : -1;
            if (seat < 0) {
                first.drainFromLast();
                return;
            }
            try {
                for (Pass pass = first; pass != null; ) {
                    pass.drain(false, beats, seat);
                    pass = seats.compareAndSet(seat, BUSY, IDLE) ? awaitHanded(seat, budget) : takeHanded(seat);
                }
            } catch (Throwable t) { // not a task's RuntimeException or Error (drain keeps those): free the seat
                seats.set(seat, null);
                throw t;
            }
        }

        /** Spins until a pass is handed to {@code seat} (returned) or the wait ends (null, the seat cleared). */
        private Pass awaitHanded(int seat, long budget) {
            long start = System.nanoTime();
            long beat = start;
            while (true) {
                if (seats.get(seat) instanceof Pass) {
                    return takeHanded(seat);
                }
                long now = System.nanoTime();
                if (now - beat > STALE_NANOS) {
                    calmFrom = now + CALM_NANOS;
                }
                if (now - start > budget || now - beat > STALE_NANOS || isShutdown()) {
                    if (seats.compareAndSet(seat, IDLE, null)) {
                        return null;
                    }
                } else {
                    beats.setRelease(seat, now);
                    beat = now;
                    Thread.onSpinWait();
                }
            }
        }

        private Pass takeHanded(int seat) {
            return (Pass) seats.getAndSet(seat, BUSY);
        }

        private int takeSeat() {
            for (int s = 0; s < seats.length(); s++) {
                if (seats.get(s) == null && seats.compareAndSet(s, null, BUSY)) {
                    return s;
                }
            }
            return -1;
        }

        int awake() {
            int n = 0;
            for (int s = 0; s < seats.length(); s++) {
                n += seats.get(s) == null ? 0 : 1;
            }
            return n;
        }
    }
}
