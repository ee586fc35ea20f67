package dev.convkit.nn.io;

import dev.convkit.nn.layers.Module;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model file format that {@code Model.load} finds through {@link java.util.ServiceLoader}.
 * convkit-nn reads safetensors itself; convkit-onnx adds ONNX by listing its implementation in
 * {@code META-INF/services/dev.convkit.nn.io.ModelFormat}.
 */
public interface ModelFormat {
    /** Whether this format reads {@code file} (by its extension or its first bytes). */
    boolean reads(Path file);

    /** Reads the network, in eval mode, and the string metadata recorded with it. */
    Loaded load(Path file) throws IOException;

    /** A network and its metadata (string keys and values, as safetensors and ONNX both store them). */
    record Loaded(Module network, Map<String, String> metadata) {}
}
