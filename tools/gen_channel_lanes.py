# Generates convkit-core/.../kernels/panama/PanamaChannelLanes.java (branch small6): python3 tools/gen_channel_lanes.py
def block(V, SW, KW):
    B = 3 if V == 1 else 2
    name = f'block{V}x{SW}w{KW}'
    L = []
    desc = (f'{B} segments of {SW} columns × {V} vector{"s" if V > 1 else ""} of channels')
    if KW > 1:
        desc += (f', {KW} adjacent taps per kernel row: a segment\'s {SW + KW - 1} inputs of a row are broadcast '
                 f'once for its {SW * KW} products')
    L.append(f'    /** {desc}. */')
    L.append(f'''    private static void {name}(float[] x, int xo, int[] inStarts, int[] outStarts, int segments, int s0,
            int[] tapStarts, int taps, float[] wT, int wo, int wStride, float[] tile, int tileBase) {{''')
    for b in range(B):
        sb = f'Math.min(s0 + {b}, segments - 1)' if b else 's0'
        L.append(f'        int i{b} = xo + inStarts[{sb}];')
    for v in range(V):
        for b in range(B):
            for q in range(SW):
                L.append(f'        FloatVector a{v}{b}{q} = FloatVector.zero(SPECIES);')
    if KW == 1:
        L.append('        for (int k = 0; k < taps; k++) {')
        L.append('            int wk = wo + k * wStride;')
        for v in range(V):
            off = f' + {v} * LANES' if v else ''
            L.append(f'            FloatVector w{v}0 = FloatVector.fromArray(SPECIES, wT, wk{off});')
        L.append('            int t = tapStarts[k];')
        for b in range(B):
            L.append(f'            int x{b} = i{b} + t;')
            for q in range(SW):
                off = f' + {q}' if q else ''
                L.append(f'            FloatVector b{b}{q} = FloatVector.broadcast(SPECIES, x[x{b}{off}]);')
                for v in range(V):
                    L.append(f'            a{v}{b}{q} = w{v}0.fma(b{b}{q}, a{v}{b}{q});')
    else:
        L.append(f'        for (int r = 0; r < taps / {KW}; r++) {{')
        L.append(f'            int wk = wo + r * {KW} * wStride;')
        for kx in range(KW):
            for v in range(V):
                off = ' + '.join(p for p in [f'{kx} * wStride' if kx else '', f'{v} * LANES' if v else ''] if p)
                off = f' + {off}' if off else ''
                L.append(f'            FloatVector w{v}{kx} = FloatVector.fromArray(SPECIES, wT, wk{off});')
        L.append(f'            int t = tapStarts[r * {KW}];')
        for b in range(B):
            L.append(f'            int x{b} = i{b} + t;')
            for j in range(SW + KW - 1):
                off = f' + {j}' if j else ''
                L.append(f'            FloatVector b{b}{j} = FloatVector.broadcast(SPECIES, x[x{b}{off}]);')
            for kx in range(KW):
                for q in range(SW):
                    for v in range(V):
                        L.append(f'            a{v}{b}{q} = w{v}{kx}.fma(b{b}{q + kx}, a{v}{b}{q});')
    L.append('        }')
    for b in range(B):
        sb = f'Math.min(s0 + {b}, segments - 1)' if b else 's0'
        L.append(f'        int o{b} = tileBase + outStarts[{sb}] * {V} * LANES;')
        for q in range(SW):
            for v in range(V):
                off = ' + '.join(p for p in [f'{q * V} * LANES' if q else '', f'{v} * LANES' if v else ''] if p)
                off = f' + {off}' if off else ''
                L.append(f'        a{v}{b}{q}.intoArray(tile, o{b}{off});')
    L.append('    }')
    return '\n'.join(L) + '\n'

def block2slide(SW, KW):
    """Two vectors of channels, 2 segments: a segment's inputs of a kernel row are broadcast once; the two
    weight vectors of a tap are loaded per segment (26-29 registers live, not 34+ with all taps' weights)."""
    V, B = 2, 2
    name = f'block{V}x{SW}w{KW}'
    L = [f'    /** {B} segments of {SW} columns × 2 vectors of channels, {KW} adjacent taps per kernel row: a segment\'s '
         f'{SW + KW - 1} inputs of a row are broadcast once for its {2 * SW * KW} products. */']
    L.append(f'''    private static void {name}(float[] x, int xo, int[] inStarts, int[] outStarts, int segments, int s0,
            int[] tapStarts, int taps, float[] wT, int wo, int wStride, float[] tile, int tileBase) {{''')
    for b in range(B):
        sb = f'Math.min(s0 + {b}, segments - 1)' if b else 's0'
        L.append(f'        int i{b} = xo + inStarts[{sb}];')
    for v in range(V):
        for b in range(B):
            for q in range(SW):
                L.append(f'        FloatVector a{v}{b}{q} = FloatVector.zero(SPECIES);')
    L.append(f'        for (int r = 0; r < taps / {KW}; r++) {{')
    L.append(f'            int wk = wo + r * {KW} * wStride;')
    L.append(f'            int t = tapStarts[r * {KW}];')
    for b in range(B):
        L.append(f'            int x{b} = i{b} + t;')
        for j in range(SW + KW - 1):
            off = f' + {j}' if j else ''
            L.append(f'            FloatVector b{b}{j} = FloatVector.broadcast(SPECIES, x[x{b}{off}]);')
        for kx in range(KW):
            off = f' + {kx} * wStride' if kx else ''
            L.append(f'            FloatVector w0{kx}{b} = FloatVector.fromArray(SPECIES, wT, wk{off});')
            L.append(f'            FloatVector w1{kx}{b} = FloatVector.fromArray(SPECIES, wT, wk{off} + LANES);')
            for q in range(SW):
                for v in range(V):
                    L.append(f'            a{v}{b}{q} = w{v}{kx}{b}.fma(b{b}{q + kx}, a{v}{b}{q});')
    L.append('        }')
    for b in range(B):
        sb = f'Math.min(s0 + {b}, segments - 1)' if b else 's0'
        L.append(f'        int o{b} = tileBase + outStarts[{sb}] * {V} * LANES;')
        for q in range(SW):
            for v in range(V):
                off = ' + '.join(p for p in [f'{q * V} * LANES' if q else '', f'{v} * LANES' if v else ''] if p)
                off = f' + {off}' if off else ''
                L.append(f'        a{v}{b}{q}.intoArray(tile, o{b}{off});')
    L.append('    }')
    return '\n'.join(L) + '\n'

