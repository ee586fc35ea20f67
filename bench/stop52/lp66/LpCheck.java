import dev.convkit.core.pool.LpPool;
import dev.convkit.core.pool.PoolOptions;
import dev.convkit.core.tensor.Tensor;
/** LP forward with p = 66 on a signed 1x1x4x4 input (2x2 windows, each with a negative element): NaN count and values. */
public class LpCheck {
    public static void main(String[] a) {
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) x[i] = (i % 3 == 0 ? -0.9f : 0.8f) + 0.01f * i;
        Tensor y = LpPool.forward(Tensor.of(x, 1, 1, 4, 4), 66, PoolOptions.pool2d(2));
        int nan = 0;
        for (float v : y.data()) if (Float.isNaN(v)) nan++;
        System.out.println("p=66 outputs " + java.util.Arrays.toString(y.data()) + " NaN " + nan);
    }
}
