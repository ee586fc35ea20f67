"""PyTorch's thread CPU per call for one conv shape: forward, input gradient, weight gradient, autograd backward.

Usage: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/small10/torch_conv_cpu.py \
           THREADS CALLS N CIN SIZE COUT K PAD [GROUPS]     (c5x5-27: 1 40 8 32 27 64 5 2;
           g4-3x3-28: 1 40 8 128 28 128 3 1 4)
Best of CALLS after 10 warm-up calls, time.thread_time (the calling thread's CPU, as convkit's harnesses).
"""
import os, sys, time

threads, calls, n, cin, size, cout, k, pad = map(int, sys.argv[1:9])
# torch.set_num_threads(1) alone left PyTorch 1.13's second OpenMP thread working inside each call (gemm14)
os.environ["OMP_NUM_THREADS"] = str(threads)
import torch
groups = int(sys.argv[9]) if len(sys.argv) > 9 else 1
torch.set_num_threads(threads)
torch.manual_seed(0)
x = torch.randn(n, cin, size, size)
w = torch.randn(cout, cin // groups, k, k)
y = torch.nn.functional.conv2d(x, w, padding=pad, groups=groups)
dy = torch.randn_like(y)

def best(fn):
    for _ in range(10):
        fn()
    t = float("inf")
    for _ in range(calls):
        s = time.thread_time(); fn(); t = min(t, time.thread_time() - s)
    return t * 1e3

xr = x.clone().requires_grad_(True); wr = w.clone().requires_grad_(True)
def backward():
    out = torch.nn.functional.conv2d(xr, wr, padding=pad, groups=groups)
    torch.autograd.grad(out, (xr, wr), dy)
with torch.no_grad():
    fwd = best(lambda: torch.nn.functional.conv2d(x, w, padding=pad, groups=groups))
    dx = best(lambda: torch.nn.grad.conv2d_input(x.shape, w, dy, padding=pad, groups=groups))
    dw = best(lambda: torch.nn.grad.conv2d_weight(x, w.shape, dy, padding=pad, groups=groups))
bwd = best(backward) - fwd  # autograd re-runs the forward; its best forward is taken off
print(f"forward {fwd:.2f} ms, input gradient {dx:.2f}, weight gradient {dw:.2f}, backward {bwd:.2f}")
