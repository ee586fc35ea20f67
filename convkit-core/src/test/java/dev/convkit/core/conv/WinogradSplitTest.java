package dev.convkit.core.conv;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Winograd correlation's split of its strips into tasks (wino10): every strip in exactly one task, in order,
 * no task empty or over the group; one thread keeps the fewest tasks; the tail of single strips is taken where it
 * shortens the last thread's time (r3x3-35x96 at two threads) and not where the even split already ends as soon
 * (r3x3-14).
 */
class WinogradSplitTest {
    @Test
    void coversEveryStripOnceWithinTheGroup() {
        for (int strips = 1; strips <= 70; strips++) {
            for (int group = 1; group <= 4; group++) {
                for (int threads = 1; threads <= 4; threads++) {
                    for (int lastTiles : new int[] {1, 17, 32}) {
                        int[] split = WinogradConv.splitStrips(strips, lastTiles, 32, group, threads, 1 + strips % 3);
                        assertThat(split[0]).isZero();
                        assertThat(split[split.length - 1]).isEqualTo(strips);
                        for (int t = 0; t + 1 < split.length; t++) {
                            assertThat(split[t + 1] - split[t]).isBetween(1, group);
                        }
                        if (threads == 1) {
                            assertThat(split.length - 1).isEqualTo((strips + group - 1) / group);
                        }
                    }
                }
            }
        }
    }

    @Test
    void singleStripsLastOnlyWhereTheyShortenTheLastThread() {
        // r3x3-35x96: 324 F(4x4) tiles, 11 strips, the last of 4 tiles, two strips per task
        assertThat(WinogradConv.splitStrips(11, 4, 32, 2, 2, 1)).containsExactly(0, 2, 4, 6, 7, 8, 9, 10, 11);
        // r3x3-14: 392 F(2x2) tiles, 13 strips, the last of 8 tiles, four strips per task: the even split as before
        assertThat(WinogradConv.splitStrips(13, 8, 32, 4, 2, 1)).containsExactly(0, 4, 7, 10, 13);
    }

    @Test
    void responseRowsInPartsOnlyWhereTheStripsSplitUnevenly() {
        // r3x3-6-512: 72 F(2x2) tiles, 3 strips (the last of 8), 16 MB of U: the strips ran as 2 and 1/2 on two threads
        int[] few = WinogradConv.splitStrips(3, 8, 32, 4, 2, 1);
        assertThat(WinogradConv.rowParts(few, 3, 8, 32, 4, 512, 64, 2)).isEqualTo(2);
        // at three threads a strip each already; one half strip of 192 rows in three parts
        assertThat(WinogradConv.rowParts(WinogradConv.splitStrips(3, 8, 32, 4, 3, 1), 3, 8, 32, 4, 512, 64, 3))
                .isEqualTo(1);
        assertThat(WinogradConv.rowParts(WinogradConv.splitStrips(1, 16, 32, 1, 3, 1), 1, 16, 32, 1, 192, 64, 3))
                .isEqualTo(3);
        // one thread, and a single row block: nothing to split
        assertThat(WinogradConv.rowParts(WinogradConv.splitStrips(3, 8, 32, 4, 1, 1), 3, 8, 32, 4, 512, 64, 1))
                .isEqualTo(1);
        assertThat(WinogradConv.rowParts(few, 3, 8, 32, 4, 64, 64, 2)).isEqualTo(1);
        // r3x3-7 (4 whole strips, two a thread) and r3x3-9 (7 strips, the last of 8): the strips' own split as before
        assertThat(WinogradConv.rowParts(WinogradConv.splitStrips(4, 32, 32, 4, 2, 1), 4, 32, 32, 4, 512, 64, 2))
                .isEqualTo(1);
        assertThat(WinogradConv.rowParts(WinogradConv.splitStrips(7, 8, 32, 4, 2, 1), 7, 8, 32, 4, 256, 64, 2))
                .isEqualTo(1);
    }
}
