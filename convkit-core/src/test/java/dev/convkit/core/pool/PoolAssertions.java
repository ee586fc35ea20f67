package dev.convkit.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;

/** Assertions the pool kernel tests share. */
final class PoolAssertions {
    private PoolAssertions() {
    }

    /** NaN where the reference's output is NaN, else within {@code relative} of it (absolute below 1). */
    static void assertMatchesReference(String what, float[] got, float[] expected, float relative) {
        assertThat(got).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            if (Float.isNaN(expected[i])) {
                assertThat(got[i]).as("%s output %d", what, i).isNaN();
            } else {
                assertThat(got[i]).as("%s output %d", what, i).isCloseTo(expected[i],
                        Offset.offset(relative * Math.max(1, Math.abs(expected[i]))));
            }
        }
    }
}
