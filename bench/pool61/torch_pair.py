# pool61: PyTorch's global average as a network runs it: each call right after a ReLU (clamp_min(x, 0), out=) that writes its input fresh
# (first to last), timing the pool call only (thread CPU at 1 thread), fastest and median of REPS; and the bench's
# way (the same input again). env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/pool61/torch_pair.py SUITE REPS [ids]
import json, sys, time, statistics
import torch
import torch.nn.functional as F
suite = json.load(open(sys.argv[1])); reps = int(sys.argv[2]); only = set(sys.argv[3:])
torch.set_num_threads(1)
clock = time.thread_time_ns
for s in suite["pool2d"]:
    if only and s["id"] not in only: continue
    srcs = [torch.randn(s["N"], s["C"], s["H"], s["W"]) for _ in range(2)]
    act = torch.empty_like(srcs[0])
    pool, bench = [], []
    with torch.no_grad():
        for k in range(reps + 20):
            torch.clamp_min(srcs[k & 1], 0.0, out=act)
            t0 = clock(); F.adaptive_avg_pool2d(act, 1); t1 = clock()
            F.adaptive_avg_pool2d(act, 1); t2 = clock()
            if k >= 20: pool.append((t1 - t0) / 1e6); bench.append((t2 - t1) / 1e6)
    print(f'{s["id"]:20s} torch 1t after-producer {min(pool):.4f} (med {statistics.median(pool):.4f})  re-read {min(bench):.4f} (med {statistics.median(bench):.4f})', flush=True)
