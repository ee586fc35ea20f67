package dev.convkit.cli.cases;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Every op that {@code compute} answers, by its torch.nn.functional name. */
public final class CaseOps {
    private static final Map<String, CaseOp> OPS;

    static {
        Map<String, CaseOp> ops = new TreeMap<>();
        ConvCaseOps.register(ops);
        PoolCaseOps.register(ops);
        OPS = Collections.unmodifiableMap(ops);
    }

    private CaseOps() {
    }

    /** The op, or null when it is unknown. */
    public static CaseOp find(String name) {
        return OPS.get(name);
    }

    /** The names of every op, sorted. */
    public static java.util.Set<String> names() {
        return OPS.keySet();
    }
}
