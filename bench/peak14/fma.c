/*
 * gemm14: this core's fp32 FMA peak from C, to check what PanamaFmaLoop (the bench's Java peak) reads.
 * Never used at run time. Build and run with run.sh. Prints, per variant, GFLOP/s on the calling thread's
 * CPU time: CHAINS independent zmm FMA chains; and the core clock from a dependent chain of 1-cycle integer
 * adds (so GFLOP/s / GHz = FLOPs per cycle, 64 at two 512-bit FMA pipes).
 */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* N independent chains, each its own variable (an array was kept in memory) */
static double fma4(long iters) {
    __m512 m = _mm512_set1_ps(0.999999f), c = _mm512_set1_ps(1e-7f);
    __m512 a0 = _mm512_set1_ps(1.0f), a1 = _mm512_set1_ps(2.0f), a2 = _mm512_set1_ps(3.0f), a3 = _mm512_set1_ps(4.0f);
    double t0 = cpu_seconds();
    for (long it = 0; it < iters; it++) {
        a0 = _mm512_fmadd_ps(a0, m, c); a1 = _mm512_fmadd_ps(a1, m, c); a2 = _mm512_fmadd_ps(a2, m, c); a3 = _mm512_fmadd_ps(a3, m, c);
    }
    double t = cpu_seconds() - t0;
    __m512 s = a0;
    s = _mm512_add_ps(s, a1); s = _mm512_add_ps(s, a2); s = _mm512_add_ps(s, a3);
    if (_mm512_reduce_add_ps(s) == 42.0f) puts("");
    return iters * 4.0 * 16 * 2 / t / 1e9;
}

static double fma8(long iters) {
    __m512 m = _mm512_set1_ps(0.999999f), c = _mm512_set1_ps(1e-7f);
    __m512 a0 = _mm512_set1_ps(1.0f), a1 = _mm512_set1_ps(2.0f), a2 = _mm512_set1_ps(3.0f), a3 = _mm512_set1_ps(4.0f), a4 = _mm512_set1_ps(5.0f), a5 = _mm512_set1_ps(6.0f), a6 = _mm512_set1_ps(7.0f), a7 = _mm512_set1_ps(8.0f);
    double t0 = cpu_seconds();
    for (long it = 0; it < iters; it++) {
        a0 = _mm512_fmadd_ps(a0, m, c); a1 = _mm512_fmadd_ps(a1, m, c); a2 = _mm512_fmadd_ps(a2, m, c); a3 = _mm512_fmadd_ps(a3, m, c); a4 = _mm512_fmadd_ps(a4, m, c); a5 = _mm512_fmadd_ps(a5, m, c); a6 = _mm512_fmadd_ps(a6, m, c); a7 = _mm512_fmadd_ps(a7, m, c);
    }
    double t = cpu_seconds() - t0;
    __m512 s = a0;
    s = _mm512_add_ps(s, a1); s = _mm512_add_ps(s, a2); s = _mm512_add_ps(s, a3); s = _mm512_add_ps(s, a4); s = _mm512_add_ps(s, a5); s = _mm512_add_ps(s, a6); s = _mm512_add_ps(s, a7);
    if (_mm512_reduce_add_ps(s) == 42.0f) puts("");
    return iters * 8.0 * 16 * 2 / t / 1e9;
}

static double fma12(long iters) {
    __m512 m = _mm512_set1_ps(0.999999f), c = _mm512_set1_ps(1e-7f);
    __m512 a0 = _mm512_set1_ps(1.0f), a1 = _mm512_set1_ps(2.0f), a2 = _mm512_set1_ps(3.0f), a3 = _mm512_set1_ps(4.0f), a4 = _mm512_set1_ps(5.0f), a5 = _mm512_set1_ps(6.0f), a6 = _mm512_set1_ps(7.0f), a7 = _mm512_set1_ps(8.0f), a8 = _mm512_set1_ps(9.0f), a9 = _mm512_set1_ps(10.0f), a10 = _mm512_set1_ps(11.0f), a11 = _mm512_set1_ps(12.0f);
    double t0 = cpu_seconds();
    for (long it = 0; it < iters; it++) {
        a0 = _mm512_fmadd_ps(a0, m, c); a1 = _mm512_fmadd_ps(a1, m, c); a2 = _mm512_fmadd_ps(a2, m, c); a3 = _mm512_fmadd_ps(a3, m, c); a4 = _mm512_fmadd_ps(a4, m, c); a5 = _mm512_fmadd_ps(a5, m, c); a6 = _mm512_fmadd_ps(a6, m, c); a7 = _mm512_fmadd_ps(a7, m, c); a8 = _mm512_fmadd_ps(a8, m, c); a9 = _mm512_fmadd_ps(a9, m, c); a10 = _mm512_fmadd_ps(a10, m, c); a11 = _mm512_fmadd_ps(a11, m, c);
    }
    double t = cpu_seconds() - t0;
    __m512 s = a0;
    s = _mm512_add_ps(s, a1); s = _mm512_add_ps(s, a2); s = _mm512_add_ps(s, a3); s = _mm512_add_ps(s, a4); s = _mm512_add_ps(s, a5); s = _mm512_add_ps(s, a6); s = _mm512_add_ps(s, a7); s = _mm512_add_ps(s, a8); s = _mm512_add_ps(s, a9); s = _mm512_add_ps(s, a10); s = _mm512_add_ps(s, a11);
    if (_mm512_reduce_add_ps(s) == 42.0f) puts("");
    return iters * 12.0 * 16 * 2 / t / 1e9;
}

