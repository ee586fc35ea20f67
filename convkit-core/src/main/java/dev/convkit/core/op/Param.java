package dev.convkit.core.op;

/**
 * One parameter of an op, as torch.nn.functional names it.
 *
 * @param name         the keyword, e.g. {@code stride}
 * @param type         how values are read
 * @param defaultValue the typed value when the parameter is absent, or null (the op decides, e.g. stride = kernel)
 * @param required     whether a call must give it
 * @param description  one line for help texts and the explorer
 *
 * <pre>{@code
 * Param stride = Catalogue.require("conv2d").param("stride");
 * assert stride.type() == ParamType.INTS && Arrays.equals((int[]) stride.defaultValue(), new int[] {1});
 * }</pre>
 */
public record Param(String name, ParamType type, Object defaultValue, boolean required, String description) {
    /** An optional parameter with a default. */
    public static Param optional(String name, ParamType type, Object defaultValue, String description) {
        return new Param(name, type, defaultValue, false, description);
    }

    /** A parameter every call must give. */
    public static Param required(String name, ParamType type, String description) {
        return new Param(name, type, null, true, description);
    }
}
