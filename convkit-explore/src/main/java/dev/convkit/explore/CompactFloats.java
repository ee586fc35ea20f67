package dev.convkit.explore;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;

/**
 * Writes the engine's floats as short as JSON allows: whole numbers without a fraction ({@code 109},
 * not {@code 109.0}), others as Java's shortest float text. The answers of a 64×64 input carry tens of
 * thousands of them.
 *
 * <pre>{@code
 * new ObjectMapper().registerModule(CompactFloats.module()).writeValueAsString(new float[] {109f, 0.5f}); // [109,0.5]
 * }</pre>
 */
public final class CompactFloats {
    private CompactFloats() {
    }

    /** The Jackson module: serializers for float, Float and float[]. */
    public static SimpleModule module() {
        SimpleModule m = new SimpleModule("compact-floats");
        JsonSerializer<Float> one = new JsonSerializer<>() {
            @Override
            public void serialize(Float value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                write(value, gen);
            }
        };
        m.addSerializer(Float.class, one);
        m.addSerializer(float.class, one);
        m.addSerializer(float[].class, new JsonSerializer<>() {
            @Override
            public void serialize(float[] values, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeStartArray(values, values.length);
                for (float v : values) {
                    write(v, gen);
                }
                gen.writeEndArray();
            }
        });
        return m;
    }

    static void write(float v, JsonGenerator gen) throws IOException {
        if (v == (int) v && !(v == 0 && 1 / v < 0)) {
            gen.writeNumber((int) v);
        } else if (Float.isFinite(v)) {
            gen.writeNumber(v);
        } else {
            gen.writeString(Float.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }
}