static double fma16(long iters) {
    __m512 m = _mm512_set1_ps(0.999999f), c = _mm512_set1_ps(1e-7f);
    __m512 a0 = _mm512_set1_ps(1.0f), a1 = _mm512_set1_ps(2.0f), a2 = _mm512_set1_ps(3.0f), a3 = _mm512_set1_ps(4.0f), a4 = _mm512_set1_ps(5.0f), a5 = _mm512_set1_ps(6.0f), a6 = _mm512_set1_ps(7.0f), a7 = _mm512_set1_ps(8.0f), a8 = _mm512_set1_ps(9.0f), a9 = _mm512_set1_ps(10.0f), a10 = _mm512_set1_ps(11.0f), a11 = _mm512_set1_ps(12.0f), a12 = _mm512_set1_ps(13.0f), a13 = _mm512_set1_ps(14.0f), a14 = _mm512_set1_ps(15.0f), a15 = _mm512_set1_ps(16.0f);
    double t0 = cpu_seconds();
    for (long it = 0; it < iters; it++) {
        a0 = _mm512_fmadd_ps(a0, m, c); a1 = _mm512_fmadd_ps(a1, m, c); a2 = _mm512_fmadd_ps(a2, m, c); a3 = _mm512_fmadd_ps(a3, m, c); a4 = _mm512_fmadd_ps(a4, m, c); a5 = _mm512_fmadd_ps(a5, m, c); a6 = _mm512_fmadd_ps(a6, m, c); a7 = _mm512_fmadd_ps(a7, m, c); a8 = _mm512_fmadd_ps(a8, m, c); a9 = _mm512_fmadd_ps(a9, m, c); a10 = _mm512_fmadd_ps(a10, m, c); a11 = _mm512_fmadd_ps(a11, m, c); a12 = _mm512_fmadd_ps(a12, m, c); a13 = _mm512_fmadd_ps(a13, m, c); a14 = _mm512_fmadd_ps(a14, m, c); a15 = _mm512_fmadd_ps(a15, m, c);
    }
    double t = cpu_seconds() - t0;
    __m512 s = a0;
    s = _mm512_add_ps(s, a1); s = _mm512_add_ps(s, a2); s = _mm512_add_ps(s, a3); s = _mm512_add_ps(s, a4); s = _mm512_add_ps(s, a5); s = _mm512_add_ps(s, a6); s = _mm512_add_ps(s, a7); s = _mm512_add_ps(s, a8); s = _mm512_add_ps(s, a9); s = _mm512_add_ps(s, a10); s = _mm512_add_ps(s, a11); s = _mm512_add_ps(s, a12); s = _mm512_add_ps(s, a13); s = _mm512_add_ps(s, a14); s = _mm512_add_ps(s, a15);
    if (_mm512_reduce_add_ps(s) == 42.0f) puts("");
    return iters * 16.0 * 16 * 2 / t / 1e9;
}

