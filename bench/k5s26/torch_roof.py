"""k5s26: PyTorch 1.13's one-thread GFLOP/s in thread CPU time: torch.mm 1024^3 and c7x7-s2-29's forward.
Usage: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/k5s26/torch_roof.py"""
import os
os.environ["OMP_NUM_THREADS"] = "1"
import time, torch
import torch.nn.functional as F
torch.set_num_threads(1)
def best(f, n=30):
    for _ in range(5): f()
    b = 1e9
    for _ in range(n):
        t0 = time.thread_time(); f(); b = min(b, time.thread_time() - t0)
    return b
for n in (256, 512, 1024):
    a = torch.randn(n, n); b = torch.randn(n, n); c = torch.empty(n, n)
    t = best(lambda: torch.mm(a, b, out=c), 30 if n < 1024 else 15)
    print(f"torch.mm {n}^3: {t*1e3:8.3f} ms  {2*n**3/t/1e9:6.1f} GFLOP/s")
for name, N, C, H, Co, K, p, s in (("c7x7-s2-29", 8, 32, 29, 48, 7, 3, 2), ("c5x5-s2-27-48", 8, 48, 27, 96, 5, 2, 2),
                                   ("r3x3-14", 8, 256, 14, 256, 3, 1, 1)):
    x = torch.randn(N, C, H, H); w = torch.randn(Co, C, K, K)
    with torch.no_grad():
        y = F.conv2d(x, w, stride=s, padding=p)
        t = best(lambda: F.conv2d(x, w, stride=s, padding=p), 40)
    flop = 2 * y.numel() * C * K * K
    print(f"{name:14s} fwd {t*1e3:8.3f} ms  {flop/1e6:7.1f} MFLOP  {flop/t/1e9:6.1f} GFLOP/s  (out {tuple(y.shape)})")
