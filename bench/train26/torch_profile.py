#!/usr/bin/python3
"""Profile PyTorch's cnn2 training loop from compare_training.py (same net, data, loop) with torch.profiler.

Usage: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/train26/torch_profile.py THREADS [IMAGES]
Prints images/s of a warm loop, then the profiler's table of ops by self CPU time.
"""
import os, sys, time, gzip
T = int(sys.argv[1]); N = int(sys.argv[2]) if len(sys.argv) > 2 else 6400
os.environ["OMP_NUM_THREADS"] = str(T)
import torch, torch.nn as nn
torch.set_num_threads(T)
torch.manual_seed(1)
def load(path, off):
    with gzip.open(path) as f:
        return torch.frombuffer(bytearray(f.read()[off:]), dtype=torch.uint8)
D = "/usr/share/datasets/fashion-mnist"
x = load(D + "/train-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28)[:N]
y = load(D + "/train-labels-idx1-ubyte.gz", 8)[:N].long()
x = x.float().div_(255).sub_(0.2860).div_(0.3530).contiguous()
net = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
                    nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
                    nn.Dropout(0.25), nn.Flatten(), nn.Linear(3136, 10))
opt = torch.optim.Adam(net.parameters(), lr=2e-3)
loss_fn = nn.CrossEntropyLoss()
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
