package dev.convkit.cli.io;

import picocli.CommandLine;

import java.util.Arrays;

/**
 * Per-dimension sizes on the command line: {@code 3} or {@code 5x7} (also {@code 5,7}).
 *
 * <pre>{@code
 * Sizes.parse("--input", "5x7"); // [5, 7]
 * }</pre>
 */
public final class Sizes {
    private Sizes() {
    }

    public static int[] parse(String option, String text) {
        String[] parts = text.trim().split("[x×,]", -1);
        int[] out = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                out[i] = Integer.parseInt(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + text + "' is not a size: expected an integer or sizes like 5x7");
        }
        return out;
    }

    /** Sizes as one option value (picocli would otherwise read an int[] option as a repeated option). */
    public record Dims(int[] values) {
        @Override
        public String toString() {
            return format(values);
        }
    }

    /** A picocli converter for options written {@code N} or {@code NxM}. */
    public static final class Converter implements CommandLine.ITypeConverter<Dims> {
        @Override
        public Dims convert(String value) {
            return new Dims(parse("size", value));
        }
    }

    /** The values of {@code dims}, or {@code fallback} when the option was not given. */
    public static int[] or(Dims dims, int[] fallback) {
        return dims == null ? fallback : dims.values();
    }

    public static String format(int[] sizes) {
        return Arrays.stream(sizes).mapToObj(Integer::toString).reduce((a, b) -> a + "x" + b).orElse("");
    }
}
