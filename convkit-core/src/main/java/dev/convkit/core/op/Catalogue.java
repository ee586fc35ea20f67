package dev.convkit.core.op;

import dev.convkit.core.InvalidArgumentException;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every op convkit computes, by its torch.nn.functional name: the convolutions
 * ({@link ConvOps}) and the pooling family ({@link PoolOps}), 1-d to 3-d. Adding an op means one
 * entry there plus its tests.
 *
 * <pre>{@code
 * assert Catalogue.require("max_pool2d").params().get(0).name().equals("kernel_size");
 * assert Catalogue.find("conv4d") == null;
 * assert Catalogue.names().size() == 26;
 * }</pre>
 */
public final class Catalogue {
    private static final Map<String, Op> OPS;

    static {
        Map<String, Op> ops = new TreeMap<>();
        ConvOps.register(ops);
        PoolOps.register(ops);
        OPS = Collections.unmodifiableMap(ops);
    }

    private Catalogue() {
    }

    /** The op, or null when there is none by that name. */
    public static Op find(String name) {
        return name == null ? null : OPS.get(name);
    }

    /**
     * The op.
     *
     * @throws InvalidArgumentException naming the unknown op and the known ones
     */
    public static Op require(String name) {
        Op op = find(name);
        if (op == null) {
            throw InvalidArgumentException.of("unknown op '%s' (known: %s)", name, String.join(", ", OPS.keySet()));
        }
        return op;
    }

    /** The op of {@code family} (e.g. {@code max_pool}) with {@code rank} spatial dimensions. */
    public static Op require(String family, int rank) {
        return require(family + rank + "d");
    }

    /** Every op, sorted by name. */
    public static Collection<Op> all() {
        return OPS.values();
    }

    /** Every op name, sorted. */
    public static Set<String> names() {
        return OPS.keySet();
    }
}
