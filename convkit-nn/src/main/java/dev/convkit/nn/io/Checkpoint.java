package dev.convkit.nn.io;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.nn.optim.Optimizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Models and training state as safetensors. A model file holds the parameters and buffers under
 * their state-dict names and the architecture spec in the metadata; a checkpoint adds the
 * optimizer's state ({@code optim.*}) and training counters in the metadata.
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

    /** Rebuilds the model recorded in a file and loads its values. */
    public static Sequential loadModel(Path path) throws IOException {
        Safetensors.File file = Safetensors.read(path);
        String spec = file.metadata().get("architecture");
        if (spec == null) {
            throw new InvalidArgumentException(path + ": no architecture in the metadata (not a convkit model)");
        }
        Sequential model = Architecture.build(spec, 0);
        load(model, file, path);
        return model;
    }

    /** Copies a file's parameters and buffers into {@code model}; every name must be present with its shape. */
    public static void load(Sequential model, Safetensors.File file, Path path) {
        for (Map.Entry<String, Variable> e : model.parameters().entrySet()) {
            Tensor t = file.tensors().get(e.getKey());
            if (t == null) {
                throw InvalidArgumentException.of("%s: missing tensor %s", path, e.getKey());
            }
            e.getValue().set(t.copy());
        }
        for (Map.Entry<String, float[]> e : model.buffers().entrySet()) {
            Tensor t = file.tensors().get(e.getKey());
            if (t == null || t.numel() != e.getValue().length) {
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
