package dev.convkit.core.kernels;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** host55: the sysfs cache sizes kernels may block by, and 0 (the fixed sizes) for anything unreadable. */
class HostCacheSizeTest {
    @Test
    void sysfsSizesParseAndAnythingElseIsUnknown() {
        assertThat(KernelProvider.parseCacheSize("2048K\n")).isEqualTo(2L << 20);
        assertThat(KernelProvider.parseCacheSize("1024K")).isEqualTo(1L << 20);
        assertThat(KernelProvider.parseCacheSize("1M")).isEqualTo(1L << 20);
        assertThat(KernelProvider.parseCacheSize("524288")).isEqualTo(512L << 10);
        assertThat(KernelProvider.parseCacheSize("")).isZero();
        assertThat(KernelProvider.parseCacheSize("K")).isZero();
        assertThat(KernelProvider.parseCacheSize("2 MB")).isZero();
        assertThat(KernelProvider.parseCacheSize(null)).isZero();
        assertThat(KernelProvider.l2CacheBytes()).isNotNegative();
    }
}
