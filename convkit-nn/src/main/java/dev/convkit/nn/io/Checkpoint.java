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
import java.util.Map;

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

    /** Writes a model's parameters and buffers, its architecture and {@code extra} metadata (atomically). */
    public static void saveModel(Path path, Sequential model, Map<String, String> extra) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(extra);
        meta.put(ModelMetadata.ARCHITECTURE, model.spec());
        meta.put(ModelMetadata.FORMAT, "convkit-model/1");
        Safetensors.write(path, stateDict(model), meta);
    }

    /** Writes model + optimizer state + counters (atomically). */
    public static void saveTraining(Path path, Sequential model, Optimizer optimizer, Map<String, String> counters)
            throws IOException {
        Map<String, Tensor> all = stateDict(model);
        optimizer.state().forEach((k, v) -> all.put("optim." + k, Tensor.wrap(v, v.length)));
        Map<String, String> meta = new LinkedHashMap<>(counters);
        meta.put(ModelMetadata.ARCHITECTURE, model.spec());
        meta.put(ModelMetadata.FORMAT, "convkit-checkpoint/1");
        meta.put("optimizer_steps", Long.toString(optimizer.steps()));
        Safetensors.write(path, all, meta);
    }

    /**
     * Rebuilds the model recorded in a safetensors file (a model or a checkpoint) and loads its
     * values; the network is in training mode, as a freshly built one. Before anything is allocated,
     * the weights the architecture declares are counted (without building it) and compared with the
     * values the file actually holds, so that a small file cannot make the reader build a huge model.
     * For inference, {@code Model.load} wraps this with the preprocessing and class names.
     *
     * @throws InvalidArgumentException naming the file when it is not a convkit model or is corrupt
     */
    public static Sequential loadModel(Path path) throws IOException {
        return (Sequential) readModel(path).network();
    }

    /** {@link #loadModel}, with the file's metadata. */
    public static ModelFormat.Loaded readModel(Path path) throws IOException {
        Safetensors.File file = Safetensors.read(path);
        String spec = file.metadata().get(ModelMetadata.ARCHITECTURE);
        if (spec == null) {
            throw new InvalidArgumentException(path + ": no architecture in the metadata (not a convkit model)");
        }
        long held = 0;
        for (Tensor t : file.tensors().values()) {
            held += t.numel();
        }
        long declared = Architecture.declaredWeights(spec);
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
        return new ModelFormat.Loaded(model, file.metadata());
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
