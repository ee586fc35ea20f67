"""PyTorch's BLAS rate, checked before a comparison: Debian's python3-torch runs on whichever libblas.so.3 the
alternatives system picks, and on a machine with only the reference libblas (no libopenblas0-pthread) its GEMMs
ran ~30x slower (torch.mm 1024^3: 3.5 against 101 GFLOP/s on one thread), which would flatter convkit silently."""
import sys
import time

MIN_GFLOPS = 20.0  # OpenBLAS reads ~100 a thread here; the reference libblas ~3.5


def blas_gflops(torch, n=512, reps=8):
    """GFLOP/s of an n x n x n float32 matmul at torch's current thread count, the best of reps."""
    a, b = torch.randn(n, n), torch.randn(n, n)
    a @ b
    best = float("inf")
    for _ in range(reps):
        start = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - start)
    return 2 * n ** 3 / best / 1e9


def require_fast_blas(torch, allow_slow):
    """The measured rate; exits with one line naming the fix when it is a reference BLAS's, unless allowed."""
    rate = blas_gflops(torch)
    print(f"torch BLAS: {rate:.1f} GFLOP/s on a 512^3 matmul", file=sys.stderr)
    if rate < MIN_GFLOPS and not allow_slow:
        print(f"error: PyTorch's BLAS runs a 512^3 matmul at {rate:.1f} GFLOP/s (< {MIN_GFLOPS:.0f}): it is the "
                 "reference libblas, which handicaps PyTorch; install libopenblas0-pthread (apt-get install "
                 "libopenblas0-pthread) or pass --allow-slow-blas", file=sys.stderr)
        sys.exit(2)
    return rate
