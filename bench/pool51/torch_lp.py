# PyTorch 1.13's lp_pool2d forward on bench/pool51/lp-suite.json, fastest of 30 calls of thread CPU time (time.thread_time), 1 thread
import json, sys, time, torch
torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
for s in json.load(open(sys.argv[1]))['pool2d']:
    if s['op'] != 'lp_pool2d':
        continue
    g = torch.Generator().manual_seed(0)
    x = torch.randn(s['N'], s['C'], s['H'], s['W'], generator=g)
    f = lambda: torch.nn.functional.lp_pool2d(x, s['norm_type'], s['kernel_size'], s['stride'])
    for _ in range(3):
        f()
    best = 1e9
    for _ in range(30):
        c0 = time.thread_time(); f(); best = min(best, time.thread_time() - c0)
    print(f"{s['id']:<16} torch {best * 1e3:8.4f} ms (thread CPU)")
