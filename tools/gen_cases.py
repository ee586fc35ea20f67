#!/usr/bin/python3
"""Generate extra convkit-cases/1 reference data with PyTorch (Debian's python3-torch 1.13).

Usage: /usr/bin/python3 tools/gen_cases.py OUT_DIR [--seed N] [--per-op N]
       /usr/bin/python3 tools/gen_cases.py OUT_DIR --large [--seed N]

Random shapes and options for every op, drawn from a seeded generator, so the output is
reproducible. Inputs are float32 values; expectations are torch's float64 results from them, as in
shared/conformance. Options torch rejects become error cases. lp_pool with p = inf is not generated
(torch 1.13 has a bug there; see docs/SEMANTICS.md).

--large writes conv_large.json, conv_transpose_large.json and pool_large.json instead: fixed shapes
chosen to reach every fast kernel of convkit-core (each conv case >= 20K multiply-adds, pool rows
of more than 16 outputs), values on a short grid, and prints the FastConv sub-path of every pass.
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


def case(op, cid, params, inputs, fn, grad_names, grad_grid=None):
    """Runs fn(**inputs) in float64; returns a case dict (error case if torch raises).

    grad_grid: when set, grad_output holds multiples of 1/grad_grid in [-1, 1] (short JSON) instead of
    any float32 in [-1, 1)."""
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
        if grad_grid is None:
            grad_out = (torch.rand(result.shape, generator=gen, dtype=torch.float64) * 2 - 1).float().double()
        else:
            grad_out = torch.randint(-grad_grid, grad_grid + 1, result.shape, generator=gen).double() / grad_grid
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


def conv_forward(input, weight, bias, params, rank):
    """torch's convNd with the params of a case (padding_mode through nn.ConvNd's own padding logic)."""
    conv = {1: torch.nn.Conv1d, 2: torch.nn.Conv2d, 3: torch.nn.Conv3d}[rank]
    m = conv(weight.shape[1] * params["groups"], weight.shape[0], weight.shape[2:], stride=params["stride"],
             padding=params["padding"], dilation=params["dilation"], groups=params["groups"], bias=bias is not None,
             padding_mode=params.get("padding_mode", "zeros")).double()
    # use the module's own padding logic, with our tensors as parameters
    if params.get("padding_mode", "zeros") != "zeros":
        return m._conv_forward(input, weight, bias)
    return {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}[rank](input, weight, bias, params["stride"], params["padding"],
                                                        params["dilation"], params["groups"])


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
            return conv_forward(input, weight, bias, _p, _rank)
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


# ------------------------------------------------------------------------------------------------
# --large: cases big enough for convkit's fast kernels (issue 9, item 5)
#
# Hand-picked shapes, not random ones, so that every fast path is reached on purpose; only the
# values are drawn from the seed. Every conv case does at least MIN_MACS multiply-adds (convkit's
# small-size cutoff, Conv.SMALL_MACS, is 4096), and conv_paths() mirrors FastConv's dispatch so that
# the run prints which sub-path each pass takes. Values lie on a grid (multiples of 1/16 for conv,
# 1/64 for pools) so the JSON stays short; the conv sums are then exact in float32 too.

MIN_MACS = 20 * 1024
SMALL_MACS = 1 << 12            # convkit-core Conv.SMALL_MACS
SMALL_REDUCTION = 32            # convkit-core SmallChannelConv.MAX_REDUCTION
WINOGRAD_MIN_CHANNELS = 16      # convkit-core WinogradConv.MIN_CHANNELS
STRIDED_WINOGRAD_MIN_CHANNELS = 64  # convkit-core StridedWinogradConv.MIN_CHANNELS
WINOGRAD_MAX_PAIRS = 128 * 128  # convkit-core WinogradConv.MAX_CHANNEL_PAIRS
WINOGRAD_MAX_REDUCTION = 128    # convkit-core WinogradConv.MAX_REDUCTION
WINOGRAD2_MAX_PAIRS = 1024 * 1024  # convkit-core WinogradConv.MAX_CHANNEL_PAIRS_2 (the F(2x2, 3x3) tile)
WINOGRAD2_MIN_WIDE_TILES = 256  # convkit-core WinogradConv.MIN_WIDE_TILES
WINOGRAD2_MAX_REDUCTION = 2048     # convkit-core WinogradConv.MAX_REDUCTION_2
CONV_GRID = 16
POOL_GRID = 64


def rand_grid(rng, shape, grid, low=-2.0, high=2.0):
    """Multiples of 1/grid in [low, high] (exact in float32), from a generator seeded by rng."""
    gen = torch.Generator().manual_seed(rng.randrange(1 << 30))
    return torch.randint(round(low * grid), round(high * grid) + 1, shape, generator=gen).double() / grid


def lift(values, rank, fill):
    return [fill] * (3 - rank) + list(values)


def conv_geometry(spec, out_spatial):
    """convkit's ConvGeometry of a spec (ConvPlan.resolve), as a dict."""
    r, tr = spec["rank"], spec.get("transposed", False)
    size, k, s, d = spec["size"], spec["kernel"], spec["stride"], spec["dilation"]
    if tr:
        return dict(batch=spec["batch"], groups=spec["groups"], image_ch=spec["cout"], response_ch=spec["cin"],
                    image=lift(out_spatial, r, 1), response=lift(size, r, 1), kernel=lift(k, r, 1),
                    stride=lift(s, r, 1), dilation=lift(d, r, 1), pad=lift(spec["padding"], r, 0))
    pad = spec["padding"]
    if pad == "valid":
        left = right = [0] * r
    elif pad == "same":
        left = [d[j] * (k[j] - 1) // 2 for j in range(r)]
        right = [d[j] * (k[j] - 1) - left[j] for j in range(r)]
    else:
        left = right = list(pad)
    zeros = spec.get("mode", "zeros") == "zeros"
    image = list(size) if zeros else [size[j] + left[j] + right[j] for j in range(r)]
    return dict(batch=spec["batch"], groups=spec["groups"], image_ch=spec["cin"], response_ch=spec["cout"],
                image=lift(image, r, 1), response=lift(out_spatial, r, 1), kernel=lift(k, r, 1),
                stride=lift(s, r, 1), dilation=lift(d, r, 1), pad=lift(left if zeros else [0] * r, r, 0))


def macs(g):
    plane = g["response"][0] * g["response"][1] * g["response"][2]
    kv = g["kernel"][0] * g["kernel"][1] * g["kernel"][2]
    return g["batch"] * g["response_ch"] * plane * (g["image_ch"] // g["groups"]) * kv


# WinogradWeightGradient.MIN_CHANNELS (a path label only: printed with the cases, not stored)
WINOGRAD_WEIGHT_GRADIENT_MIN_CHANNELS = 32


def _depthwise(g):
    return g["image_ch"] == g["groups"] and g["response_ch"] == g["groups"]


PHASE_SPLIT_SIDES = range(2, 8)          # convkit-core PhaseSplitConv.MIN_SIDE .. MAX_SIDE
PHASE_SPLIT_MIN_WIDE_CHANNELS = 16       # convkit-core PhaseSplitConv.MIN_WIDE_CHANNELS (past 3x3)


def _phase_split(g):
    """PhaseSplitConv.applies (s2conv8, c5s2-19): a plain 2-d stride-2 convolution with one group, kernel sides 2-7."""
    return (g["groups"] == 1 and g["kernel"][0] == 1 and all(k in PHASE_SPLIT_SIDES for k in g["kernel"][1:])
            and g["stride"][1:] == [2, 2] and g["dilation"][1:] == [1, 1] and g["image"][0] == 1
            and g["response"][0] == 1 and g["pad"][0] == 0)


def _phase_split_3x3(g):
    """PhaseSplitConv.threeByThree: the strided Winograd's and the phase-split weight gradient's shapes."""
    return _phase_split(g) and g["kernel"] == [1, 3, 3]


def _phase_split_pays(g):
    """PhaseSplitConv.pays, forward and scatter: every 3x3, wider kernels from enough image channels."""
    return _phase_split_3x3(g) or _phase_split(g) and g["image_ch"] >= PHASE_SPLIT_MIN_WIDE_CHANNELS


STEM_MAX_IMAGE_CHANNELS = 8             # convkit-core StemConv.MAX_IMAGE_CHANNELS
STEM_MIN_SIDE = 5                       # convkit-core StemConv.MIN_SIDE


def _stem(g):
    """StemConv.pays (stem21): the forward of a stride-2 first layer with kernel sides from 5, direct on the phases."""
    return (_phase_split(g) and g["image_ch"] <= STEM_MAX_IMAGE_CHANNELS
            and min(g["kernel"][1:]) >= STEM_MIN_SIDE)


def _strided_winograd(g):
    """StridedWinogradConv.pays (s2w15, s2w16), for AVX-512's 16-tile half-strips: at least 64 channels a side, tile
    rows of at most 16 tiles (StridedWinogradConv.MAX_ROW_TILES) filling 7/8 of their half-strips. The 1 MB-L2 rule:
    on a 2 MB L2 one image of fewer than 80 image channels on tile rows under 16 runs the phase split (s2f58,
    LARGE_L2_FEW_IMAGES)."""
    cols = (g["response"][2] + 1) // 2
    return (_phase_split_3x3(g) and min(g["image_ch"], g["response_ch"]) >= STRIDED_WINOGRAD_MIN_CHANNELS
            and 8 * cols >= 7 * 16 and cols <= 16)


def _strided_winograd_scatter(g):
    """StridedWinogradScatter.pays (s2b22): at least 64 channels a side, 4x4 tiles covering at most 9/8 of the image
    (the tiles along an axis start where the padded position 4t + 1 lies)."""
    tiles = [(g["image"][i] - 2 + g["pad"][i]) // 4 - (g["pad"][i] - 1) // 4 + 1 for i in (1, 2)]
    return (_phase_split_3x3(g) and min(g["image_ch"], g["response_ch"]) >= STRIDED_WINOGRAD_MIN_CHANNELS
            and 8 * 16 * tiles[0] * tiles[1] <= 9 * g["image"][1] * g["image"][2])


def _correlate_path(g):
    kv = g["kernel"][0] * g["kernel"][1] * g["kernel"][2]
    if _stem(g):
        return "stem"
    if _strided_winograd(g):
        return "strided-winograd"
    if _phase_split_pays(g):
        return "phase-split"
    if _depthwise(g):
        return "depthwise"
    unit = all(x == 1 for x in g["stride"])
    if g["groups"] == 1 and unit and g["image_ch"] * kv <= SMALL_REDUCTION:
        return "small-channel"
    cin, cout = g["image_ch"] // g["groups"], g["response_ch"] // g["groups"]  # Winograd's limits are per group
    if (unit and g["kernel"] == [1, 3, 3] and g["dilation"] == [1, 1, 1]
            and g["image"][0] == 1 and g["response"][0] == 1
            and min(cin, cout) >= WINOGRAD_MIN_CHANNELS
            and (cin <= WINOGRAD_MAX_REDUCTION and cin * cout <= WINOGRAD_MAX_PAIRS
                 or cin <= WINOGRAD2_MAX_REDUCTION and cin * cout <= WINOGRAD2_MAX_PAIRS
                 and g["batch"] * ((g["response"][1] + 1) // 2) * ((g["response"][2] + 1) // 2)
                 >= WINOGRAD2_MIN_WIDE_TILES)):
        return "winograd"
    return "gemm" if unit else "gemm-strided"


def _flipped(g):
    """FastConv.flippedGeometry: unit strides and d*(k-1) - p >= 0, or None."""
    pad = [g["dilation"][i] * (g["kernel"][i] - 1) - g["pad"][i] for i in range(3)]
    if any(g["stride"][i] != 1 or pad[i] < 0 for i in range(3)):
        return None
    return dict(g, image_ch=g["response_ch"], response_ch=g["image_ch"], image=g["response"], response=g["image"],
                pad=pad)


def _scatter_path(g):
    flipped = _flipped(g)
    if _strided_winograd_scatter(g):
        return "strided-winograd-scatter"
    if _phase_split_pays(g):
        return "phase-split"
    if _depthwise(g):
        return "depthwise-flipped" if flipped else "depthwise-scatter"
    return "flipped-" + _correlate_path(flipped) if flipped else "col2im"


def conv_paths(spec, out_spatial):
    """The FastConv sub-path of each pass: forward, input gradient, weight gradient."""
    g = conv_geometry(spec, out_spatial)
    if macs(g) < SMALL_MACS:
        return {"forward": "reference", "grad_input": "reference", "grad_weight": "reference"}
    weight = (_correlate_path(g).replace("-strided", "").replace("strided-winograd", "phase-split")
              .replace("winograd", "gemm").replace("phase-split", "gemm"))
    cin, cout = g["image_ch"] // g["groups"], g["response_ch"] // g["groups"]
    if (weight == "gemm" and g["kernel"] == [1, 3, 3] and g["image"][0] == 1 and g["response"][0] == 1
            and g["pad"][0] == 0 and g["stride"] == [1, 1, 1] and g["dilation"] == [1, 1, 1]
            and min(cin, cout) >= WINOGRAD_WEIGHT_GRADIENT_MIN_CHANNELS):
        weight = "winograd"  # WinogradWeightGradient.applies: at least MIN_CHANNELS on both sides
    if (weight == "gemm" and g["kernel"] == [1, 5, 5] and g["image"][0] == 1 and g["response"][0] == 1
            and g["pad"][0] == 0 and g["stride"] == [1, 1, 1] and g["dilation"] == [1, 1, 1]
            and min(cin, cout) >= 24):
        weight = "winograd"  # WinogradFiveWeightGradient.applies (small10, grp23): from 24 channels per group
    if _phase_split(g):
        weight = "phase-split"  # PhaseSplitWeightGradient (s2conv9 3x3, c5s2wg20 sides 2-7), from any image channels
    if spec.get("transposed", False):
        return {"forward": _scatter_path(g), "grad_input": _correlate_path(g), "grad_weight": weight}
    return {"forward": _correlate_path(g), "grad_input": _scatter_path(g), "grad_weight": weight}


def _conv_spec(rank, tag, cin, cout, kernel=3, stride=1, dilation=1, padding=1, groups=1, size=None, batch=2,
               bias=True, mode="zeros", unbatched=False, transposed=False, output_padding=0):
    each = lambda v: list(v) if isinstance(v, (list, tuple)) else [v] * rank
    spec = dict(rank=rank, tag=tag, cin=cin, cout=cout, kernel=each(kernel), stride=each(stride),
                dilation=each(dilation), padding=padding if isinstance(padding, str) else each(padding),
                groups=groups, batch=1 if unbatched else batch, bias=bias, mode=mode, unbatched=unbatched,
                transposed=transposed, output_padding=each(output_padding))
    spec["size"] = each(size) if size is not None else None
    return spec


def _out_spatial(spec, size):
    r, k, s, d, p = spec["rank"], spec["kernel"], spec["stride"], spec["dilation"], spec["padding"]
    if spec["transposed"]:
        return [(size[j] - 1) * s[j] - 2 * p[j] + d[j] * (k[j] - 1) + spec["output_padding"][j] + 1 for j in range(r)]
    if p == "same":
        return list(size)
    pads = [0] * r if p == "valid" else p
    return [(size[j] + 2 * pads[j] - d[j] * (k[j] - 1) - 1) // s[j] + 1 for j in range(r)]


def _fit(spec):
    """Grows the spatial size, from the smallest with 2 outputs per dimension, to MIN_MACS multiply-adds."""
    r = spec["rank"]
    if spec["size"] is None:
        pad = spec["padding"] if isinstance(spec["padding"], list) else [0] * r
        if spec["padding"] == "same":
            pad = [spec["dilation"][j] * (spec["kernel"][j] - 1) - spec["dilation"][j] * (spec["kernel"][j] - 1) // 2
                   for j in range(r)]
        # padding modes other than zeros read the input from within: pad < size
        spec["size"] = [pad[j] + 1 if spec["mode"] != "zeros" and not spec["transposed"] else 1 for j in range(r)]
        for j in range(r):
            while _out_spatial(spec, spec["size"])[j] < 2:
                spec["size"][j] += 1
        j = r - 1
        while macs(conv_geometry(spec, _out_spatial(spec, spec["size"]))) < MIN_MACS:
            spec["size"][j] += 1
            j = (j - 1) % r
    return spec


def _rank_shapes(rank):
    """Kernels and channel counts per rank that keep the tensors of a 20K multiply-add case small."""
    k = {1: 5, 2: 3, 3: 3}[rank]
    return dict(
        k=k,
        big=-(-(SMALL_REDUCTION + 1) // k ** rank) + 1,  # Cin x kernel volume > 32: the GEMM, not the direct kernels
        wide_k={1: 25, 2: 7, 3: [3, 3, 5]}[rank],    # one channel per group: a long kernel keeps tensors small
        stride2={1: 2, 2: [1, 2], 3: [1, 1, 2]}[rank],
        small_k={1: 9, 2: 3, 3: [1, 3, 3]}[rank],     # with 3 channels: Cin x kernel volume = 27 <= 32
        output_padding2={1: 1, 2: [0, 1], 3: [0, 0, 1]}[rank],
        long_cin={1: 60, 2: 30, 3: 10}[rank])         # Cin x kernel volume > 256 (FastConv.KC)


def conv_large_specs(rank):
    r = _rank_shapes(rank)
    big, wide_k, stride2, small_k = r["big"], r["wide_k"], r["stride2"], r["small_k"]
    S = lambda *v: list(v[:rank]) if rank > 1 else [v[0]]
    C = lambda tag, cin, cout, **kw: _conv_spec(rank, tag, cin, cout, **dict({"kernel": r["k"]}, **kw))
    specs = [
        C("gemm", big, 8),
        C("gemm-nobias-valid", big, 6, padding="valid", bias=False),
        C("gemm-stride2", big, 8, stride=2),
        C("gemm-mixed-stride-dilation", big, 4, stride=S(2, 1, 3), dilation=S(1, 2, 2), padding=S(2, 0, 1), bias=False),
        C("gemm-dilation2", big, 5, dilation=2, padding=2),
        C("gemm-pad-beyond-kernel", 2 * big, 4, kernel=S(3, 2, 1), padding=S(3, 2, 2)),
        C("gemm-long-reduction", r["long_cin"], 9, batch=1),
        C("groups2", 2 * big, 8, groups=2),
        C("groups3-stride2", 6, 3, groups=3, stride=stride2, kernel=wide_k, bias=False),
        C("depthwise", 6, 6, groups=6, kernel=wide_k),
        C("depthwise-stride2", 5, 5, groups=5, stride=stride2, kernel=wide_k, padding=S(1, 0, 2)),
        C("depthwise-same-dilated", 4, 4, groups=4, padding="same", dilation=2, kernel=wide_k, bias=False),
        C("depthwise-circular", 4, 4, groups=4, padding=S(1, 2, 1), mode="circular", kernel=wide_k),
        C("multiplier2", 4, 8, groups=4, kernel=wide_k),
        C("multiplier3-stride2", 3, 9, groups=3, stride=stride2, kernel=wide_k, bias=False),
        C("small-channel", 3, 3, kernel=small_k, padding=S(2, 1) if rank < 3 else [0, 1, 1]),
        C("small-channel-1in", 1, 3, kernel={1: 25, 2: 5, 3: 3}[rank], padding=0, bias=False),
        C("small-channel-pad-beyond-kernel", 2, 3, kernel={1: 9, 2: 3, 3: [1, 3, 3]}[rank],
          padding={1: [9], 2: [3, 1], 3: [1, 1, 1]}[rank]),
        C("small-channel-reflect", 3, 4, kernel=small_k, padding=S(2, 1, 1), mode="reflect"),
        C("reflect-stride2", big, 4, stride=2, padding=S(1, 2, 1), mode="reflect"),
        C("replicate", big, 5, padding=S(2, 1, 1), mode="replicate", bias=False),
        C("circular-groups2", 2 * big, 4, groups=2, padding=S(1, 1, 2), mode="circular"),
        C("same-even-kernel", big, 4, kernel=S(4, 2, 4) if rank < 3 else [2, 2, 4], padding="same"),
        C("same-dilated-replicate", big, 3, padding="same", dilation=S(2, 1, 2), mode="replicate"),
        C("unbatched", big, 5, unbatched=True, stride=S(1, 2, 1)),
    ]
    if rank > 1:  # more than one column tile of the implicit im2col (FastConv.NT = 512 columns)
        specs.append(C("gemm-wide", 4 if rank == 2 else 2, 3, batch=1, size=[26, 26] if rank == 2 else [3, 8, 20]))
    return [_fit(s) for s in specs]


def conv_transpose_large_specs(rank):
    r = _rank_shapes(rank)
    big, wide_k, stride2, small_k = r["big"], r["wide_k"], r["stride2"], r["small_k"]
    S = lambda *v: list(v[:rank]) if rank > 1 else [v[0]]
    T = lambda tag, cin, cout, **kw: _conv_spec(rank, tag, cin, cout, transposed=True, **dict({"kernel": r["k"]}, **kw))
    specs = [
        T("flipped-gemm", big, 8),
        T("flipped-gemm-nobias-dilation2", big, 4, dilation=2, padding=S(1, 2, 3), bias=False),
        T("flipped-small-channel", 3, 4, kernel=small_k, padding=S(1, 0) if rank < 3 else [0, 1, 0]),
        T("flipped-small-channel-both", 3, 3, kernel=small_k, padding=0, bias=False),
        T("col2im-stride2", big, 6, stride=2, output_padding=1),
        T("col2im-stride3-dilation2", big, 4, stride=S(3, 2, 3), dilation=S(2, 1, 2), output_padding=S(2, 0, 1),
          padding=S(2, 1, 0)),
        T("col2im-unit-stride-pad-beyond", big, 4, padding=S(3, 2, 2), kernel=3),
        T("groups2", 2 * big, 6, groups=2),
        T("groups2-stride2", 2 * big, 4, groups=2, stride=2, output_padding=S(1, 0, 1), bias=False),
        T("depthwise", 6, 6, groups=6, kernel=wide_k),
        T("depthwise-stride2", 5, 5, groups=5, stride=stride2, output_padding=r["output_padding2"], padding=S(1, 0, 1),
          kernel=wide_k),
        T("multiplier2", 4, 8, groups=4, kernel=wide_k, bias=False),
        T("long-reduction", r["long_cin"], 5, batch=1),
        T("unbatched", big, 4, unbatched=True, stride=S(1, 2, 1), output_padding=S(0, 1, 0)),
    ]
    return [_fit(s) for s in specs]


def winograd_large_specs(transposed):
    """2-d 3x3 stride-1 cases with enough channels for WinogradConv: odd sizes, ragged last tiles, tiles of
    one strip spanning two images, padding 0 to 2, two groups (appended after the other cases, so their values
    stay)."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, transposed=transposed, **kw)
    specs = [
        C("winograd", 16, 16, size=[13, 11], padding=1),
        C("winograd-valid-3images", 17, 20, size=[9, 7], padding=0, batch=3, bias=False),
        C("winograd-pad2", 16, 24, size=[6, 15], padding=[2, 1], batch=1),
        C("winograd-groups2", 32, 40, size=[11, 10], padding=1, groups=2),
    ]
    return [_fit(s) for s in specs]


def winograd2_large_specs(transposed):
    """Reductions over more than 128 channels (per group), which run Winograd's F(2x2, 3x3) tile with at least
    256 tiles per call: forward for conv2d, the input-gradient's flipped correlation for conv_transpose2d
    (appended after every other case, so their values stay)."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, transposed=transposed, **kw)
    specs = [
        C("winograd2-wide", 130, 16, size=[16, 15], padding=1, batch=4),
        # too few tiles for F(2x2) on a wide reduction: the GEMM (groups run F(2x2) in WinogradConvTest)
        C("winograd2-few-tiles-groups2", 2 * 132, 32, size=[5, 4], padding=1, batch=1, groups=2),
    ]
    return [_fit(s) for s in specs]


def winograd_weight_gradient_large_specs(transposed):
    """More than 64 channels per group on both sides: the weight gradient runs WinogradWeightGradient's
    F(2x2, 3x3) (appended after every other case, so their values stay)."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, transposed=transposed, **kw)
    specs = [
        C("winograd-wgrad", 72, 80, size=[9, 7], padding=1, batch=2),
        C("winograd-wgrad-groups2", 2 * 68, 2 * 66, size=[7, 6], padding=[1, 0], batch=1, groups=2, bias=False),
    ]
    return [_fit(s) for s in specs]


def phase_split_large_specs(transposed):
    """2-d 3x3 stride-2 cases with one group, which run PhaseSplitConv (s2conv8) forward and as input gradient:
    odd and even sizes, padding 0 to 2 per side, response rows longer than a register tile and channel counts off
    it (appended after every other case, so their values stay)."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, stride=2, transposed=transposed, **kw)
    op = dict(output_padding=1) if transposed else {}
    specs = [
        C("phase-split-odd", 10, 12, size=[19, 17], padding=1, **op),
        C("phase-split-even-valid", 12, 7, size=[12, 14], padding=0, batch=1, bias=False),
        C("phase-split-pad2-1", 6, 11, size=[11, 13], padding=[2, 1], batch=3, **op),
    ]
    return [_fit(s) for s in specs]


def phase_split_strips_large_specs():
    """PhaseSplitConv with more than 512 response positions (two runs of response rows per image, s2conv11), phase
    rows wider than a vector, padding 0 to 2 on a side, odd and even sizes (appended after every other case, so their
    values stay)."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, stride=2, **kw)
    specs = [
        C("phase-split-strips-odd", 6, 10, size=[45, 47], padding=[1, 2], batch=2),
        C("phase-split-strips-even-valid", 5, 9, size=[40, 66], padding=0, batch=2, bias=False),
    ]
    return [_fit(s) for s in specs]


def five_by_five_three_large_specs():
    """five13: 5x5 stride-1 correlations on Winograd's F(3x3, 5x5) (WinogradConv.tile5: where its tiles and weight
    transform cost fewer points than F(2x2, 5x5)'s), forward and flipped input gradient, ragged last tiles on one axis;
    appended after every other case, so their values stay."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, **kw)
    specs = [
        C("winograd35-c5x5", 24, 32, kernel=5, size=[18, 17], padding=2, batch=3),
    ]
    return [_fit(s) for s in specs]


def strided_winograd_large_specs():
    """s2w15: 3x3 stride-2 forwards on the strided F(2x2, 3x3) (StridedWinogradConv: at least 64 channels a side, tile
    rows filling 7/8 of a 16-tile half-strip): a ragged last tile row and column (odd response), padding 0 and 2 on a
    side, two images; appended after every other case, so their values stay."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, stride=2, **kw)
    specs = [
        C("strided-winograd-odd", 64, 72, size=[21, 57], padding=1, batch=2),
        C("strided-winograd-pad2-0", 65, 64, size=[13, 58], padding=[2, 0], batch=1, bias=False),
    ]
    return [_fit(s) for s in specs]


def five_by_five_three_weight_gradient_large_specs():
    """five14: 5x5 stride-1 weight gradients on Winograd's F(5x5, 3x3) (WinogradFiveWeightGradient.tile: where its 3x3
    tiles cost fewer points than F(5x5, 2x2)'s; the 780 cases now take it too) with ragged last tiles on both axes and
    two reduction blocks, and one on a 4x4 response, where F(5x5, 2x2) stays; appended after every other case, so
    their values stay."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, **kw)
    specs = [
        C("winograd53-wgrad-ragged", 32, 40, kernel=5, size=[19, 23], padding=2, batch=2),
        C("winograd52-wgrad-4x4", 32, 36, kernel=5, size=[4, 4], padding=2, batch=3, bias=False),
    ]
    return [_fit(s) for s in specs]


def depthwise_narrow_large_specs():
    """dw15: 2-d depthwise 3x3 and 5x5 stride-1 convolutions with output rows under a vector (DepthwiseRolling's flat
    run over the padded plane, PanamaVectorOps.narrowRows, and the narrow padRows): 14 wide with 5x5, odd sizes
    with 3x3, padding 0; forward and flipped input gradient; appended after every other case, so their values stay."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, **kw)
    specs = [
        C("depthwise-narrow-5x5-14", 6, 6, groups=6, kernel=5, size=[14, 14], padding=2, batch=2),
        C("depthwise-narrow-3x3-odd", 8, 8, groups=8, kernel=3, size=[13, 11], padding=1, batch=2, bias=False),
        C("depthwise-narrow-3x3-pad0", 12, 12, groups=12, kernel=3, size=[9, 9], padding=0, batch=4),
    ]
    return [_fit(s) for s in specs]


def depthwise_stride2_large_specs(transposed):
    """dw18: 2-d depthwise 3x3 and 5x5 stride-2 input gradients by column phase (DepthwiseRolling.scatterStride2, image
    rows of 32 or more: two 16-lane vectors, one a column phase): odd and even image sizes, padding 0 to past the
    kernel's reach and unequal on the two axes; a transposed one, whose forward is that scatter; appended after every
    other case, so their values stay."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, stride=2, transposed=transposed, **kw)
    if transposed:
        specs = [C("depthwise-s2-3x3-transposed", 6, 6, groups=6, kernel=3, size=[11, 20], padding=1, output_padding=1,
                   batch=2)]
    else:
        specs = [
            C("depthwise-s2-3x3-odd", 8, 8, groups=8, kernel=3, size=[21, 45], padding=1, batch=2),
            C("depthwise-s2-5x5-pad2-0", 6, 6, groups=6, kernel=5, size=[17, 40], padding=[2, 0], batch=2, bias=False),
            C("depthwise-s2-3x3-pad0-3", 6, 6, groups=6, kernel=3, size=[22, 33], padding=[0, 3], batch=3),
            C("depthwise-s2-5x5-odd", 5, 5, groups=5, kernel=5, size=[19, 37], padding=3, batch=2),
        ]
    return [_fit(s) for s in specs]


def depthwise_stride2_narrow_large_specs(transposed):
    """dws2b21: 2-d depthwise 3x3 and 5x5 stride-2 input gradients of image rows under 32 columns (DepthwiseRolling's
    phase planes, VectorOps.depthwiseStride2GradientRun): odd and even sizes, padding 0-3 and unequal on the two
    axes, few planes (bands of image rows); a transposed one, whose forward is that scatter; appended after every
    other case, so their values stay."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, stride=2, transposed=transposed, **kw)
    if transposed:
        specs = [C("depthwise-s2-narrow-3x3-transposed", 6, 6, groups=6, kernel=3, size=[9, 11], padding=1,
                   output_padding=1, batch=4)]
    else:
        specs = [
            C("depthwise-s2-narrow-3x3-21", 8, 8, groups=8, kernel=3, size=[21, 21], padding=1, batch=3),
            C("depthwise-s2-narrow-5x5-pad2-1", 6, 6, groups=6, kernel=5, size=[17, 27], padding=[2, 1], batch=2,
              bias=False),
            C("depthwise-s2-narrow-3x3-pad0-2", 8, 8, groups=8, kernel=3, size=[20, 14], padding=[0, 2], batch=4),
            C("depthwise-s2-narrow-5x5-odd", 6, 6, groups=6, kernel=5, size=[15, 9], padding=3, batch=3),
        ]
    return [_fit(s) for s in specs]


def pointwise_large_specs(transposed):
    """1x1, unit-stride, unpadded cases on planes under 512 positions with reductions past SmallChannelConv's: the
    weight gradient runs FastConv.weightGradientPointwisePacked (gemm7; appended after every other case, so their
    values stay)."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, transposed=transposed, **kw)
    specs = [
        C("pointwise-small-plane", 40, 12, kernel=1, padding=0, size=[9, 11], batch=2),
        C("pointwise-small-plane-groups2", 2 * 36, 2 * 10, kernel=1, padding=0, size=[7, 6], batch=2, groups=2,
          bias=False),
    ]
    return [_fit(s) for s in specs]


def small_channel_backward_large_specs(transposed):
    """bwd8: lenet-like 2-d small-channel convolutions whose weight gradient keeps 12-16 response channels in the
    vector lanes (ChannelLaneGradient: output rows at most 16 wide, kernel rows of 3 or 5) and whose input
    gradient runs blocks of 6 image channels (SmallChannelScatter, no horizontal padding); appended after every
    other case, so their values stay."""
    if transposed:
        return []
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, **kw)
    specs = [
        C("small-channel-lanes-lenet", 6, 16, kernel=5, size=[14, 14], padding=0, batch=2),
        C("small-channel-lanes-k3-pad", 5, 12, kernel=3, size=[9, 12], padding=[1, 0], batch=3, bias=False),
    ]
    return [_fit(s) for s in specs]


def five_by_five_large_specs():
    """small9: 5x5 stride-1 correlations on Winograd's F(2x2, 5x5) (16 to 128 image and at least 16 response channels,
    forward and flipped input gradient), and a first layer whose flipped input gradient (24 x 25 into 3 channels)
    runs the small-channel kernels; appended after every other case, so their values stay."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, **kw)
    specs = [
        C("winograd5-c5x5-odd", 32, 40, kernel=5, size=[13, 11], padding=2, batch=2),
        C("winograd5-c5x5-pad0", 48, 24, kernel=5, size=[19, 22], padding=0, batch=1, bias=False),
        C("small-channel-5x5-into-3", 3, 24, kernel=5, size=[17, 15], padding=2, batch=2),
    ]
    return [_fit(s) for s in specs]


def five_by_five_weight_gradient_large_specs(transposed):
    """small10: 5x5 stride-1 weight gradients on Winograd's F(5x5, 2x2) (at least 32 channels per group on both
    sides): odd sizes with ragged last tiles, padding 1 on one axis and 0 on the other, groups, and a transposed
    convolution; appended after every other case, so their values stay."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, transposed=transposed, **kw)
    if transposed:
        return [_fit(C("winograd5-wgrad-transposed", 40, 32, kernel=5, size=[9, 8], padding=2, batch=2))]
    specs = [
        C("winograd5-wgrad-odd", 33, 36, kernel=5, size=[12, 9], padding=[1, 0], batch=2),
        C("winograd5-wgrad-groups2", 2 * 32, 2 * 34, kernel=5, size=[10, 11], padding=2, batch=1, groups=2,
          bias=False),
    ]
    return [_fit(s) for s in specs]


def grouped_five_by_five_weight_gradient_large_specs():
    """grp19: 5x5 stride-1 grouped weight gradients below WinogradFiveWeightGradient's 32 channels a group, which run
    FastConv's dot products along the positions (FastConv.rowsPay, up to 25 taps): 16 and 8 channels a group, odd and
    even sizes, padding 2 and 1; appended after every other case, so their values stay."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, kernel=5, **kw)
    specs = [
        C("grouped-5x5-rows-g2", 32, 32, size=[9, 8], padding=2, batch=2, groups=2),
        C("grouped-5x5-rows-g4", 32, 48, size=[7, 9], padding=1, batch=2, groups=4, bias=False),
    ]
    return [_fit(s) for s in specs]


def conv_large_case(rng, spec, index, path_log):
    r, tr = spec["rank"], spec["transposed"]
    op = f"conv_transpose{r}d" if tr else f"conv{r}d"
    cid = f"{op}/large/{index:03d}-{spec['tag']}"
    shape = [spec["batch"], spec["cin"]] + spec["size"]
    if spec["unbatched"]:
        shape = shape[1:]
    x = rand_grid(rng, shape, CONV_GRID)
    k = spec["kernel"]
    if tr:
        w = rand_grid(rng, [spec["cin"], spec["cout"] // spec["groups"]] + k, CONV_GRID, -1.0, 1.0)
        params = {"stride": spec["stride"], "padding": spec["padding"], "output_padding": spec["output_padding"],
                  "dilation": spec["dilation"], "groups": spec["groups"]}
        f = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}[r]
        fn = lambda input, weight, bias, _p=params: f(input, weight, bias, _p["stride"], _p["padding"],
                                                      _p["output_padding"], _p["groups"], _p["dilation"])
    else:
        w = rand_grid(rng, [spec["cout"], spec["cin"] // spec["groups"]] + k, CONV_GRID, -1.0, 1.0)
        params = {"stride": spec["stride"], "dilation": spec["dilation"], "groups": spec["groups"],
                  "padding": spec["padding"]}
        if spec["padding"] == "same":
            params["stride"] = 1
        if spec["mode"] != "zeros":
            params["padding_mode"] = spec["mode"]
        fn = lambda input, weight, bias, _p=params: conv_forward(input, weight, bias, _p, r)
    b = rand_grid(rng, [spec["cout"]], CONV_GRID) if spec["bias"] else None
    c = case(op, cid, params, {"input": x, "weight": w, "bias": b}, fn, ["input", "weight", "bias"], CONV_GRID)
    if "error" in c["expect"]:
        raise SystemExit(f"{cid}: torch rejects a large case: {c['expect']['error']}")
    out_spatial = c["expect"]["output"]["shape"][-r:]
    assert out_spatial == _out_spatial(spec, spec["size"]), (cid, out_spatial)
    g = conv_geometry(spec, out_spatial)
    assert macs(g) >= MIN_MACS, (cid, macs(g))
    path_log.append((op, cid, macs(g), conv_paths(spec, out_spatial)))
    return c


def conv_large_cases(rng, transposed, path_log):
    cases = []
    for rank in (1, 2, 3):
        specs = conv_transpose_large_specs(rank) if transposed else conv_large_specs(rank)
        for i, spec in enumerate(specs):
            cases.append(conv_large_case(rng, spec, i, path_log))
    return cases


def pool_large_cases(rng):
    """Every pool op with rows of well over 16 outputs (the vector row kernels) and 4 to 6 planes."""
    cases = []
    counter = {}

    def add(op, tag, params, inputs, fn, grads=("input",)):
        i = counter.get(op, 0)
        counter[op] = i + 1
        c = case(op, f"{op}/large/{i:03d}-{tag}", params, inputs, fn, list(grads), POOL_GRID)
        if "error" in c["expect"]:
            raise SystemExit(f"{c['id']}: torch rejects a large case: {c['expect']['error']}")
        cases.append(c)

    def x(shape, low=-2.0, high=2.0):
        return rand_grid(rng, shape, POOL_GRID, low, high)

    def sliding(op, tag, shape, low=-2.0, high=2.0, **params):
        f = getattr(F, op)
        add(op, tag, params, {"input": x(shape, low, high)}, lambda input, _f=f, _p=params: _f(input, **_p))

    # max pooling: strides 1..4 take the vector row kernel (1-d and 2-d planes), 5 and dilated widths the scalar one
    sliding("max_pool1d", "k3-s1-p1", [2, 3, 70], kernel_size=[3], stride=[1], padding=[1], return_indices=True)
    sliding("max_pool1d", "k4-s2-ceil", [2, 3, 81], kernel_size=[4], stride=[2], padding=[1], ceil_mode=True,
            return_indices=True)
    sliding("max_pool1d", "k3-s3-dilation2-noindices", [2, 2, 100], kernel_size=[3], stride=[3], dilation=[2])
    sliding("max_pool1d", "k5-s5-ceil", [3, 2, 131], kernel_size=[5], stride=[5], padding=[2], ceil_mode=True,
            return_indices=True)
    sliding("max_pool2d", "k3-s1-p1", [2, 2, 4, 36], kernel_size=[3, 3], stride=[1, 1], padding=[1, 1],
            return_indices=True)
    sliding("max_pool2d", "k2-s2-noindices", [2, 3, 4, 48], kernel_size=[2, 2], stride=[2, 2])
    sliding("max_pool2d", "k3-s2-ceil", [2, 2, 5, 51], kernel_size=[3, 3], stride=[2, 2], padding=[1, 1],
            ceil_mode=True, return_indices=True)
    sliding("max_pool2d", "k2x4-s1x4", [2, 2, 3, 90], kernel_size=[2, 4], stride=[1, 4], padding=[1, 2],
            return_indices=True)
    sliding("max_pool2d", "dilation2x1", [2, 2, 6, 40], kernel_size=[3, 3], stride=[1, 2], dilation=[2, 1],
            padding=[1, 1], return_indices=True)
    sliding("max_pool2d", "dilation1x2-ceil", [2, 2, 4, 45], kernel_size=[2, 3], stride=[2, 1], dilation=[1, 2],
            ceil_mode=True, return_indices=True)
    sliding("max_pool3d", "k2-s2", [2, 2, 4, 4, 34], kernel_size=[2, 2, 2], stride=[2, 2, 2], return_indices=True)
    sliding("max_pool3d", "k3-s1-p1-noindices", [2, 2, 2, 3, 24], kernel_size=[3, 3, 3], stride=[1, 1, 1],
            padding=[1, 1, 1])
    sliding("max_pool3d", "dilation-ceil", [2, 2, 4, 5, 37], kernel_size=[2, 2, 3], stride=[2, 2, 2],
            padding=[1, 0, 1], dilation=[1, 2, 1], ceil_mode=True, return_indices=True)

    # average pooling: padding counted or not, ceil_mode, divisor_override
    sliding("avg_pool1d", "k3-s1-p1", [2, 3, 60], kernel_size=[3], stride=[1], padding=[1])
    sliding("avg_pool1d", "k4-s3-p2-exclude-ceil", [2, 3, 80], kernel_size=[4], stride=[3], padding=[2],
            count_include_pad=False, ceil_mode=True)
    sliding("avg_pool1d", "k6-s6", [3, 2, 130], kernel_size=[6], stride=[6])
    sliding("avg_pool2d", "k3-s1-p1", [2, 2, 3, 36], kernel_size=[3, 3], stride=[1, 1], padding=[1, 1])
    sliding("avg_pool2d", "k3-s2-exclude", [2, 2, 5, 51], kernel_size=[3, 3], stride=[2, 2], padding=[1, 1],
            count_include_pad=False)
    sliding("avg_pool2d", "k2-s2-ceil-exclude", [2, 2, 5, 49], kernel_size=[2, 2], stride=[2, 2], ceil_mode=True,
            count_include_pad=False)
    sliding("avg_pool2d", "k3x4-s1x4-divisor", [2, 2, 3, 90], kernel_size=[3, 4], stride=[1, 4], padding=[1, 2],
            divisor_override=5)
    sliding("avg_pool2d", "k3-s2-ceil-include", [2, 2, 4, 53], kernel_size=[3, 3], stride=[2, 2], padding=[1, 1],
            ceil_mode=True)
    sliding("avg_pool3d", "k2-s2", [2, 2, 4, 4, 34], kernel_size=[2, 2, 2], stride=[2, 2, 2])
    sliding("avg_pool3d", "k3-s1-p1-exclude", [2, 2, 3, 3, 24], kernel_size=[3, 3, 3], stride=[1, 1, 1],
            padding=[1, 1, 1], count_include_pad=False)
    sliding("avg_pool3d", "ceil-divisor", [2, 2, 4, 5, 37], kernel_size=[2, 3, 3], stride=[2, 2, 2],
            padding=[1, 1, 1], ceil_mode=True, divisor_override=7)

    # power-average pooling: p = 1 and 2 on the fast sums, 3 and 2.5 in double (positive inputs: x^p is real)
    for rank, shape in ((1, [2, 3, 80]), (2, [2, 2, 4, 60])):
        for p, stride, ceil, positive in ((1, 1, False, False), (2, 2, True, False), (3, 3, False, True),
                                          (2.5, 2, True, True)):
            k = 3 if rank == 1 else [3, 3]
            s = stride if rank == 1 else [1, stride]  # torch 1.13's lp_pool1d takes ints only
            sliding(f"lp_pool{rank}d", f"p{p}-s{stride}" + ("-ceil" if ceil else ""), shape,
                    0.25 if positive else -2.0, 2.0, norm_type=p, kernel_size=k, stride=s, ceil_mode=ceil)

    # adaptive pooling: even windows (one vector run per row), odd output sizes (uneven windows), global
    adaptive = {1: [([2, 3, 96], 32, "even"), ([2, 3, 100], 33, "odd"), ([3, 2, 70], 1, "global"),
                    ([2, 2, 45], 45, "identity")],
                2: [([2, 2, 4, 64], [2, 32], "even"), ([2, 2, 5, 75], [3, 29], "odd"), ([2, 3, 4, 48], [1, 1], "global"),
                    ([2, 2, 4, 54], [None, 27], "keep-rows")],
                3: [([2, 2, 4, 4, 32], [2, 2, 16], "even"), ([2, 2, 3, 5, 35], [2, 3, 17], "odd"),
                    ([2, 2, 3, 3, 24], [1, 1, 1], "global"), ([2, 2, 3, 4, 30], [None, 3, None], "keep")]}
    for kind in ("avg", "max"):
        for rank in (1, 2, 3):
            for shape, out, tag in adaptive[rank]:
                op = f"adaptive_{kind}_pool{rank}d"
                params = {"output_size": out}
                if kind == "max":
                    params["return_indices"] = True
                f = getattr(F, op)
                add(op, tag, params, {"input": x(shape)}, lambda input, _f=f, _p=params: _f(input, **_p))

    # fractional max pooling: alpha = (in - k) / (out - 1) whole (regular windows, vector runs) and not
    for rank, shape, params, tag in (
            (2, [2, 2, 8, 62], {"kernel_size": [2, 2], "output_size": [4, 31]}, "alpha-whole"),
            (2, [2, 2, 6, 60], {"kernel_size": [3, 3], "output_size": [3, 33]}, "alpha-fraction"),
            (2, [2, 2, 6, 70], {"kernel_size": [2, 3], "output_ratio": [0.5, 0.6]}, "ratio"),
            (3, [2, 2, 4, 5, 42], {"kernel_size": [2, 2, 2], "output_size": [2, 3, 21]}, "alpha-whole"),
            (3, [2, 2, 5, 6, 48], {"kernel_size": [2, 3, 3], "output_ratio": [0.5, 0.5, 0.6]}, "ratio")):
        op = f"fractional_max_pool{rank}d"
        params = dict(params, return_indices=True)
        f = getattr(F, op)
        samples = rand_grid(rng, shape[:2] + [rank], POOL_GRID, 0.0, 1.0 - 1.0 / POOL_GRID)
        add(op, tag, params, {"input": x(shape), "random_samples": samples},
            lambda input, random_samples, _f=f, _p=params: _f(input, _random_samples=random_samples, **_p))

    # max unpooling of a max pool's answer (indices within each plane), with and without output_size
    for rank, shape, pool, out_size, tag in (
            (1, [2, 3, 80], {"kernel_size": [2], "stride": [2], "padding": [0]}, None, "k2-s2"),
            (1, [2, 3, 79], {"kernel_size": [3], "stride": [2], "padding": [1]}, [79], "k3-s2-output-size"),
            (2, [2, 2, 4, 64], {"kernel_size": [2, 2], "stride": [2, 2], "padding": [0, 0]}, None, "k2-s2"),
            (2, [2, 2, 5, 51], {"kernel_size": [3, 3], "stride": [2, 2], "padding": [1, 1]}, [5, 51], "k3-s2-output-size"),
            (3, [2, 2, 4, 4, 32], {"kernel_size": [2, 2, 2], "stride": [2, 2, 2], "padding": [0, 0, 0]}, None, "k2-s2"),
            (3, [2, 2, 3, 5, 31], {"kernel_size": [3, 3, 3], "stride": [2, 2, 2], "padding": [1, 1, 1]}, [3, 5, 31],
             "k3-s2-output-size")):
        values, indices = getattr(F, f"max_pool{rank}d")(x(shape), return_indices=True, **pool)
        params = dict(pool)
        if out_size is not None:
            params["output_size"] = out_size
        op = f"max_unpool{rank}d"
        f = getattr(F, op)
        add(op, tag, params, {"input": values.detach(), "indices": indices},
            lambda input, indices, _f=f, _p=params: _f(input, indices, **_p))
    return cases


def print_conv_paths(path_log):
    """One line per case (passes and their FastConv sub-path), then which sub-paths each op reaches."""
    reached = {}
    for op, cid, m, paths in path_log:
        print(f"  {cid:58s} {m:>9d} MACs  " + "  ".join(f"{k}={v}" for k, v in paths.items()))
        for k, v in paths.items():
            reached.setdefault(op, {}).setdefault(k, set()).add(v)
    for op in sorted(reached):
        print(f"  {op}: " + "; ".join(f"{k}: {', '.join(sorted(v))}" for k, v in reached[op].items()))


def pool_large_appended_cases(rng):
    """Pool cases added after the first set, drawn last so that every earlier case keeps its values."""
    cases = []
    # pool15: adaptive averages of a few uneven windows a row (28 -> 5: widths 6 and 7, one column shared; 57 -> 4
    # in 1-d; 3-d with depth windows), one plane kernel call each (convkit-core SlidingPlane.windows)
    for shape, out, tag in (([3, 4, 28, 28], [5, 5], "few-windows"),
                            ([2, 3, 57], 4, "few-windows"),
                            ([2, 2, 3, 11, 30], [2, 3, 4], "few-windows")):
        op = f"adaptive_avg_pool{len(shape) - 2}d"
        f = getattr(F, op)
        params = {"output_size": out}
        c = case(op, f"{op}/large/100-{tag}", params,
                 {"input": rand_grid(rng, shape, POOL_GRID, -2.0, 2.0)},
                 lambda input, _f=f, _p=params: _f(input, **_p), ["input"], POOL_GRID)
        if "error" in c["expect"]:
            raise SystemExit(f"{c['id']}: torch rejects a large case: {c['expect']['error']}")
        cases.append(c)
    return cases


def phase_split_wide_large_specs():
    """c5s2-19: 5x5 and 7x7 stride-2 convolutions on PhaseSplitConv (forward and input gradient from 16 image
    channels): odd and even sizes, padding 0 to 3, unequal padding per axis, and a 3-channel 7x7 stem that keeps the
    GEMM path; appended after every other case, so their values stay."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, stride=2, **kw)
    specs = [
        C("phase-split-5x5-odd", 16, 8, kernel=5, size=[13, 15], padding=2, batch=2),
        C("phase-split-5x5-even-pad1-3", 16, 6, kernel=5, size=[12, 14], padding=[1, 3], batch=1, bias=False),
        C("phase-split-7x7-stem", 3, 8, kernel=7, size=[17, 19], padding=3, batch=2),
        C("phase-split-7x7-valid", 17, 5, kernel=7, size=[15, 16], padding=0, batch=1),
    ]
    return [_fit(s) for s in specs]


def phase_split_wide_weight_gradient_large_specs():
    """c5s2wg20: stride-2 weight gradients past 3x3 on PhaseSplitWeightGradient's column-phase tap rows, from any image
    channels: response rows past a vector (34 wide: two runs of rows), odd and even sizes, padding 0 to 3, a rectangular
    even-sided kernel, a 5x5 stem; appended after every other case, so their values stay."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, stride=2, **kw)
    specs = [
        C("phase-split-wgrad-7x7-wide-rows", 4, 6, kernel=7, size=[15, 67], padding=3, batch=1),
        C("phase-split-wgrad-5x5-stem-pad1-2", 3, 10, kernel=5, size=[14, 13], padding=[1, 2], batch=2, bias=False),
        C("phase-split-wgrad-4x6-even", 18, 5, kernel=[4, 6], size=[12, 16], padding=[1, 2], batch=1),
    ]
    return [_fit(s) for s in specs]


def stem_large_specs():
    """stem21: stride-2 first layers' forwards on StemConv (direct, on the phases, at most 8 image channels, kernel
    sides from 5): a grey 5x5 on an even image, a 7x7 with unequal padding per axis and response channels past a block
    of 4, a 7x5 of four channels on an odd image; appended after every other case, so their values stay."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, stride=2, **kw)
    specs = [
        C("stem-5x5-grey", 1, 12, kernel=5, size=[24, 28], padding=2, batch=2),
        C("stem-7x7-pad1-3", 6, 11, kernel=7, size=[19, 22], padding=[1, 3], batch=1, bias=False),
        C("stem-7x5-four-channels", 4, 10, kernel=[7, 5], size=[21, 23], padding=[3, 2], batch=2),
    ]
    return [_fit(s) for s in specs]


def strided_winograd_scatter_large_specs():
    """s2b22: 3x3 stride-2 input gradients on the transposed strided Winograd (StridedWinogradScatter: at least 64
    channels a side, tiles covering at most 9/8 of the image): an odd image with padding 1 (a ragged last tile), an
    even one whose tiles cross images in a strip, padding 2 and 0 on the two axes (tiles from before the image);
    appended after every other case, so their values stay."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, stride=2, **kw)
    specs = [
        C("strided-winograd-scatter-odd", 64, 72, size=[27, 31], padding=1, batch=2),
        C("strided-winograd-scatter-even", 72, 64, size=[20, 24], padding=1, batch=3, bias=False),
        C("strided-winograd-scatter-pad2-0", 64, 64, size=[31, 60], padding=[2, 0], batch=1),
    ]
    return [_fit(s) for s in specs]


def main_large(out, seed):
    os.makedirs(out, exist_ok=True)
    rng = random.Random(seed)
    path_log = []
    conv = conv_large_cases(rng, False, path_log)
    transpose = conv_large_cases(rng, True, path_log)
    pool = pool_large_cases(rng)
    for transposed, cases in ((False, conv), (True, transpose)):
        cases += [conv_large_case(rng, spec, 100 + i, path_log) for i, spec in enumerate(winograd_large_specs(transposed))]
    for transposed, cases in ((False, conv), (True, transpose)):
        cases += [conv_large_case(rng, spec, 200 + i, path_log) for i, spec in enumerate(winograd2_large_specs(transposed))]
    for transposed, cases in ((False, conv), (True, transpose)):
        cases += [conv_large_case(rng, spec, 300 + i, path_log)
                  for i, spec in enumerate(winograd_weight_gradient_large_specs(transposed))]
    for transposed, cases in ((False, conv), (True, transpose)):
        cases += [conv_large_case(rng, spec, 400 + i, path_log) for i, spec in enumerate(phase_split_large_specs(transposed))]
    for transposed, cases in ((False, conv), (True, transpose)):
        cases += [conv_large_case(rng, spec, 500 + i, path_log) for i, spec in enumerate(pointwise_large_specs(transposed))]
    conv += [conv_large_case(rng, spec, 600 + i, path_log)
             for i, spec in enumerate(small_channel_backward_large_specs(False))]
    conv += [conv_large_case(rng, spec, 760 + i, path_log) for i, spec in enumerate(five_by_five_large_specs())]
    for transposed, cases in ((False, conv), (True, transpose)):
        cases += [conv_large_case(rng, spec, 780 + i, path_log)
                  for i, spec in enumerate(five_by_five_weight_gradient_large_specs(transposed))]
    conv += [conv_large_case(rng, spec, 800 + i, path_log) for i, spec in enumerate(phase_split_strips_large_specs())]
    conv += [conv_large_case(rng, spec, 820 + i, path_log) for i, spec in enumerate(five_by_five_three_large_specs())]
    conv += [conv_large_case(rng, spec, 840 + i, path_log)
             for i, spec in enumerate(five_by_five_three_weight_gradient_large_specs())]
    pool += pool_large_appended_cases(rng)
    conv += [conv_large_case(rng, spec, 860 + i, path_log) for i, spec in enumerate(depthwise_narrow_large_specs())]
    conv += [conv_large_case(rng, spec, 863 + i, path_log) for i, spec in enumerate(strided_winograd_large_specs())]
    for transposed, cases in ((False, conv), (True, transpose)):
        cases += [conv_large_case(rng, spec, 870 + i, path_log)
                  for i, spec in enumerate(depthwise_stride2_large_specs(transposed))]
    conv += [conv_large_case(rng, spec, 880 + i, path_log) for i, spec in enumerate(phase_split_wide_large_specs())]
    conv += [conv_large_case(rng, spec, 890 + i, path_log)
             for i, spec in enumerate(grouped_five_by_five_weight_gradient_large_specs())]
    conv += [conv_large_case(rng, spec, 910 + i, path_log)
             for i, spec in enumerate(phase_split_wide_weight_gradient_large_specs())]
    for transposed, cases in ((False, conv), (True, transpose)):
        cases += [conv_large_case(rng, spec, 930 + i, path_log)
                  for i, spec in enumerate(depthwise_stride2_narrow_large_specs(transposed))]
    conv += [conv_large_case(rng, spec, 940 + i, path_log) for i, spec in enumerate(stem_large_specs())]
    conv += [conv_large_case(rng, spec, 950 + i, path_log) for i, spec in enumerate(strided_winograd_scatter_large_specs())]
    conv += grouped_five_by_five_winograd_weight_gradient_large_cases(rng, path_log)
    conv += grouped_short_group_weight_gradient_large_cases(rng, path_log)
    conv += grouped_wide_five_winograd_large_cases(seed, path_log)
    conv += small_plane_four_by_four_winograd_large_cases(seed, path_log)
    conv += five_by_five_balanced_parts_large_cases(seed, path_log)
    conv += eight_wide_four_by_four_winograd_large_cases(seed, path_log)
    conv += strided_one_image_phase_split_large_cases(seed, path_log)
    conv += grouped_seven_wide_lanes_large_cases(seed, path_log)
    conv += small_plane_evened_parts_large_cases(seed, path_log)
    conv += five_by_five_long_chain_large_cases(seed, path_log)
    conv += grouped_wide_five_large_l2_winograd_large_cases(seed, path_log)
    write(os.path.join(out, "conv_large.json"), conv)
    write(os.path.join(out, "conv_transpose_large.json"), transpose)
    write(os.path.join(out, "pool_large.json"), pool)
    print_conv_paths(path_log)


def write(path, cases):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write('{"format": "convkit-cases/1", "generator": "tools/gen_cases.py, torch %s", "cases": [\n' % torch.__version__)
        f.write(",\n".join(json.dumps(c, allow_nan=True) for c in cases))
        f.write("\n]}\n")
    os.replace(tmp, path)
    print(f"{path}: {len(cases)} cases, {sum('error' in c['expect'] for c in cases)} errors")


def grouped_five_by_five_winograd_weight_gradient_large_cases(rng, path_log):
    """grp23: 5x5 stride-1 weight gradients with 24 to 31 channels a group, which WinogradFiveWeightGradient takes from
    24 (it took them from 32 before; the dot products along the positions ran them): 24 a group on four groups, odd
    sizes for ragged tiles, 24 into 28 on three groups with padding 1; ids 980-989, drawn last so every earlier case
    keeps its values."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, kernel=5, **kw)
    specs = [
        C("grouped-5x5-winograd-wgrad-g4-24", 96, 96, size=[11, 9], padding=2, batch=2, groups=4),
        C("grouped-5x5-winograd-wgrad-g3-24x28", 72, 84, size=[8, 10], padding=1, batch=1, groups=3, bias=False),
    ]
    return [conv_large_case(rng, _fit(spec), 980 + i, path_log) for i, spec in enumerate(specs)]


def grouped_short_group_weight_gradient_large_cases(rng, path_log):
    """grp25: unit-stride 2-d grouped weight gradients with at most 64 response channels a group and 2 to 25 taps, which
    ShortGroupWeightGradient runs as dots over compact rows (pitch W + max(pad left, pad right), the images end to end
    sharing their zero rows): 16 a group on odd and even sides and three images, 8 into 12 on 5x5, dilation 2,
    "same" on a 4x4 kernel (one more zero after than before), no padding with a ragged quad of 6 response channels;
    ids 970-974, drawn last so every earlier case keeps its values."""
    C = lambda tag, cin, cout, **kw: _conv_spec(2, tag, cin, cout, **kw)
    specs = [
        C("grouped-3x3-compact-rows-g3-16", 48, 48, size=[11, 12], padding=1, batch=3, groups=3),
        C("grouped-5x5-compact-rows-g2-8x12", 16, 24, kernel=5, size=[9, 10], padding=2, batch=2, groups=2,
          bias=False),
        C("grouped-3x3-compact-rows-dilated", 32, 32, size=[10, 9], padding=2, dilation=2, batch=2, groups=4),
        C("grouped-4x4-compact-rows-same", 16, 16, kernel=4, size=[9, 9], padding="same", batch=2, groups=2),
        C("grouped-3x3-compact-rows-unpadded-6", 32, 48, size=[12, 12], padding=0, batch=3, groups=8, bias=False),
    ]
    return [conv_large_case(rng, _fit(spec), 970 + i, path_log) for i, spec in enumerate(specs)]


def grouped_wide_five_winograd_large_cases(seed, path_log):
    """grp54: a grouped 5x5 forward and input gradient with 48 channels a group on 544 2x2 tiles a group, which leave
    the lanes kernel for Winograd (ConvDispatch.wideGroupsWinogradPays); odd sides, bias; id 1063, drawn from its own
    generator (seed + 1063), so every other case keeps its values (`tools/append_case.py grouped_wide_five_winograd_large_cases PATH` appends it alone)."""
    rng = random.Random(seed + 1063)
    spec = _conv_spec(2, "grouped-5x5-wide-groups-winograd-g2-48", 96, 96, kernel=5, size=[31, 33], padding=2,
                      batch=2, groups=2)
    return [conv_large_case(rng, _fit(spec), 1063, path_log)]


def small_plane_four_by_four_winograd_large_cases(seed, path_log):
    """win56: a dense 3x3 forward and input gradient on a 10 x 9 response of 40 -> 48 channels and 15 images, 135 4x4
    tiles, which run F(4x4) rather than F(2x2) (WinogradConv.SMALL_F4_MIN_SIDE, SMALL_PLANE_F4_TILES); id 1072, drawn from
    its own generator (seed + 1072), so every other case keeps its values (`tools/append_case.py small_plane_four_by_four_winograd_large_cases PATH` appends it alone)."""
    rng = random.Random(seed + 1072)
    spec = _conv_spec(2, "dense-3x3-small-plane-four-by-four-winograd", 40, 48, size=[10, 9], padding=1, batch=15)
    return [conv_large_case(rng, _fit(spec), 1072, path_log)]


def five_by_five_balanced_parts_large_cases(seed, path_log):
    """d5w58: a dense 5x5 weight gradient of 48 -> 40 channels on 4 images of 15 x 15, whose 20 rows of 3x3 tiles
    would cut into reduction blocks of 12 and 8 rows (parts 12 / 8 apart); WinogradFiveWeightGradient.tileBlock evens
    them to two blocks of 10 (new bits within F(5x5, 3x3)'s tolerance); id 1084, drawn from its own generator
    (seed + 1084), so every other case keeps its values (`tools/append_case.py five_by_five_balanced_parts_large_cases
    PATH` appends it alone)."""
    rng = random.Random(seed + 1084)
    spec = _conv_spec(2, "dense-5x5-wgrad-balanced-parts", 48, 40, kernel=5, size=[15, 15], padding=2, batch=4)
    return [conv_large_case(rng, _fit(spec), 1084, path_log)]


def eight_wide_four_by_four_winograd_large_cases(seed, path_log):
    """sm58: a dense 3x3 forward and input gradient on an 8 x 8 response of 40 -> 48 channels and 32 images, 128 4x4
    tiles, which run F(4x4) rather than F(2x2) (WinogradConv.SMALL_F4_MIN_SIDE 8, SMALL_PLANE_F4_TILES); id 1068, drawn from
    its own generator (seed + 1068), so every other case keeps its values (`tools/append_case.py eight_wide_four_by_four_winograd_large_cases PATH` appends it alone)."""
    rng = random.Random(seed + 1068)
    spec = _conv_spec(2, "dense-3x3-eight-wide-four-by-four-winograd", 40, 48, size=[8, 8], padding=1, batch=32)
    return [conv_large_case(rng, _fit(spec), 1068, path_log)]


def strided_one_image_phase_split_large_cases(seed, path_log):
    """s2f58: a 3x3 stride-2 forward of one image of 72 -> 68 channels on a 21 x 57 plane (11 x 29 responses, tile rows
    of 15): the strided Winograd on a 1 MB L2, the phase split on a 2 MB one (StridedWinogradConv.LARGE_L2_FEW_IMAGES:
    one image under 80 channels, rows under 16 tiles; the path printed is the 1 MB one's); id 1064, drawn from its own generator
    (seed + 1064), so every other case keeps its values (`tools/append_case.py strided_one_image_phase_split_large_cases
    PATH` appends it alone)."""
    rng = random.Random(seed + 1064)
    spec = _conv_spec(2, "strided-one-image-few-channels-phase-split", 72, 68, stride=2, size=[21, 57], padding=1,
                      batch=1)
    return [conv_large_case(rng, _fit(spec), 1064, path_log)]


def grouped_seven_wide_lanes_large_cases(seed, path_log):
    """grp59: grouped convolutions on 7 x 7 responses, which now run the lanes kernels (FastConv.GROUP_LANES_MIN_WIDTH 7)
    rather than F(2x2, 5x5) Winograd or the short-group GEMM: a 5x5 of 48 channels a group (forward, input and weight
    gradient; id 1085) and a 3x3 of 16 a group (id 1086), each drawn from its own generator (seed + id), so every other
    case keeps its values (`tools/append_case.py grouped_seven_wide_lanes_large_cases PATH` appends them alone)."""
    five = _conv_spec(2, "grouped-5x5-seven-wide-lanes-g2-48", 96, 96, kernel=5, size=[7, 7], padding=2, batch=4,
                      groups=2)
    three = _conv_spec(2, "grouped-3x3-seven-wide-lanes-g4-16", 64, 64, size=[7, 7], padding=1, batch=8, groups=4)
    return [conv_large_case(random.Random(seed + 1085), _fit(five), 1085, path_log),
            conv_large_case(random.Random(seed + 1086), _fit(three), 1086, path_log)]


def small_plane_evened_parts_large_cases(seed, path_log):
    """wg60: a dense 3x3 weight gradient of 48 -> 40 channels on 16 images of 9 x 9, whose 80 rows of 2x2 tiles would
    cut into reduction blocks of 25 rows and parts of 50 / 30; WinogradWeightGradient.tileBlock evens them to blocks of
    20 (parts 40 / 40; new bits within F(2x2)'s tolerance); id 1076, drawn from its own generator (seed + 1076), so
    every other case keeps its values (`tools/append_case.py small_plane_evened_parts_large_cases PATH` appends it
    alone)."""
    rng = random.Random(seed + 1076)
    spec = _conv_spec(2, "dense-3x3-wgrad-small-plane-evened-parts", 48, 40, size=[9, 9], padding=1, batch=16)
    return [conv_large_case(rng, _fit(spec), 1076, path_log)]


def five_by_five_long_chain_large_cases(seed, path_log):
    """d5w60: a dense 5x5 weight gradient of 40 -> 48 channels on 4 images of 13 x 13 (F(5x5, 3x3): 20 rows of 5 tiles
    in blocks of 50), whose product chains are 25 tiles long (WinogradFive3WeightGradient.CHAIN_3 32) rather than 12-13
    (new bits within F(5x5, 3x3)'s tolerance); id 1073, drawn from its own generator (seed + 1073), so every other case
    keeps its values (`tools/append_case.py five_by_five_long_chain_large_cases PATH` appends it alone)."""
    rng = random.Random(seed + 1073)
    spec = _conv_spec(2, "dense-5x5-wgrad-long-chains", 40, 48, kernel=5, size=[13, 13], padding=2, batch=4)
    return [conv_large_case(rng, _fit(spec), 1073, path_log)]


def grouped_wide_five_large_l2_winograd_large_cases(seed, path_log):
    """grp60: a grouped 5x5 forward of 48 channels a group on 264 2x2 tiles a group (2 images of 23 x 21), which on a
    2 MB L2 leaves the lanes kernel for Winograd (ConvDispatch.LARGE_L2_WIDE_GROUP_TILES_5 256; 512 on a smaller L2);
    id 1087, drawn from its own generator (seed + 1087), so every other case keeps its values
    (`tools/append_case.py grouped_wide_five_large_l2_winograd_large_cases PATH` appends it alone)."""
    rng = random.Random(seed + 1087)
    spec = _conv_spec(2, "grouped-5x5-wide-groups-large-l2-winograd-g2-48", 96, 96, kernel=5, size=[23, 21], padding=2,
                      batch=2, groups=2)
    return [conv_large_case(rng, _fit(spec), 1087, path_log)]


def main():
    out = sys.argv[1]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 7
    per_op = int(sys.argv[sys.argv.index("--per-op") + 1]) if "--per-op" in sys.argv else 60
    if "--large" in sys.argv:
        main_large(out, seed)
        return
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
