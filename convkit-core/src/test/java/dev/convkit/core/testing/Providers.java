package dev.convkit.core.testing;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The fast-kernel providers this JVM can run: scalar always, the Vector API one when its module is present. */
public final class Providers {
    private Providers() {
    }

    public static List<KernelProvider> all() {
        List<KernelProvider> list = new ArrayList<>();
        list.add(KernelProvider.scalar());
        KernelProvider panama = KernelProvider.panama();
        if (panama != null) {
            list.add(panama);
        }
        return list;
    }

    /** {@code pass}'s result at {@code threads} threads; the thread count is set back after. */
    public static float[] atThreads(int threads, Supplier<float[]> pass) {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(threads);
            return pass.get();
        } finally {
            Parallel.setThreads(before);
        }
    }
}
