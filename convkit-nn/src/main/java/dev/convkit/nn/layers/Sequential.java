package dev.convkit.nn.layers;

import dev.convkit.nn.autograd.Variable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layers applied in order. Parameter and buffer names are {@code index.name}, as in PyTorch's
 * nn.Sequential state dict ({@code 0.weight}, {@code 1.running_mean}, ...).
 *
 * <pre>{@code
 * Sequential net = new Sequential(List.of(new Layers.Flatten(), new Layers.Linear(4, 2, new SplittableRandom(0))));
 * assert net.parameters().keySet().equals(new LinkedHashSet<>(List.of("1.weight", "1.bias"))); // PyTorch's state-dict names
 * assert net.spec().equals("flatten;linear(4,2)");
 * }</pre>
 */
public final class Sequential extends Module {
    private final List<Module> layers;

    public Sequential(List<Module> layers) {
        this.layers = Collections.unmodifiableList(new ArrayList<>(layers));
    }

    public List<Module> layers() {
        return layers;
    }

    @Override
    public Variable forward(Variable x) {
        Variable h = x;
        for (Module m : layers) {
            h = m.forward(h);
        }
        return h;
    }

    @Override
    public Map<String, Variable> parameters() {
        Map<String, Variable> all = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, Variable> e : layers.get(i).parameters().entrySet()) {
                all.put(i + "." + e.getKey(), e.getValue());
            }
        }
        return all;
    }

    @Override
    public Map<String, float[]> buffers() {
        Map<String, float[]> all = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, float[]> e : layers.get(i).buffers().entrySet()) {
                all.put(i + "." + e.getKey(), e.getValue());
            }
        }
        return all;
    }

    @Override
    public void train(boolean on) {
        super.train(on);
        for (Module m : layers) {
            m.train(on);
        }
    }

    /** Reseeds every layer with {@code seed}. */
    @Override
    public void reseed(long seed) {
        for (Module m : layers) {
            m.reseed(seed);
        }
    }

    @Override
    public String spec() {
        StringBuilder out = new StringBuilder();
        for (Module m : layers) {
            if (out.length() > 0) {
                out.append(';');
            }
            out.append(m.spec());
        }
        return out.toString();
    }
}
