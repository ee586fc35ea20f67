#!/usr/bin/python3
"""Training throughput, convkit against PyTorch, same network, data, batch and thread count.

Usage: /usr/bin/python3 bench/compare_training.py [--threads N] [--images 19200] [--batch 64]
                                                   [--data /usr/share/datasets/fashion-mnist]

Runs `./convkit train --limit IMAGES --epochs 1` first, then trains the same network in PyTorch.
Trains the cnn2 network (conv 1->32 3x3, BN, ReLU, max pool 2, conv 32->64 3x3, BN, ReLU, max pool 2,
dropout 0.25, linear 3136->10; Adam, cross-entropy) on the first --images Fashion-MNIST training
images for one epoch in PyTorch, then runs `./convkit train --limit IMAGES --epochs 1` the same way,
and prints images/s of both and their ratio. Both sides are timed alike: one whole epoch, warm-up
included (the number convkit's training log reports, and PyTorch's loop from its first batch).

PyTorch gets its best: its tensors are built with torch ops (a float64 NumPy detour made its loop
about 4x slower on this machine kind), and it runs without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE,
which some machines here set for older OpenBLAS builds and which slow a current one (the script
re-runs itself without them). It also runs with glibc's malloc told to keep freed memory
(MALLOC_MMAP_THRESHOLD_=32 MiB, MALLOC_TRIM_THRESHOLD_=1 GiB; --default-malloc turns this off):
PyTorch's CPU allocator does not cache, so with glibc's defaults every step's activations (up to
6.4 MB each) went back to the OS and were page-faulted in again, 3,400-5,000 faults a step, which
made its loop 2.5-2.9x slower by process CPU on the stop-43 machine (train26 in PERFORMANCE.md).
The convkit run gets the environment the script was started with.
"""
import argparse
import gzip
import os
import re
import subprocess
import sys
import tempfile
import time

from torch_env import add_arguments, malloc_setting, reexec_for_torch, require_fast_blas


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))




def load(torch, path, offset):
    """An IDX file's payload as a uint8 tensor, without NumPy."""
    with gzip.open(path) as f:
        data = bytearray(f.read()[offset:])
    return torch.frombuffer(data, dtype=torch.uint8)


def torch_data(torch, data, images):
    """The first `images` training images (normalized float, N x 1 x 28 x 28) and labels, built with torch ops."""
    x = load(torch, os.path.join(data, "train-images-idx3-ubyte.gz"), 16).reshape(-1, 1, 28, 28)[:images]
    y = load(torch, os.path.join(data, "train-labels-idx1-ubyte.gz"), 8)[:images].long()
    return x.float().div_(255).sub_(0.2860).div_(0.3530).contiguous(), y


def torch_cnn2(torch):
    """PyTorch's cnn2, its Adam and its loss, as convkit trains them."""
    import torch.nn as nn
    net = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Dropout(0.25), nn.Flatten(), nn.Linear(3136, 10))
    return net, torch.optim.Adam(net.parameters(), lr=2e-3), nn.CrossEntropyLoss()


def main():
    convkit_env = reexec_for_torch()
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--images", type=int, default=19200)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    add_arguments(ap)
    args = ap.parse_args()

    # convkit first, before torch is imported: a loaded torch keeps OpenMP threads that compete for the cores
    with tempfile.TemporaryDirectory() as out:
        cmd = [os.path.join(ROOT, "convkit"), "train", "--epochs", "1", "--limit", str(args.images), "--batch",
               str(args.batch), "--threads", str(args.threads), "--out", out, "--data", args.data]
        print("running: " + " ".join(cmd), file=sys.stderr)
        text = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              env=convkit_env).stdout
        convkit_ips = float(re.search(r"([0-9.]+) training images/s", text).group(1))

    # torch.set_num_threads(1) alone left PyTorch 1.13's second OpenMP thread working inside each call (gemm14)
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    import torch
    torch.set_num_threads(args.threads)
    require_fast_blas(torch, args.allow_slow_blas)
    torch.manual_seed(1)
    x, y = torch_data(torch, args.data, args.images)
    net, opt, loss_fn = torch_cnn2(torch)
    perm = torch.randperm(args.images)
    batches = (args.images + args.batch - 1) // args.batch
    net.train()
    start = time.perf_counter()
    for b in range(batches):
        idx = perm[b * args.batch:(b + 1) * args.batch]
        opt.zero_grad()
        loss = loss_fn(net(x[idx]), y[idx])
        loss.backward()
        opt.step()
    torch_ips = args.images / (time.perf_counter() - start)
    print(f"threads {args.threads}, batch {args.batch}, {args.images} images, cnn2 + Adam")
    print(f"PyTorch {torch.__version__}: {torch_ips:.0f} images/s (malloc: {malloc_setting()})")
    print(f"convkit: {convkit_ips:.0f} images/s")
    print(f"ratio convkit/PyTorch: {convkit_ips / torch_ips:.2f}x")


if __name__ == "__main__":
    main()