kinds = [(1, 4, 1), (1, 5, 1), (1, 4, 3), (1, 5, 3), (1, 4, 5), (1, 5, 5), (2, 4, 1), (2, 5, 1), (2, 4, 3), (2, 5, 3), (2, 4, 5)]
dispatch = []
for V, SW, KW in kinds:
    cond = [f'vectors == {V}', f'segment == {SW}', f'kernelWidth == {KW}']
    B = 3 if V == 1 else 2
    dispatch.append(f'''        {'if' if not dispatch else '} else if'} ({' && '.join(cond)}) {{
            for (int s = first; s < segments; s += {B}) {{
                block{V}x{SW}w{KW}(x, xo, inStarts, outStarts, segments, s, tapStarts, taps, wT, wo, wStride, tile, tileBase);
            }}''')
dispatch.append('''        } else {
            throw new IllegalArgumentException("segments of " + segment + " columns");
        }''')

src = '''package dev.convkit.core.kernels.panama;

import dev.convkit.core.kernels.ThreadScratch;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link dev.convkit.core.kernels.VectorOps#convChannelLanes} on the Vector API: a block of whole segments ×
 * one or two vectors of response channels stays in registers across every tap; per tap one weight vector per
 * channel vector is loaded and each position's input is broadcast (once per kernel row and segment when the
 * taps run along kernel rows of 3 or 5), so every load feeds one to five FMAs whatever the output's width.
 * Blocks are stored position-major into a per-thread tile with whole-vector stores, and each channel's part
 * of a band of output rows is then gathered out of it a vector of positions at a time (bands small enough
 * that the tile stays in L1: a gather touches a cache line per lane); with 16 lanes {@link PanamaTileTranspose}
 * transposes it in registers instead (small22), these gathers its fallback. {@link PanamaLaneCorrelate} runs the
 * bands (small11: and sends pairs of whole rows to {@link PanamaChannelRows} where it can).
 * Generated by a script (tools/gen_channel_lanes.py): the blocks differ only in their unrolling.
 */
final class PanamaChannelLanes {
    static final VectorSpecies<Float> SPECIES = PanamaVectorOps.SPECIES;
    static final int LANES = SPECIES.length();
    static final ThreadScratch TILES = new ThreadScratch();
    /** Floats of the tile one band of output rows fills before it is transposed: 16 KB, well inside L1. */
    static final int TILE_FLOATS = 4096;
    /** Gather offsets of one channel over LANES positions of a tile with 1 or 2 vectors of channels per position. */
    private static final int[] ONE_VECTOR_POSITIONS = strided(LANES);
    private static final int[] TWO_VECTOR_POSITIONS = strided(2 * LANES);

    private PanamaChannelLanes() {
    }

    private static int[] strided(int step) {
        int[] a = new int[LANES];
        for (int i = 0; i < LANES; i++) {
            a[i] = i * step;
        }
        return a;
    }

    /** The blocks of segments [first, segments) into the tile, position p at {@code tileBase + p·vectors·LANES}. */
    static void blocks(float[] x, int xo, int[] inStarts, int[] outStarts, int first, int segments, int segment,
                       int[] tapStarts, int taps, int kernelWidth, float[] wT, int wo, int wStride, int vectors,
                       float[] tile, int tileBase) {
        if (kernelWidth != 3 && kernelWidth != 5 || vectors == 2 && segment == 5 && kernelWidth == 5) {
            // no 2-vector block for 5 × 5: its 31 live vectors spilled (first-c3-5x5-33: 0.41 against 0.35 ms)
            kernelWidth = 1;
        }
''' + '\n'.join(dispatch) + '''
    }

    /** Channel c's plane {@code out[o + c·outStride + p] = tile[p·stride + c]}, gathered a vector of positions at a time. */
    static void transpose(float[] tile, int stride, int positions, int channels, float[] out, int o, int outStride) {
        int[] map = stride == LANES ? ONE_VECTOR_POSITIONS : TWO_VECTOR_POSITIONS;
        for (int c = 0; c < channels; c++) {
            int d = o + c * outStride;
            int p = 0;
            if (positions >= LANES) {
                for (; p < positions; p += LANES) {
                    int q = Math.min(p, positions - LANES); // the last vector overlaps the one before (same values)
                    FloatVector.fromArray(SPECIES, tile, q * stride + c, map, 0).intoArray(out, d + q);
                }
            }
            for (; p < positions; p++) {
                out[d + p] = tile[p * stride + c];
            }
        }
    }

''' + '\n'.join(block(*k) if k[0] == 1 or k[2] == 1 else block2slide(k[1], k[2]) for k in kinds) + '}\n'
import os
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'convkit-core/src/main/java/dev/convkit/core/kernels/panama/PanamaChannelLanes.java'), 'w').write(src)
