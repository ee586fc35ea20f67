# PyTorch 1.13's lp_pool2d forward and backward (the input gradient of one random output gradient) on a suite file's
# pool2d LP shapes: fastest of CALLS calls of thread CPU time (time.thread_time). Usage: torch_lp.py SUITE THREADS CALLS [IDS]
import json, sys, time, torch
torch.set_num_threads(int(sys.argv[2]))
calls = int(sys.argv[3])
only = set(sys.argv[4:])
for s in json.load(open(sys.argv[1]))['pool2d']:
    if s['op'] != 'lp_pool2d' or (only and s['id'] not in only):
        continue
    g = torch.Generator().manual_seed(0)
    x = torch.randn(s['N'], s['C'], s['H'], s['W'], generator=g).requires_grad_()
    f = lambda: torch.nn.functional.lp_pool2d(x, s['norm_type'], s['kernel_size'], s['stride'])
    with torch.no_grad():
        for _ in range(3):
            f()
        fwd = 1e9
        for _ in range(calls):
            c0 = time.thread_time(); f(); fwd = min(fwd, time.thread_time() - c0)
    y = f()
    gy = torch.randn(y.shape, generator=g)
    bwd = 1e9
    for _ in range(calls + 3):
        y = f()
        c0 = time.thread_time(); torch.autograd.grad(y, x, gy); bwd = min(bwd, time.thread_time() - c0)
    print(f"{s['id']:<22} torch fwd {fwd * 1e3:8.4f} bwd {bwd * 1e3:8.4f} ms (thread CPU)", flush=True)
