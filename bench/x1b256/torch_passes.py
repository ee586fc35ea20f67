"""x1b256: PyTorch's 1×1 passes one by one (forward, input gradient alone, weight gradient alone), fastest of REPS
calls after 20 warm-ups, ms. Shapes as ConvCpuTime's id:N:Cin:HW:Cout:K:pad:stride:groups.
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/x1b256/torch_passes.py T REPS SHAPES..."""
import sys, time, torch
t, reps = int(sys.argv[1]), int(sys.argv[2])
torch.set_num_threads(t)
for s in sys.argv[3:]:
    f = s.split(":")
    n, c, h, co, k, pad = map(int, f[1:7])
    stride = int(f[7]) if len(f) > 7 else 1
    groups = int(f[8]) if len(f) > 8 else 1
    g = torch.Generator().manual_seed(1)
    x = torch.randn(n, c, h, h, generator=g)
    w = torch.randn(co, c // groups, k, k, generator=g)
    y = torch.nn.functional.conv2d(x, w, None, stride, pad, 1, groups)
    dy = torch.randn(y.shape, generator=g)
    def bwd(mask):
        return lambda: torch.ops.aten.convolution_backward(dy, x, w, None, [stride] * 2, [pad] * 2, [1, 1], False,
                                                           [0, 0], groups, mask)
    calls = {"fwd": lambda: torch.nn.functional.conv2d(x, w, None, stride, pad, 1, groups),
             "scatter": bwd([True, False, False]), "wgrad": bwd([False, True, False])}
    out = []
    with torch.no_grad():
        for name, call in calls.items():
            for _ in range(20):
                call()
            best = float("inf")
            for _ in range(reps):
                t0 = time.perf_counter()
                call()
                best = min(best, time.perf_counter() - t0)
            out.append(f"{name} {best * 1e3:7.3f}")
    print(f"{t}t torch {f[0]:<28} " + "  ".join(out), flush=True)
