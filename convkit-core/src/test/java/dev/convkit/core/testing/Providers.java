package dev.convkit.core.testing;

import dev.convkit.core.kernels.KernelProvider;

import java.util.ArrayList;
import java.util.List;

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
}
