"""PyTorch's side of bench/ConvCpuTime.java for any dense / grouped 2-d shape (r1x49, from bench/s2conv10/torch_s2_cpu.py):
forward, input gradient, weight gradient and both gradients, thread CPU time (time.thread_time) of single calls, fastest
of REPS after 20 warm-ups; at more than one thread the wall clock (time.perf_counter), as ConvCpuTime does.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/r1x49/torch_pass_cpu.py THREADS REPS \
        id:N:Cin:HW:Cout:K:padding[:stride[:groups]] ...
"""
import os
import sys
import time

# torch.set_num_threads(1) alone left PyTorch 1.13's second OpenMP thread working inside each call (gemm14)
os.environ["OMP_NUM_THREADS"] = sys.argv[1]
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

THREADS = int(sys.argv[1])
REPS = int(sys.argv[2])


def fastest_ms(call, clock):
    """The fastest of REPS calls after 20 warm-ups, in ms."""
    for _ in range(20):
        call()
    times = []
    for _ in range(REPS):
        start = clock()
        call()
        times.append(clock() - start)
    return min(times) * 1e3


torch.set_num_threads(THREADS)
tick = time.thread_time if THREADS == 1 else time.perf_counter
best = lambda call: fastest_ms(call, tick)  # noqa: E731

for spec in sys.argv[3:]:
    f = spec.split(":")
    name = f[0]
    n, cin, hw, cout, k, pad = map(int, f[1:7])
    stride = int(f[7]) if len(f) > 7 else 1
    groups = int(f[8]) if len(f) > 8 else 1
    torch.manual_seed(1)
    x = torch.randn(n, cin, hw, hw, requires_grad=True)
    w = torch.randn(cout, cin // groups, k, k, requires_grad=True)
    y = F.conv2d(x, w, stride=stride, padding=pad, groups=groups)
    dy = torch.randn_like(y)
    with torch.no_grad():
        fwd = best(lambda: F.conv2d(x, w, stride=stride, padding=pad, groups=groups))
    dx = best(lambda: torch.autograd.grad(y, (x,), dy, retain_graph=True))
    dw = best(lambda: torch.autograd.grad(y, (w,), dy, retain_graph=True))
    both = best(lambda: torch.autograd.grad(y, (x, w), dy, retain_graph=True))
    print(f"torch {THREADS}t {name:16s} fwd {fwd:7.3f}  scatter {dx:7.3f}  wgrad {dw:7.3f}  bwd {both:7.3f}")
