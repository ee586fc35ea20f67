package dev.convkit.bench;

import dev.convkit.core.backend.Backend;

import java.util.concurrent.CountDownLatch;

/**
 * The machine's fp32 FMA peak at a thread count, measured on the spot with a tiny loop of
 * independent FMA chains: Vector API lanes when the fast kernels use them, scalar otherwise.
 */
public final class PeakFlops {
    /** One measurement loop: returns the FLOPs it performed. */
    public interface Loop {
        long run(long iterations);
    }

    private PeakFlops() {
    }

    static Loop loop() {
        if (Backend.active().provider().name().startsWith("panama")) {
            try {
                return (Loop) Class.forName("dev.convkit.bench.panama.PanamaFmaLoop").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                // fall back to the scalar loop
            }
        }
        return new ScalarFmaLoop();
    }

    /** GFLOP/s of {@code threads} threads each running the FMA loop at once. */
    public static double measure(int threads) {
        Loop loop = loop();
        long iterations = 2_000_000;
        // many short calls get the loop compiled as a method; two long ones left it to on-stack
        // replacement entered from the interpreter, where the Vector API's lanes may be boxed
        for (int call = 0; call < 20_000; call++) {
            loop.run(64);
        }
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long[] flops = new long[threads];
            CountDownLatch start = new CountDownLatch(1);
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int id = t;
                workers[t] = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    flops[id] = loop.run(iterations);
                });
                workers[t].start();
            }
            long t0 = System.nanoTime();
            start.countDown();
            for (Thread w : workers) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long total = 0;
            for (long f : flops) {
                total += f;
            }
            best = Math.max(best, total / seconds / 1e9);
        }
        return best;
    }

    /** Eight independent scalar FMA chains. */
    static final class ScalarFmaLoop implements Loop {
        @Override
        public long run(long iterations) {
            float a0 = 1, a1 = 1, a2 = 1, a3 = 1, a4 = 1, a5 = 1, a6 = 1, a7 = 1;
            float m = 0.999999f;
            float c = 1e-7f;
            for (long i = 0; i < iterations; i++) {
                a0 = Math.fma(a0, m, c);
                a1 = Math.fma(a1, m, c);
                a2 = Math.fma(a2, m, c);
                a3 = Math.fma(a3, m, c);
                a4 = Math.fma(a4, m, c);
                a5 = Math.fma(a5, m, c);
                a6 = Math.fma(a6, m, c);
                a7 = Math.fma(a7, m, c);
            }
            if (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 == 42) {
                System.out.print("");
            }
            return iterations * 8 * 2;
        }
    }
}
