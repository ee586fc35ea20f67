package dev.convkit.onnx;

import dev.convkit.nn.io.ModelFormat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * ONNX for {@code Model.load}: files named {@code *.onnx} are read as an {@link OnnxModel}, with their
 * {@code metadata_props} as the metadata. Listed in {@code META-INF/services/dev.convkit.nn.io.ModelFormat}.
 *
 * <pre>{@code
 * ModelFormat onnx = ServiceLoader.load(ModelFormat.class).stream().map(ServiceLoader.Provider::get)
 *         .filter(f -> f.reads(Path.of("model.onnx"))).findFirst().orElseThrow();
 * assert onnx instanceof OnnxFormat;
 * assert !onnx.reads(Path.of("model.safetensors"));
 * }</pre>
 */
public final class OnnxFormat implements ModelFormat {
    @Override
    public boolean reads(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    @Override
    public Loaded load(Path file) throws IOException {
        OnnxModel model = OnnxModel.read(file);
        return new Loaded(model, model.metadata());
    }
}
