"""PyTorch's side of bench/ConvCpuTime.java for 3x3 stride-2 shapes (s2conv10): forward, input gradient, weight gradient and both gradients of the
3x3 stride-2 shapes, thread CPU time (time.thread_time) of single calls, fastest of REPS after 20 warm-ups.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/s2conv10/torch_s2_cpu.py THREADS REPS [id:N:Cin:HW:Cout:3:padding[:2] ...]
At more than one thread the wall clock (time.perf_counter) instead, as ConvCpuTime does.
"""
import os
import sys
import time

threads = int(sys.argv[1])
# torch.set_num_threads(1) alone left PyTorch 1.13's second OpenMP thread working inside each call (gemm14)
os.environ["OMP_NUM_THREADS"] = str(threads)
import torch
import torch.nn.functional as F

reps = int(sys.argv[2])
torch.set_num_threads(threads)
clock = time.thread_time if threads == 1 else time.perf_counter


def best(call):
    for _ in range(20):
        call()
    t = float("inf")
    for _ in range(reps):
        t0 = clock()
        call()
        t = min(t, clock() - t0)
    return t * 1e3


# s2bwd18: more shapes as ConvCpuTime spells them (id:N:Cin:HW:Cout:3:padding[:2]) after THREADS REPS
shapes = [(s.split(":")[0], *map(int, s.split(":")[1:7])) for s in sys.argv[3:]] or [
    ("r3x3-s2", 8, 64, 56, 128, 3, 1), ("r3x3-s2-57", 8, 64, 57, 128, 3, 1)]
for name, n, cin, hw, cout, k, pad in shapes:
    torch.manual_seed(1)
    x = torch.randn(n, cin, hw, hw, requires_grad=True)
    w = torch.randn(cout, cin, k, k, requires_grad=True)
    y = F.conv2d(x, w, stride=2, padding=pad)
    dy = torch.randn_like(y)
    with torch.no_grad():
        fwd = best(lambda: F.conv2d(x, w, stride=2, padding=pad))
    dx = best(lambda: torch.autograd.grad(y, (x,), dy, retain_graph=True))
    dw = best(lambda: torch.autograd.grad(y, (w,), dy, retain_graph=True))
    both = best(lambda: torch.autograd.grad(y, (x, w), dy, retain_graph=True))
    print(f"torch {threads}t {name:14s} fwd {fwd:7.3f}  scatter {dx:7.3f}  wgrad {dw:7.3f}  bwd {both:7.3f}")
