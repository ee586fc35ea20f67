import java.util.*;
public class SplitBench {
    static void splitPhases(int m, float[] image, int channel, int[] runs, int sources, int blockRows,
                                    float[] block, int half, int phaseFloats, int padLeft, int copied) {
        int phase0 = padLeft % m;
        int lead = Math.min(copied, (m - phase0) % m);
        int leadAt = phase0 * phaseFloats + padLeft / m;
        int groups = (copied - lead) / m;
        int groupAt = (padLeft + lead) / m;
        int tail = lead + groups * m;
        int tailAt = groupAt + groups;
        for (int b = 0; b < blockRows; b++) {
            int source = runs[sources + b];
            if (source < 0) continue;
            int from = source + channel;
            int row = b * half;
            for (int x = 0; x < lead; x++) block[leadAt + x * phaseFloats + row] = image[from + x];
            int at = row + groupAt;
            int from0 = from + lead;
            if (m == 4) {
                int at1 = at + phaseFloats; int at2 = at1 + phaseFloats; int at3 = at2 + phaseFloats;
                for (int i = 0; i < groups; i++) {
                    block[at + i] = image[from0 + 4 * i];
                    block[at1 + i] = image[from0 + 4 * i + 1];
                    block[at2 + i] = image[from0 + 4 * i + 2];
                    block[at3 + i] = image[from0 + 4 * i + 3];
                }
            } else {
                int at1 = at + phaseFloats; int at2 = at1 + phaseFloats;
                for (int i = 0; i < groups; i++) {
                    block[at + i] = image[from0 + 3 * i];
                    block[at1 + i] = image[from0 + 3 * i + 1];
                    block[at2 + i] = image[from0 + 3 * i + 2];
                }
            }
            for (int x = tail; x < copied; x++) block[(x - tail) * phaseFloats + row + tailAt] = image[from + x];
        }
    }
    public static void main(String[] a) {
        int W = 56, H = 56, C = 64, N = Integer.parseInt(a[0]);
        int blockRows = 46, half = 19, phaseFloats = blockRows * half + 18;
        float[] image = new float[N * C * H * W];
        for (int i = 0; i < image.length; i++) image[i] = i;
        float[] block = new float[4 * phaseFloats];
        int[] runs = new int[blockRows];
        double best = 1e9;
        for (int rep = 0; rep < 300; rep++) {
            long t0 = System.nanoTime();
            long floats = 0;
            for (int n = 0; n < N; n++) for (int task = 0; task < 2; task++) {
                for (int b = 0; b < blockRows; b++) runs[b] = n * C * H * W + Math.min(H - 1, task * 10 + b) * W;
                for (int c = 0; c < C; c++) {
                    splitPhases(4, image, c * H * W, runs, 0, blockRows, block, half, phaseFloats, 1, 56);
                    floats += blockRows * 56;
                }
            }
            long t = System.nanoTime() - t0;
            best = Math.min(best, (double) t / floats);
        }
        System.out.printf("N=%d %.3f ns/float (block %f)%n", N, best, block[5]);
    }
}
