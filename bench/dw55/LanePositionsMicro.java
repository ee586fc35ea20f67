// dw55: the first lanePositions (generic kh / t loops) against a kernel row unrolled for 5 × 5, and the block buffer's alignment:
//   java --add-modules jdk.incubator.vector LanePositionsMicro.java  (level: 0.101 / 0.104 ms; one offset of 16 reads 0.082)
import jdk.incubator.vector.*;
import java.lang.management.*;

public class LanePositionsMicro {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_512;
    static final int LANES = 16;
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    static void lanePositions(float[] image, int rowLength, int k, float[] laneWeights, int weightRow, int c0,
                                      int[] maps, int positions, int outPlane, float[] response) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int last = outPlane - 1;
        for (int s = 0; s < outPlane; s += 4) {
            int s1 = Math.min(s + 1, last);
            int s2 = Math.min(s + 2, last);
            int s3 = Math.min(s + 3, last);
            int b0 = maps[positions + s];
            int b1 = maps[positions + s1];
            int b2 = maps[positions + s2];
            int b3 = maps[positions + s3];
            FloatVector a0 = zero, a1 = zero, a2 = zero, a3 = zero;
            for (int kh = 0; kh < k; kh++) {
                for (int t = 0; t < k; t++) {
                    FloatVector w = FloatVector.fromArray(SPECIES, laneWeights, (kh * k + t) * weightRow + c0);
                    int d = (kh * rowLength + t) * LANES;
                    a0 = FloatVector.fromArray(SPECIES, image, b0 + d).fma(w, a0);
                    a1 = FloatVector.fromArray(SPECIES, image, b1 + d).fma(w, a1);
                    a2 = FloatVector.fromArray(SPECIES, image, b2 + d).fma(w, a2);
                    a3 = FloatVector.fromArray(SPECIES, image, b3 + d).fma(w, a3);
                }
            }
            a3.intoArray(response, s3 * LANES);
            a2.intoArray(response, s2 * LANES);
            a1.intoArray(response, s1 * LANES);
            a0.intoArray(response, s * LANES);
        }
    }

    // a row of outputs at a time along the row, kernel row kh's taps unrolled for k = 5
    static void lanePositions5(float[] image, int rowLength, float[] laneWeights, int weightRow, int c0,
                               int outHeight, int outWidth, float[] response) {
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int r = 0; r < outHeight; r++) {
            for (int j = 0; j < outWidth; j += 4) {
                int j1 = Math.min(j + 1, outWidth - 1), j2 = Math.min(j + 2, outWidth - 1), j3 = Math.min(j + 3, outWidth - 1);
                FloatVector a0 = zero, a1 = zero, a2 = zero, a3 = zero;
                for (int kh = 0; kh < 5; kh++) {
                    int row = ((r + kh) * rowLength) * LANES;
                    int wr = kh * 5 * weightRow + c0;
                    FloatVector w0 = FloatVector.fromArray(SPECIES, laneWeights, wr);
                    FloatVector w1 = FloatVector.fromArray(SPECIES, laneWeights, wr + weightRow);
                    FloatVector w2 = FloatVector.fromArray(SPECIES, laneWeights, wr + 2 * weightRow);
                    FloatVector w3 = FloatVector.fromArray(SPECIES, laneWeights, wr + 3 * weightRow);
                    FloatVector w4 = FloatVector.fromArray(SPECIES, laneWeights, wr + 4 * weightRow);
                    int b0 = row + j * LANES, b1 = row + j1 * LANES, b2 = row + j2 * LANES, b3 = row + j3 * LANES;
                    a0 = FloatVector.fromArray(SPECIES, image, b0).fma(w0, a0);
                    a1 = FloatVector.fromArray(SPECIES, image, b1).fma(w0, a1);
                    a2 = FloatVector.fromArray(SPECIES, image, b2).fma(w0, a2);
                    a3 = FloatVector.fromArray(SPECIES, image, b3).fma(w0, a3);
                    a0 = FloatVector.fromArray(SPECIES, image, b0 + LANES).fma(w1, a0);
                    a1 = FloatVector.fromArray(SPECIES, image, b1 + LANES).fma(w1, a1);
                    a2 = FloatVector.fromArray(SPECIES, image, b2 + LANES).fma(w1, a2);
                    a3 = FloatVector.fromArray(SPECIES, image, b3 + LANES).fma(w1, a3);
                    a0 = FloatVector.fromArray(SPECIES, image, b0 + 2 * LANES).fma(w2, a0);
                    a1 = FloatVector.fromArray(SPECIES, image, b1 + 2 * LANES).fma(w2, a1);
                    a2 = FloatVector.fromArray(SPECIES, image, b2 + 2 * LANES).fma(w2, a2);
                    a3 = FloatVector.fromArray(SPECIES, image, b3 + 2 * LANES).fma(w2, a3);
                    a0 = FloatVector.fromArray(SPECIES, image, b0 + 3 * LANES).fma(w3, a0);
                    a1 = FloatVector.fromArray(SPECIES, image, b1 + 3 * LANES).fma(w3, a1);
                    a2 = FloatVector.fromArray(SPECIES, image, b2 + 3 * LANES).fma(w3, a2);
                    a3 = FloatVector.fromArray(SPECIES, image, b3 + 3 * LANES).fma(w3, a3);
                    a0 = FloatVector.fromArray(SPECIES, image, b0 + 4 * LANES).fma(w4, a0);
                    a1 = FloatVector.fromArray(SPECIES, image, b1 + 4 * LANES).fma(w4, a1);
                    a2 = FloatVector.fromArray(SPECIES, image, b2 + 4 * LANES).fma(w4, a2);
                    a3 = FloatVector.fromArray(SPECIES, image, b3 + 4 * LANES).fma(w4, a3);
                }
                int o = r * outWidth;
                a3.intoArray(response, (o + j3) * LANES);
                a2.intoArray(response, (o + j2) * LANES);
                a1.intoArray(response, (o + j1) * LANES);
                a0.intoArray(response, (o + j) * LANES);
            }
        }
    }

    public static void main(String[] a) {
        int k = 5, outH = 9, outW = 9, rowLength = outW + k - 1, rows = outH + k - 1;
        int outPlane = outH * outW, weightRow = 80;
        float[] image = new float[rows * rowLength * LANES + 16];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < image.length; i++) image[i] = (float) r.nextGaussian();
        float[] lw = new float[25 * weightRow];
        for (int i = 0; i < lw.length; i++) lw[i] = (float) r.nextGaussian();
        int[] maps = new int[outPlane];
        for (int s = 0; s < outPlane; s++) maps[s] = (s / outW * rowLength + s % outW) * LANES;
        float[] resp = new float[outPlane * LANES];
        float[] resp2 = new float[outPlane * LANES];
        for (int off = 0; off < 16; off += 2) {
            int[] m2 = new int[outPlane];
            for (int s = 0; s < outPlane; s++) m2[s] = maps[s] + off;
            for (int rep = 0; rep < 3; rep++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < 64 * 1000; i++) lanePositions(image, rowLength, k, lw, weightRow, 16, m2, 0, outPlane, resp);
            long t1 = CPU.getCurrentThreadCpuTime();
            if (rep == 2) System.out.printf("off %d generic %.3f ms/call%n", off, (t1 - t0) / 1000 / 1e6);
            }
        }
        for (int round = 0; round < 2; round++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < 64 * 2000; i++) lanePositions(image, rowLength, k, lw, weightRow, 16, maps, 0, outPlane, resp);
            long t1 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < 64 * 2000; i++) lanePositions5(image, rowLength, lw, weightRow, 16, outH, outW, resp2);
            long t2 = CPU.getCurrentThreadCpuTime();
            System.out.printf("generic %.3f ms/call  rows5 %.3f ms/call  same=%b%n", (t1 - t0) / 2000 / 1e6, (t2 - t1) / 2000 / 1e6, java.util.Arrays.equals(resp, resp2));
        }
    }
}