static double fma24(long iters) {
    __m512 m = _mm512_set1_ps(0.999999f), c = _mm512_set1_ps(1e-7f);
    __m512 a0 = _mm512_set1_ps(1.0f), a1 = _mm512_set1_ps(2.0f), a2 = _mm512_set1_ps(3.0f), a3 = _mm512_set1_ps(4.0f), a4 = _mm512_set1_ps(5.0f), a5 = _mm512_set1_ps(6.0f), a6 = _mm512_set1_ps(7.0f), a7 = _mm512_set1_ps(8.0f), a8 = _mm512_set1_ps(9.0f), a9 = _mm512_set1_ps(10.0f), a10 = _mm512_set1_ps(11.0f), a11 = _mm512_set1_ps(12.0f), a12 = _mm512_set1_ps(13.0f), a13 = _mm512_set1_ps(14.0f), a14 = _mm512_set1_ps(15.0f), a15 = _mm512_set1_ps(16.0f), a16 = _mm512_set1_ps(17.0f), a17 = _mm512_set1_ps(18.0f), a18 = _mm512_set1_ps(19.0f), a19 = _mm512_set1_ps(20.0f), a20 = _mm512_set1_ps(21.0f), a21 = _mm512_set1_ps(22.0f), a22 = _mm512_set1_ps(23.0f), a23 = _mm512_set1_ps(24.0f);
    double t0 = cpu_seconds();
    for (long it = 0; it < iters; it++) {
        a0 = _mm512_fmadd_ps(a0, m, c); a1 = _mm512_fmadd_ps(a1, m, c); a2 = _mm512_fmadd_ps(a2, m, c); a3 = _mm512_fmadd_ps(a3, m, c); a4 = _mm512_fmadd_ps(a4, m, c); a5 = _mm512_fmadd_ps(a5, m, c); a6 = _mm512_fmadd_ps(a6, m, c); a7 = _mm512_fmadd_ps(a7, m, c); a8 = _mm512_fmadd_ps(a8, m, c); a9 = _mm512_fmadd_ps(a9, m, c); a10 = _mm512_fmadd_ps(a10, m, c); a11 = _mm512_fmadd_ps(a11, m, c); a12 = _mm512_fmadd_ps(a12, m, c); a13 = _mm512_fmadd_ps(a13, m, c); a14 = _mm512_fmadd_ps(a14, m, c); a15 = _mm512_fmadd_ps(a15, m, c); a16 = _mm512_fmadd_ps(a16, m, c); a17 = _mm512_fmadd_ps(a17, m, c); a18 = _mm512_fmadd_ps(a18, m, c); a19 = _mm512_fmadd_ps(a19, m, c); a20 = _mm512_fmadd_ps(a20, m, c); a21 = _mm512_fmadd_ps(a21, m, c); a22 = _mm512_fmadd_ps(a22, m, c); a23 = _mm512_fmadd_ps(a23, m, c);
    }
    double t = cpu_seconds() - t0;
    __m512 s = a0;
    s = _mm512_add_ps(s, a1); s = _mm512_add_ps(s, a2); s = _mm512_add_ps(s, a3); s = _mm512_add_ps(s, a4); s = _mm512_add_ps(s, a5); s = _mm512_add_ps(s, a6); s = _mm512_add_ps(s, a7); s = _mm512_add_ps(s, a8); s = _mm512_add_ps(s, a9); s = _mm512_add_ps(s, a10); s = _mm512_add_ps(s, a11); s = _mm512_add_ps(s, a12); s = _mm512_add_ps(s, a13); s = _mm512_add_ps(s, a14); s = _mm512_add_ps(s, a15); s = _mm512_add_ps(s, a16); s = _mm512_add_ps(s, a17); s = _mm512_add_ps(s, a18); s = _mm512_add_ps(s, a19); s = _mm512_add_ps(s, a20); s = _mm512_add_ps(s, a21); s = _mm512_add_ps(s, a22); s = _mm512_add_ps(s, a23);
    if (_mm512_reduce_add_ps(s) == 42.0f) puts("");
    return iters * 24.0 * 16 * 2 / t / 1e9;
}

/* 1-cycle dependent adds: iterations per second = the core clock */
static double ghz(long iters) {
    long x = 0;
    double t0 = cpu_seconds();
    for (long i = 0; i < iters; i++) {
        __asm__ volatile("add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
                         "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0" : "+r"(x));
    }
    double t = cpu_seconds() - t0;
    return iters * 8.0 / t / 1e9;
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    long iters = 20000000;
    double best[6] = {0};
    for (int r = 0; r < rounds; r++) {
        double v[6] = {ghz(iters * 4), fma4(iters), fma8(iters), fma12(iters), fma16(iters), fma24(iters)};
        for (int i = 0; i < 6; i++) if (v[i] > best[i]) best[i] = v[i];
    }
    printf("C: clock %.2f GHz; GFLOP/s (best of %d) chains 4: %.1f  8: %.1f  12: %.1f  16: %.1f  24: %.1f; "
           "12 chains = %.1f FLOPs/cycle\n", best[0], rounds, best[1], best[2], best[3], best[4], best[5],
           best[3] / best[0]);
    return 0;
}
