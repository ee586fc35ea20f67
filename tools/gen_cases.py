#!/usr/bin/python3
"""Generate extra convkit-cases/1 reference data with PyTorch (Debian's python3-torch 1.13).

Usage: /usr/bin/python3 tools/gen_cases.py OUT_DIR [--seed N] [--per-op N]

Random shapes and options for every op, drawn from a seeded generator, so the output is
reproducible. Inputs are float32 values; expectations are torch's float64 results from them, as in
shared/conformance. Options torch rejects become error cases. lp_pool with p = inf is not generated
(torch 1.13 has a bug there; see docs/SEMANTICS.md).
"""
import json
import zlib
import math
import os
import random
import sys

import torch
import torch.nn.functional as F

torch.set_num_threads(1)


def tensor_json(t):
    data = []
    for v in t.detach().reshape(-1).tolist():
        if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
            data.append(v)
        else:
            data.append(v)
    return {"shape": list(t.shape), "data": data}


def rand(rng, shape, low=-2.0, high=2.0):
    gen = torch.Generator().manual_seed(rng.randrange(1 << 30))
    x = torch.rand(shape, generator=gen, dtype=torch.float64) * (high - low) + low
    return x.float().double()  # float32 values, held in double


def case(op, cid, params, inputs, fn, grad_names):
    """Runs fn(**inputs) in float64; returns a case dict (error case if torch raises)."""
    tensors = {k: (v.clone().requires_grad_(k in grad_names) if isinstance(v, torch.Tensor) and v.is_floating_point() else v)
               for k, v in inputs.items()}
    out = {"id": cid, "op": op, "params": params,
           "inputs": {k: (tensor_json(v) if isinstance(v, torch.Tensor) else v) for k, v in inputs.items()}}
    try:
        result = fn(**tensors)
    except Exception as e:  # torch rejects the arguments
        out["expect"] = {"error": f"{type(e).__name__}: {str(e).splitlines()[0]}"}
        return out
    indices = None
    if isinstance(result, tuple):
        result, indices = result
    expect = {"output": tensor_json(result)}
    if indices is not None:
        expect["indices"] = tensor_json(indices)
    if result.numel() > 0:
        gen = torch.Generator().manual_seed(zlib.crc32(cid.encode()))
        grad_out = (torch.rand(result.shape, generator=gen, dtype=torch.float64) * 2 - 1).float().double()
        wanted = [tensors[k] for k in grad_names if tensors.get(k) is not None]
        grads = torch.autograd.grad(result, wanted, grad_out, allow_unused=True)
        out["grad_output"] = tensor_json(grad_out)
        expect["grad"] = {k: tensor_json(g if g is not None else torch.zeros_like(tensors[k]))
                          for k, g in zip([k for k in grad_names if tensors.get(k) is not None], grads)}
    out["expect"] = expect
    return out


def dims(rng, rank, low, high):
    return [rng.randint(low, high) for _ in range(rank)]


def maybe_unbatched(rng, shape):
    return shape[1:] if rng.random() < 0.2 else shape


