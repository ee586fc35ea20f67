package dev.convkit.nn.io;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.nn.optim.Optimizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Models and training state as safetensors. A model file holds the parameters and buffers under
 * their state-dict names and the architecture spec in the metadata; a checkpoint adds the
 * optimizer's state ({@code optim.*}) and training counters in the metadata. Loading checks that
 * the architecture and the tensors match, and counts the architecture's weights against the file
 * before building it.
 *
 * <pre>{@code
 * Sequential net = Architecture.build("conv2d(1,2,3,1,1);relu;flatten;linear(32,10)", 0);
 * Path file = Files.createTempFile("model", ".safetensors");
 * Checkpoint.saveModel(file, net, Map.of("note", "run 1"));      // written atomically
 * Sequential back = Checkpoint.loadModel(file);
 * assert back.spec().equals(net.spec());
 * Files.delete(file);
 * }</pre>
 */
public final class Checkpoint {
    private Checkpoint() {
    }

    /** The tensors of a model: parameters and buffers by name. */
    public static Map<String, Tensor> stateDict(Sequential model) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        model.parameters().forEach((k, v) -> out.put(k, v.value()));
        model.buffers().forEach((k, v) -> out.put(k, Tensor.wrap(v, v.length)));
        return out;
    }

    public static void saveModel(Path path, Sequential model, Map<String, String> extra) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(extra);
        meta.put("architecture", model.spec());
        meta.put("format", "convkit-model/1");
        Safetensors.write(path, stateDict(model), meta);
    }

    /** Writes model + optimizer state + counters (atomically). */
    public static void saveTraining(Path path, Sequential model, Optimizer optimizer, Map<String, String> counters)
            throws IOException {
        Map<String, Tensor> all = stateDict(model);
        optimizer.state().forEach((k, v) -> all.put("optim." + k, Tensor.wrap(v, v.length)));
        Map<String, String> meta = new LinkedHashMap<>(counters);
        meta.put("architecture", model.spec());
        meta.put("format", "convkit-checkpoint/1");
        meta.put("optimizer_steps", Long.toString(optimizer.steps()));
        Safetensors.write(path, all, meta);
    }

    /**
     * Rebuilds the model recorded in a file and loads its values. Before anything is allocated, the
     * weights the architecture declares are counted (without building it) and compared with the
     * values the file actually holds, so that a small file cannot make the reader build a huge model.
     */
    public static Sequential loadModel(Path path) throws IOException {
        Safetensors.File file = Safetensors.read(path);
        String spec = file.metadata().get("architecture");
        if (spec == null) {
            throw new InvalidArgumentException(path + ": no architecture in the metadata (not a convkit model)");
        }
        long held = 0;
        for (Tensor t : file.tensors().values()) {
            held += t.numel();
        }
        long declared = declaredWeights(spec);
        if (declared > held) {
            throw InvalidArgumentException.of("%s: the architecture declares at least %d weights, but the file holds only %d"
                    + " values (architecture and tensors disagree)", path, declared, held);
        }
        Sequential model;
        try {
            model = Architecture.build(spec, 0);
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException(path + ": the architecture in the metadata is unusable: " + e.getMessage());
        }
        load(model, file, path);
        return model;
    }

    /**
     * A lower bound of the number of values a spec declares (convolution and linear weight matrices,
     * batch norm's four vectors),
     * in long arithmetic that saturates instead of overflowing; 0 for layers it does not know (their
     * parameters are then checked when the file is loaded into the built model).
     */
    static long declaredWeights(String spec) {
        long total = 0;
        for (String raw : spec.split(";")) {
            Matcher m = LAYER.matcher(raw.trim());
            if (!m.matches()) {
                continue;
            }
            String kind = m.group(1).toLowerCase(Locale.ROOT);
            int rank = m.group(2) == null ? 2 : Integer.parseInt(m.group(2));
            String[] args = m.group(3) == null ? new String[0] : m.group(3).split(",");
            long weights;
            try {
                if ((kind.equals("conv") || kind.equals("convt")) && args.length >= 3) {
                    weights = saturatingProduct(dim(args[0]), dim(args[1]));
                    for (int i = 0; i < rank; i++) {
                        weights = saturatingProduct(weights, dim(args[2]));
                    }
                } else if (kind.equals("linear") && args.length >= 2) {
                    weights = saturatingProduct(dim(args[0]), dim(args[1]));
                } else if (kind.equals("bn") && args.length >= 1) {
                    weights = saturatingProduct(dim(args[0]), 4); // weight, bias, running mean and variance
                } else {
                    continue;
                }
            } catch (NumberFormatException e) {
                continue; // the architecture reader reports it
            }
            total = total > Long.MAX_VALUE - weights ? Long.MAX_VALUE : total + weights;
        }
        return total;
    }

    private static final Pattern LAYER = Pattern.compile("([a-zA-Z]+)(\\d)?d?(?:\\(([^)]*)\\))?");

    private static long dim(String text) {
        double v = Double.parseDouble(text.trim());
        return v >= 1 ? (long) Math.min(v, Integer.MAX_VALUE) : 0;
    }

    private static long saturatingProduct(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    /**
     * Copies a file's parameters and buffers into {@code model}. The architecture and the tensors must
     * match: every parameter and buffer present with its shape, and no tensor the model does not have
     * (apart from a checkpoint's optimizer state, {@code optim.*}).
     */
    public static void load(Sequential model, Safetensors.File file, Path path) {
        Map<String, Variable> parameters = model.parameters();
        Map<String, float[]> buffers = model.buffers();
        for (String name : file.tensors().keySet()) {
            if (!name.startsWith("optim.") && !parameters.containsKey(name) && !buffers.containsKey(name)) {
                throw InvalidArgumentException.of("%s: tensor %s is not part of the architecture in the metadata"
                        + " (architecture and tensors disagree)", path, name);
            }
        }
        for (Map.Entry<String, Variable> e : parameters.entrySet()) {
            Tensor t = file.tensors().get(e.getKey());
            if (t == null) {
                throw InvalidArgumentException.of("%s: missing tensor %s", path, e.getKey());
            }
            if (!Arrays.equals(t.shape(), e.getValue().value().shape())) {
                throw InvalidArgumentException.of("%s: tensor %s has shape %s, the architecture needs %s", path, e.getKey(),
                        Arrays.toString(t.shape()), Arrays.toString(e.getValue().value().shape()));
            }
            e.getValue().set(t.copy());
        }
        for (Map.Entry<String, float[]> e : buffers.entrySet()) {
            Tensor t = file.tensors().get(e.getKey());
            if (t == null || t.rank() != 1 || t.numel() != e.getValue().length) {
                throw InvalidArgumentException.of("%s: missing or misshapen buffer %s", path, e.getKey());
            }
            System.arraycopy(t.data(), 0, e.getValue(), 0, e.getValue().length);
        }
    }

    /** The optimizer state stored in a checkpoint, without the {@code optim.} prefix. */
    public static Map<String, float[]> optimizerState(Safetensors.File file) {
        Map<String, float[]> out = new LinkedHashMap<>();
        file.tensors().forEach((k, v) -> {
            if (k.startsWith("optim.")) {
                out.put(k.substring("optim.".length()), v.data());
            }
        });
        return out;
    }
}
