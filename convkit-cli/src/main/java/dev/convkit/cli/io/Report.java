package dev.convkit.cli.io;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.convkit.cli.UserError;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.tensor.TensorFormat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The named tensors a command prints, in one of three formats: aligned tables (default), CSV
 * ({@code # name} lines, then rows; slices separated by blank lines) or one JSON object
 * {@code {"name": {"shape", "data"}, ...}}.
 */
public final class Report {
    /** Output formats. */
    public enum Format { TABLE, CSV, JSON }

    private record Entry(String key, String title, Tensor tensor, boolean integers) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Adds a tensor; {@code key} names it in JSON, {@code title} in tables and CSV. */
    public Report add(String key, String title, Tensor tensor) {
        entries.add(new Entry(key, title, tensor, false));
        return this;
    }

    public Report add(String key, String title, IndexTensor tensor) {
        entries.add(new Entry(key, title, tensor.toTensor(), true));
        return this;
    }

    public void print(PrintWriter out, Format format) {
        switch (format) {
            case JSON -> printJson(out);
            case CSV -> printCsv(out);
            default -> printTables(out);
        }
    }

    private void printTables(PrintWriter out) {
        boolean first = true;
        for (Entry e : entries) {
            if (!first) {
                out.println();
            }
            first = false;
            out.println(e.title() + " " + Shape.toString(e.tensor().shape()).replace(", ", "x").replace("[", "(").replace("]", ")") + ":");
            String body = squeezeLeading(e.tensor()).toString();
            for (String line : body.split("\n")) {
                out.println(line.isEmpty() ? "" : "  " + line);
            }
        }
    }

    private void printCsv(PrintWriter out) {
        for (Entry e : entries) {
            out.println("# " + e.key() + " " + Shape.toString(e.tensor().shape()));
            Tensor t = squeezeLeading(e.tensor());
            int rows = t.rank() >= 2 ? t.dim(-2) : 1;
            int planes = (int) (t.numel() / Math.max(1, rows * (long) (t.rank() >= 1 ? t.dim(-1) : 1)));
            int cols = t.rank() >= 1 ? t.dim(-1) : 1;
            float[] d = t.data();
            for (int p = 0; p < planes; p++) {
                if (p > 0) {
                    out.println();
                }
                for (int r = 0; r < rows; r++) {
                    StringBuilder line = new StringBuilder();
                    for (int c = 0; c < cols; c++) {
                        line.append(c > 0 ? "," : "").append(TensorFormat.number(d[(p * rows + r) * cols + c]));
                    }
                    out.println(line);
                }
            }
        }
    }

    private void printJson(PrintWriter out) {
        StringWriter buffer = new StringWriter();
        try (JsonGenerator gen = TensorJson.MAPPER.createGenerator(buffer)) {
            gen.useDefaultPrettyPrinter();
            gen.writeStartObject();
            for (Entry e : entries) {
                gen.writeFieldName(e.key());
                if (e.integers()) {
                    long[] values = new long[e.tensor().data().length];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (long) e.tensor().data()[i];
                    }
                    TensorJson.write(gen, IndexTensor.wrap(values, e.tensor().shape()));
                } else {
                    TensorJson.write(gen, e.tensor());
                }
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UserError("cannot write JSON: " + e.getMessage(), e);
        }
        out.println(buffer);
    }

    /** Drops leading dimensions of size 1 so a single matrix prints as one table. */
    private static Tensor squeezeLeading(Tensor t) {
        int[] shape = t.shape();
        int start = 0;
        while (start < shape.length - 2 && shape[start] == 1) {
            start++;
        }
        return start == 0 ? t : t.reshape(Arrays.copyOfRange(shape, start, shape.length));
    }
}
