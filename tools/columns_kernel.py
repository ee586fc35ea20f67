"""The column-block kernel the column generators write (gen_few_channel_columns.py, gen_quad_columns.py): C channels ×
v vectors of columns from column j, each sum one fma chain over the taps from zero; channels past the last repeat it."""


def kernel(C, v):
    L = []
    L.append(f"    /** {C} channels × {v} vector{'s' if v > 1 else ''} of columns from column j; channels past the last repeat it. */")
    L.append(f"    private static void columns{C}x{v}(float[] x, int[] tapStarts, int taps, float[] w, int wo, int wStride, int channels,")
    L.append(f"                                   float[] out, int oo, int outStride, int j) {{")
    for c in range(C):
        L.append(f"        int w{c} = wo + Math.min({c}, channels - 1) * wStride;")
    for c in range(C):
        for q in range(v):
            L.append(f"        FloatVector a{c}{q} = FloatVector.zero(SPECIES);")
    L.append("        for (int k = 0; k < taps; k++) {")
    L.append("            int xs = tapStarts[k] + j;")
    for q in range(v):
        L.append(f"            FloatVector x{q} = FloatVector.fromArray(SPECIES, x, xs + {q} * LANES);")
    for c in range(C):
        L.append(f"            FloatVector b{c} = FloatVector.broadcast(SPECIES, w[w{c} + k]);")
        for q in range(v):
            L.append(f"            a{c}{q} = x{q}.fma(b{c}, a{c}{q});")
    L.append("        }")
    for c in range(C):
        L.append(f"        int o{c} = oo + Math.min({c}, channels - 1) * outStride + j;")
        for q in range(v):
            L.append(f"        a{c}{q}.intoArray(out, o{c} + {q} * LANES);")
    L.append("    }")
    return "\n".join(L)
