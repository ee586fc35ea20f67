#!/usr/bin/python3
"""Profile PyTorch's cnn2 training loop from compare_training.py (same net, data, loop) with torch.profiler.

Usage: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/train26/torch_profile.py THREADS [IMAGES]
Prints images/s of a warm loop, then the profiler's table of ops by self CPU time.
"""
import os, sys, time
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from compare_training import torch_data, torch_cnn2
T = int(sys.argv[1]); N = int(sys.argv[2]) if len(sys.argv) > 2 else 6400
os.environ["OMP_NUM_THREADS"] = str(T)
import torch
torch.set_num_threads(T)
torch.manual_seed(1)
x, y = torch_data(torch, "/usr/share/datasets/fashion-mnist", N)
net, opt, loss_fn = torch_cnn2(torch)
B = 64
def epoch(n):
    perm = torch.randperm(N)
    for b in range(n):
        idx = perm[b * B:(b + 1) * B]
        opt.zero_grad()
        loss = loss_fn(net(x[idx]), y[idx])
        loss.backward()
        opt.step()
import resource
nb = N // B
for name in ("first", "warm"):
    t = time.perf_counter(); r0 = resource.getrusage(resource.RUSAGE_SELF); epoch(nb)
    r1 = resource.getrusage(resource.RUSAGE_SELF); u = r1.ru_utime - r0.ru_utime; s = r1.ru_stime - r0.ru_stime
    print(f"{name} pass: {N / (time.perf_counter() - t):.0f} images/s wall, {N / (u + s):.0f} images/s process CPU "
          f"(user {1e3 * u / nb:.1f} ms + sys {1e3 * s / nb:.1f} ms a step, {(r1.ru_minflt - r0.ru_minflt) / nb:.0f} page faults a step)")
if os.environ.get("NOPROF"):
    sys.exit(0)
from torch.profiler import profile, ProfilerActivity
with profile(activities=[ProfilerActivity.CPU]) as prof:
    epoch(min(nb, 40))
print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=25))
