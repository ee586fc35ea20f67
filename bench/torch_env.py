"""PyTorch's best environment for the side-by-side benches (compare_torch.py, compare_training.py): one place.

- OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, which some machines here set for older OpenBLAS builds, slow a current one:
  they are removed for PyTorch (--keep-openblas-env keeps them).
- glibc malloc is told to keep freed memory (MALLOC_MMAP_THRESHOLD_=32 MiB, MALLOC_TRIM_THRESHOLD_=1 GiB;
  --default-malloc turns this off): PyTorch's CPU allocator does not cache, and with glibc's defaults its
  activations went back to the OS and were page-faulted in again every call (train26 in docs/PERFORMANCE.md: a
  conv2d forward 47.0 against 10.7 ms of thread CPU, training 2.5-2.9x slower).
- Debian's python3-torch runs on whichever libblas.so.3 the alternatives pick; with only the reference libblas (no
  libopenblas0-pthread) its GEMMs ran ~30x slower (torch.mm 1024^3: 3.5 against 101 GFLOP/s on one thread). The
  benches refuse such a PyTorch (--allow-slow-blas to compare anyway).
The convkit side runs with the environment the script was started with.
"""
import json
import os
import sys
import time

OPENBLAS_OVERRIDES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
MALLOC_KEEP = {"MALLOC_MMAP_THRESHOLD_": str(32 << 20), "MALLOC_TRIM_THRESHOLD_": str(1 << 30)}
ORIGINAL_ENV = "CONVKIT_BENCH_ORIGINAL_ENV"
MIN_BLAS_GFLOPS = 20.0  # by CPU time: OpenBLAS reads ~100 here, the reference libblas ~3.5


def add_arguments(parser):
    """The flags that change PyTorch's environment (read before argparse by reexec_for_torch, too)."""
    parser.add_argument("--keep-openblas-env", action="store_true",
                        help="keep OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE for PyTorch")
    parser.add_argument("--default-malloc", action="store_true",
                        help="run PyTorch with glibc's default malloc settings (freed tensors go back to the OS)")
    parser.add_argument("--allow-slow-blas", action="store_true",
                        help="compare even when PyTorch's BLAS is the reference libblas")


def reexec_for_torch():
    """Re-runs the script once in PyTorch's environment; returns the original environment, for the convkit run."""
    if ORIGINAL_ENV not in os.environ:
        env = dict(os.environ)
        if "--keep-openblas-env" not in sys.argv:
            env = {k: v for k, v in env.items() if k not in OPENBLAS_OVERRIDES}
        if "--default-malloc" not in sys.argv:
            env.update(MALLOC_KEEP)
        env[ORIGINAL_ENV] = json.dumps(dict(os.environ))
        os.execve(sys.executable, [sys.executable] + sys.argv, env)
    return json.loads(os.environ[ORIGINAL_ENV])


def malloc_setting():
    return " ".join(f"{k}={os.environ[k]}" for k in MALLOC_KEEP if k in os.environ) or "glibc defaults"


def blas_gflops(torch, n=512, reps=8):
    """GFLOP/s of CPU time (all threads) over reps n x n x n float32 matmuls: CPU time, so that a loaded machine
    does not make OpenBLAS look like the reference BLAS."""
    a, b = torch.randn(n, n), torch.randn(n, n)
    a @ b
    start = time.process_time()
    for _ in range(reps):
        a @ b
    return reps * 2 * n ** 3 / (time.process_time() - start) / 1e9


def require_fast_blas(torch, allow_slow):
    """The measured BLAS rate; exits (2) with one line naming the fix when it is a reference BLAS's, unless allowed."""
    rate = blas_gflops(torch)
    print(f"torch BLAS: {rate:.1f} GFLOP/s of CPU time on a 512^3 matmul; malloc: {malloc_setting()}", file=sys.stderr)
    if rate < MIN_BLAS_GFLOPS and not allow_slow:
        print(f"error: PyTorch's BLAS runs a 512^3 matmul at {rate:.1f} GFLOP/s of CPU time (< {MIN_BLAS_GFLOPS:.0f}): it is the "
              "reference libblas, which handicaps PyTorch; install libopenblas0-pthread (apt-get install "
              "libopenblas0-pthread) or pass --allow-slow-blas", file=sys.stderr)
        sys.exit(2)
    return rate
