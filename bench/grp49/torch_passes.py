"""grp49: PyTorch 1.13's side of bench/ConvCpuTime.java, pass by pass: forward, input gradient and weight gradient
(each alone, aten.convolution_backward with one output mask, as torch.nn.grad calls it), fastest of REPS calls after
10 warm-ups, in the same shape spelling (id:N:Cin:HW:Cout:K:padding[:stride[:groups]]).

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/grp49/torch_passes.py THREADS REPS SHAPES...

One thread: the calling thread's CPU time (time.thread_time), as ConvCpuTime's. More threads: the wall clock and the
process's CPU time summed over its threads (time.process_time: the fastest call's), as ConvCpuTime's CPU=1 "cpu".
Prints "ID fwd F gin I gw W" (bench/grp49/best.py --torch reads it) and at 2+ threads "cpu fwd .. gin .. gw .." after.
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from torch_env import reexec_for_torch  # noqa: E402

reexec_for_torch()  # PyTorch's best environment: no OPENBLAS_* overrides, glibc malloc keeping freed memory
threads = int(sys.argv[1])
os.environ["OMP_NUM_THREADS"] = str(threads)  # set_num_threads alone left a second OpenMP thread working (gemm14)
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(threads)
reps = int(sys.argv[2])
clock = time.thread_time if threads == 1 else time.perf_counter


def best(call):
    for _ in range(10):
        call()
    t, cpu = float("inf"), float("inf")
    for _ in range(reps):
        c0, t0 = time.process_time(), clock()
        call()
        t, cpu = min(t, clock() - t0), min(cpu, time.process_time() - c0)
    return t * 1e3, cpu * 1e3


for spec in sys.argv[3:]:
    f = spec.split(":")
    name, (n, c, hw, co, k, pad) = f[0], map(int, f[1:7])
    stride = int(f[7]) if len(f) > 7 else 1
    groups = int(f[8]) if len(f) > 8 else 1
    torch.manual_seed(1)
    x = torch.randn(n, c, hw, hw)
    w = torch.randn(co, c // groups, k, k)
    with torch.no_grad():
        y = F.conv2d(x, w, stride=stride, padding=pad, groups=groups)
        dy = torch.randn_like(y)
        common = (None, [stride] * 2, [pad] * 2, [1, 1], False, [0, 0], groups)
        fwd = best(lambda: F.conv2d(x, w, stride=stride, padding=pad, groups=groups))
        gin = best(lambda: torch.ops.aten.convolution_backward(dy, x, w, *common, (True, False, False)))
        gw = best(lambda: torch.ops.aten.convolution_backward(dy, x, w, *common, (False, True, False)))
    line = f"{name:20s} fwd {fwd[0]:7.3f} gin {gin[0]:7.3f} gw {gw[0]:7.3f}"
    if threads > 1:
        line += f"   cpu fwd {fwd[1]:7.3f} gin {gin[1]:7.3f} gw {gw[1]:7.3f}"
    print(line, flush=True)