def conv_cases(rng, n):
    cases = []
    for i in range(n):
        rank = rng.choice([1, 2, 2, 3])
        groups = rng.choice([1, 1, 2, 3])
        cin, cout = groups * rng.randint(1, 2), groups * rng.randint(1, 2)
        k = dims(rng, rank, 1, 4 if rank < 3 else 3)
        d = dims(rng, rank, 1, 2)
        s = dims(rng, rank, 1, 3)
        size = [d[j] * (k[j] - 1) + 1 + rng.randint(0, 6 if rank < 3 else 3) for j in range(rank)]
        mode = rng.choice(["zeros", "zeros", "reflect", "replicate", "circular"])
        params = {"stride": s, "dilation": d, "groups": groups}
        if rng.random() < 0.25:
            params["padding"] = "same"
            params["stride"] = 1
        else:
            params["padding"] = [rng.randint(0, 2) for _ in range(rank)]
        if mode != "zeros":
            params["padding_mode"] = mode
        shape = maybe_unbatched(rng, [rng.randint(1, 2), cin] + size)
        if mode == "circular" and len(shape) == rank + 1:
            shape = [1] + shape  # torch 1.13 fails on unbatched circular (a quirk convkit does not share)
        x = rand(rng, shape)
        w = rand(rng, [cout, cin // groups] + k)
        b = rand(rng, [cout]) if rng.random() < 0.7 else None
        op = f"conv{rank}d"

        def fn(input, weight, bias, _p=params, _rank=rank):
            conv = {1: torch.nn.Conv1d, 2: torch.nn.Conv2d, 3: torch.nn.Conv3d}[_rank]
            m = conv(weight.shape[1] * _p["groups"], weight.shape[0], weight.shape[2:], stride=_p["stride"],
                     padding=_p["padding"], dilation=_p["dilation"], groups=_p["groups"], bias=bias is not None,
                     padding_mode=_p.get("padding_mode", "zeros")).double()
            # use the module's own padding logic, with our tensors as parameters
            if _p.get("padding_mode", "zeros") != "zeros":
                return m._conv_forward(input, weight, bias)
            return {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}[_rank](input, weight, bias, _p["stride"], _p["padding"],
                                                                    _p["dilation"], _p["groups"])
        cases.append(case(op, f"{op}/gen/{i:03d}", params, {"input": x, "weight": w, "bias": b}, fn,
                          ["input", "weight", "bias"]))
    return cases


def conv_transpose_cases(rng, n):
    cases = []
    for i in range(n):
        rank = rng.choice([1, 2, 2, 3])
        groups = rng.choice([1, 1, 2])
        cin, cout = groups * rng.randint(1, 2), groups * rng.randint(1, 2)
        k = dims(rng, rank, 1, 4 if rank < 3 else 3)
        d = dims(rng, rank, 1, 2)
        s = dims(rng, rank, 1, 3)
        p = [rng.randint(0, 2) for _ in range(rank)]
        op_ = [rng.randint(0, max(s[j], d[j]) - 1) for j in range(rank)]
        size = dims(rng, rank, 1, 5 if rank < 3 else 3)
        params = {"stride": s, "padding": p, "output_padding": op_, "dilation": d, "groups": groups}
        x = rand(rng, maybe_unbatched(rng, [rng.randint(1, 2), cin] + size))
        w = rand(rng, [cin, cout // groups] + k)
        b = rand(rng, [cout]) if rng.random() < 0.7 else None
        op = f"conv_transpose{rank}d"
        f = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}[rank]
        cases.append(case(op, f"{op}/gen/{i:03d}", params, {"input": x, "weight": w, "bias": b},
                          lambda input, weight, bias, _f=f, _p=params: _f(input, weight, bias, _p["stride"], _p["padding"],
                                                                         _p["output_padding"], _p["groups"], _p["dilation"]),
                          ["input", "weight", "bias"]))
    return cases


def pool_params(rng, rank, dilation):
    k = dims(rng, rank, 1, 4 if rank < 3 else 3)
    params = {"kernel_size": k, "stride": dims(rng, rank, 1, 3), "padding": [rng.randint(0, kk // 2) for kk in k],
              "ceil_mode": rng.random() < 0.5}
    if dilation:
        params["dilation"] = dims(rng, rank, 1, 2)
    return params


def input_for(rng, rank, params, extra=5, low=-2.0, high=2.0):
    k, d = params["kernel_size"], params.get("dilation", [1] * rank)
    k = k if isinstance(k, list) else [k]
    size = [d[j] * (k[j] - 1) + 1 + rng.randint(0, extra) for j in range(rank)]
    return rand(rng, maybe_unbatched(rng, [rng.randint(1, 2), rng.randint(1, 3)] + size), low, high)


def sliding_pool_cases(rng, n):
    cases = []
    for i in range(n):
        rank = rng.choice([1, 2, 3])
        params = pool_params(rng, rank, True)
        params["return_indices"] = True
        x = input_for(rng, rank, params)
        op = f"max_pool{rank}d"
        f = getattr(F, op)
        cases.append(case(op, f"{op}/gen/{i:03d}", params, {"input": x},
                          lambda input, _f=f, _p=params: _f(input, **_p), ["input"]))
    for i in range(n):
        rank = rng.choice([1, 2, 3])
        params = pool_params(rng, rank, False)
        params["count_include_pad"] = rng.random() < 0.5
        if rank > 1 and rng.random() < 0.3:
            params["divisor_override"] = rng.choice([-3, 1, 2, 5])
        x = input_for(rng, rank, params) if rank < 3 else input_for(rng, rank, dict(params, kernel_size=params["kernel_size"]), 3)
        if rank == 3:  # torch 1.13 needs every unpadded dimension >= kernel for avg_pool3d
            shape = list(x.shape)
            for j in range(3):
                shape[-3 + j] = max(shape[-3 + j], params["kernel_size"][j])
            x = rand(rng, shape)
        op = f"avg_pool{rank}d"
        f = getattr(F, op)
        cases.append(case(op, f"{op}/gen/{i:03d}", params, {"input": x},
                          lambda input, _f=f, _p=params: _f(input, **_p), ["input"]))
    for i in range(n):
        rank = rng.choice([1, 2])
        params = pool_params(rng, rank, False)
        del params["padding"]
        p = rng.choice([1, 2, 3, 1.5, 4, 0.5, 2.5])
        params = {"norm_type": p, **params}
        if rank == 1:  # torch 1.13's lp_pool1d fails on list arguments
            params["kernel_size"], params["stride"] = params["kernel_size"][0], params["stride"][0]
        positive = p not in (1, 2, 4) or rng.random() < 0.5
        x = input_for(rng, rank, params, 5, 0.1 if positive else -2.0, 2.0)
        op = f"lp_pool{rank}d"
        f = getattr(F, op)
        cases.append(case(op, f"{op}/gen/{i:03d}", params, {"input": x},
                          lambda input, _f=f, _p=params: _f(input, **_p), ["input"]))
    return cases


def adaptive_cases(rng, n):
    cases = []
    for i in range(n):
        rank = rng.choice([1, 2, 3])
        kind = rng.choice(["avg", "max"])
        size = dims(rng, rank, 1, 7 if rank < 3 else 4)
        out = [rng.choice([None, rng.randint(1, 9)]) if rank > 1 else rng.randint(1, 9) for _ in range(rank)]
        params = {"output_size": out if rank > 1 else out[0]}
        if kind == "max":
            params["return_indices"] = True
        x = rand(rng, maybe_unbatched(rng, [rng.randint(1, 2), rng.randint(1, 3)] + size))
        op = f"adaptive_{kind}_pool{rank}d"
        f = getattr(F, op)
        cases.append(case(op, f"{op}/gen/{i:03d}", params, {"input": x},
                          lambda input, _f=f, _p=params: _f(input, **_p), ["input"]))
    return cases


def fractional_cases(rng, n):
    cases = []
    for i in range(n):
        rank = rng.choice([2, 3])
        k = dims(rng, rank, 1, 3)
        size = [kk + rng.randint(1, 8 if rank == 2 else 4) for kk in k]
        params = {"kernel_size": k, "return_indices": True}
        if rng.random() < 0.5:
            params["output_size"] = [rng.randint(1, size[j] - k[j] + (1 if rank == 2 else 0)) for j in range(rank)]
        else:
            params["output_ratio"] = [round(rng.uniform(0.3, 0.9), 2) for _ in range(rank)]
            outs = [int(size[j] * params["output_ratio"][j]) for j in range(rank)]
            if any(o < 1 for o in outs):
                continue
            if rank == 3 and any(outs[j] + k[j] - 1 >= size[j] for j in range(rank)):
                continue  # torch's 3d op demands out + k - 1 < in strictly, a quirk convkit does not share
        batch, channels = rng.randint(1, 2), rng.randint(1, 3)
        x = rand(rng, [batch, channels] + size)
        samples = rand(rng, [batch, channels, rank], 0.0, 1.0)
        op = f"fractional_max_pool{rank}d"
        f = getattr(F, op)
        cases.append(case(op, f"{op}/gen/{i:03d}", params, {"input": x, "random_samples": samples},
                          lambda input, random_samples, _f=f, _p=params: _f(input, _random_samples=random_samples, **_p),
                          ["input"]))
    return cases


def unpool_cases(rng, n):
    cases = []
    for i in range(n):
        rank = rng.choice([1, 2, 3])
        k = dims(rng, rank, 1, 3)
        s = [rng.randint(1, kk) for kk in k]
        pool = {"kernel_size": k, "stride": s, "padding": [rng.randint(0, kk // 2) for kk in k]}
        size = [kk + rng.randint(0, 4) for kk in k]
        x = rand(rng, [rng.randint(1, 2), rng.randint(1, 2)] + size)
        values, indices = getattr(F, f"max_pool{rank}d")(x, return_indices=True, **pool)
        params = dict(pool)
        if rng.random() < 0.5:
            params["output_size"] = size
        op = f"max_unpool{rank}d"
        f = getattr(F, op)
        cases.append(case(op, f"{op}/gen/{i:03d}", params, {"input": values.detach(), "indices": indices},
                          lambda input, indices, _f=f, _p=params: _f(input, indices, **_p), ["input"]))
    return cases


def write(path, cases):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write('{"format": "convkit-cases/1", "generator": "tools/gen_cases.py, torch %s", "cases": [\n' % torch.__version__)
        f.write(",\n".join(json.dumps(c, allow_nan=True) for c in cases))
        f.write("\n]}\n")
    os.replace(tmp, path)
    print(f"{path}: {len(cases)} cases, {sum('error' in c['expect'] for c in cases)} errors")


def main():
    out = sys.argv[1]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 7
    per_op = int(sys.argv[sys.argv.index("--per-op") + 1]) if "--per-op" in sys.argv else 60
    os.makedirs(out, exist_ok=True)
    rng = random.Random(seed)
    write(os.path.join(out, "conv_gen.json"), conv_cases(rng, per_op))
    write(os.path.join(out, "conv_transpose_gen.json"), conv_transpose_cases(rng, per_op))
    write(os.path.join(out, "pool_gen.json"), sliding_pool_cases(rng, per_op))
    write(os.path.join(out, "adaptive_gen.json"), adaptive_cases(rng, per_op))
    write(os.path.join(out, "fractional_gen.json"), fractional_cases(rng, per_op))
    write(os.path.join(out, "unpool_gen.json"), unpool_cases(rng, per_op))


if __name__ == "__main__":
    main()
