#!/usr/bin/python3
"""Reference cases for the padding PyTorch does not have, computed from the written rules with numpy.

Usage: /usr/bin/python3 tools/gen_padding_cases.py OUT.json [--seed N] [--check-torch]

PyTorch cannot produce these (it rejects 'same' with a stride, and 'same' or a padding mode on a
transposed convolution), so the expectations come from an independent numpy implementation of:

* convolution 'same' / 'same_lower': TensorFlow's and ONNX's rule. Per spatial dimension
  O = ceil(I / s), total = max((O - 1) * s + d * (k - 1) + 1 - I, 0); 'same' (SAME_UPPER) pads
  total // 2 before and the rest after, 'same_lower' the rest before. The padded values follow
  padding_mode (numpy's constant / reflect / edge / wrap).
* transposed convolution 'same' / 'same_lower': ONNX ConvTranspose auto_pad. The output is I * s; the
  full output ((I - 1) * s + d * (k - 1) + 1) is cut by total = d * (k - 1) + 1 - s, total // 2 at the
  start for 'same' (the odd element at the end), the rest at the start for 'same_lower'. A negative
  total extends the output instead, split the same way by its magnitude.
* transposed convolution with a padding mode: the correlation view of docs/SEMANTICS.md. The input
  is stride-dilated (s - 1 zeros between neighbours, size (I - 1) * s + 1), padded with the mode by
  d * (k - 1) - cut_start before and d * (k - 1) - cut_end + output_padding after (a negative amount
  crops, after the padding), and correlated (stride 1, dilation d) with the flipped kernel,
  in and out channels swapped within each group.

Inputs are float32 values; expectations float64. Gradients are exact: every op is linear in its
input and in its weight, so grad_input[i] = sum(f(e_i) * grad_output), likewise for the weight.

--check-torch compares the numpy rules with torch 1.13 wherever torch has an answer (stride-1
'same' convolutions, zeros transposed convolutions with numeric padding, and the transposed 'same'
as a cut of torch's full output) before writing.
"""
import json
import os
import random
import sys

import numpy as np

NUMPY_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}
MODES = list(NUMPY_MODE)


def pad_then_crop(x, before, after, mode):
    """Pads the spatial dims of x (N, C, *S) by the positive amounts with the mode, then crops the negative ones."""
    width = [(0, 0), (0, 0)] + [(max(b, 0), max(a, 0)) for b, a in zip(before, after)]
    x = np.pad(x, width, mode=NUMPY_MODE[mode])
    crop = [slice(None), slice(None)]
    for b, a, n in zip(before, after, x.shape[2:]):
        crop.append(slice(max(-b, 0), n - max(-a, 0)))
    return x[tuple(crop)]


def correlate(xp, w, stride, dilation, groups):
    """Cross-correlation of an already padded input (N, Cin, *P) with w (Cout, Cin/groups, *K)."""
    n, cin = xp.shape[:2]
    cout = w.shape[0]
    kernel = w.shape[2:]
    out_size = [(p - d * (k - 1) - 1) // s + 1 for p, k, s, d in zip(xp.shape[2:], kernel, stride, dilation)]
    out = np.zeros((n, cout) + tuple(out_size))
    cg, mg = cin // groups, cout // groups
    for g in range(groups):
        xs = xp[:, g * cg:(g + 1) * cg]
        ws = w[g * mg:(g + 1) * mg]
        for tap in np.ndindex(*kernel):
            window = tuple(slice(t * d, t * d + (o - 1) * s + 1, s)
                           for t, d, o, s in zip(tap, dilation, out_size, stride))
            patch = xs[(slice(None), slice(None)) + window]
            out[:, g * mg:(g + 1) * mg] += np.einsum("nc...,mc->nm...", patch, ws[(slice(None), slice(None)) + tap])
    return out


def split(total, lower):
    """(before, after) of a 'same' total: the odd element after ('same') or before ('same_lower')."""
    half = total // 2
    return (total - half, half) if lower else (half, total - half)


def conv(x, w, b, p):
    rank = x.ndim - 2
    stride, dilation = p["stride"], p["dilation"]
    padding = p["padding"]
    before, after = [], []
    for i in range(rank):
        size, k, s, d = x.shape[2 + i], w.shape[2 + i], stride[i], dilation[i]
        if isinstance(padding, str):
            outputs = -(-size // s)
            total = max((outputs - 1) * s + d * (k - 1) + 1 - size, 0)
            lo, hi = split(total, padding == "same_lower")
        else:
            lo = hi = padding[i]
        before.append(lo)
        after.append(hi)
    out = correlate(pad_then_crop(x, before, after, p["padding_mode"]), w, stride, dilation, p["groups"])
    return out if b is None else out + b.reshape((1, -1) + (1,) * rank)


def transposed_cut(k, s, d, padding, lower):
    """(cut_start, cut_end) of a transposed convolution; negative values extend the output."""
    if not isinstance(padding, str):
        return padding, padding
    total = d * (k - 1) + 1 - s
    lo, hi = split(abs(total), lower)
    return (lo, hi) if total >= 0 else (-lo, -hi)


def conv_transpose(x, w, b, p):
    rank = x.ndim - 2
    stride, dilation, groups = p["stride"], p["dilation"], p["groups"]
    padding = p["padding"]
    n, cin = x.shape[:2]
    view = np.zeros((n, cin) + tuple((size - 1) * s + 1 for size, s in zip(x.shape[2:], stride)))
    view[(slice(None), slice(None)) + tuple(slice(None, None, s) for s in stride)] = x
    before, after = [], []
    for i in range(rank):
        k, s, d = w.shape[2 + i], stride[i], dilation[i]
        start, end = transposed_cut(k, s, d, padding if isinstance(padding, str) else padding[i],
                                    padding == "same_lower")
        before.append(d * (k - 1) - start)
        after.append(d * (k - 1) - end + p["output_padding"][i])
    cg = cin // groups
    mg = w.shape[1]
    flipped = np.flip(w, axis=tuple(range(2, 2 + rank)))
    wc = np.concatenate([np.swapaxes(flipped[g * cg:(g + 1) * cg], 0, 1) for g in range(groups)], axis=0)
    out = correlate(pad_then_crop(view, before, after, p["padding_mode"]), wc, [1] * rank, dilation, groups)
    return out if b is None else out + b.reshape((1, -1) + (1,) * rank)


def gradients(fn, x, w, b, p, g):
    """Exact gradients of the linear maps x -> fn(x, w) and w -> fn(x, w), and the bias gradient."""
    grads = {}
    for name, arg in (("input", x), ("weight", w)):
        grad = np.zeros(arg.size)
        for i in range(arg.size):
            basis = np.zeros(arg.size)
            basis[i] = 1
            e = basis.reshape(arg.shape)
            grad[i] = np.sum(fn(e, w, None, p) * g) if name == "input" else np.sum(fn(x, e, None, p) * g)
        grads[name] = grad.reshape(arg.shape)
    if b is not None:
        grads["bias"] = g.sum(axis=tuple(i for i in range(g.ndim) if i != 1))
    return grads


def rand(rng, shape):
    return np.array([rng.uniform(-2, 2) for _ in range(int(np.prod(shape)))], dtype=np.float32) \
        .astype(np.float64).reshape(shape)


def tensor_json(a):
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1)]}


def make_case(cid, op, params, x, w, b, rng):
    fn = conv_transpose if op.startswith("conv_transpose") else conv
    out = fn(x, w, b, params)
    g = rand(rng, out.shape)
    expect = {"output": tensor_json(out),
              "grad": {k: tensor_json(v) for k, v in gradients(fn, x, w, b, params, g).items()}}
    return {"id": cid, "op": op, "params": params,
            "inputs": {"input": tensor_json(x), "weight": tensor_json(w), "bias": None if b is None else tensor_json(b)},
            "grad_output": tensor_json(g), "expect": expect}


def error_case(cid, op, params, x_shape, w_shape, message):
    zeros = lambda shape: {"shape": list(shape), "data": [0.0] * int(np.prod(shape))}
    return {"id": cid, "op": op, "params": params,
            "inputs": {"input": zeros(x_shape), "weight": zeros(w_shape), "bias": None},
            "expect": {"error": message}}


def random_case(rng, rank, transposed, index):
    while True:
        groups = rng.choice([1, 1, 2])
        cin, cout = groups * rng.randint(1, 2), groups * rng.randint(1, 2)
        k = [rng.randint(1, 4) for _ in range(rank)]
        s = [rng.randint(1, 3) for _ in range(rank)]
        if max(s) == 1:
            s[rng.randrange(rank)] = rng.randint(2, 3)
        d = [rng.choice([1, 1, 2]) for _ in range(rank)]
        mode = rng.choice(MODES)
        padding = rng.choice(["same", "same_lower"])
        output_padding = [0] * rank
        if transposed and rng.random() < 0.3:
            padding = [rng.randint(0, d[i] * (k[i] - 1)) for i in range(rank)]
            output_padding = [rng.randint(0, max(s[i], d[i]) - 1) for i in range(rank)]
        # sizes: 3-d stays small; large enough for reflect of the padded input or view
        low = [d[i] * (k[i] - 1) + 1 if not transposed else (d[i] * (k[i] - 1) + s[i] + output_padding[i]) // s[i] + 2
               for i in range(rank)]
        size = [low[i] + rng.randint(0, 3 if rank < 3 else 1) for i in range(rank)]
        params = {"stride": s, "padding": padding, "dilation": d, "groups": groups, "padding_mode": mode}
        if transposed:
            params["output_padding"] = output_padding
        x_shape = [rng.randint(1, 2), cin] + size
        w_shape = ([cin, cout // groups] if transposed else [cout, cin // groups]) + k
        try:
            fn = conv_transpose if transposed else conv
            out_shape = fn(np.zeros(x_shape), np.zeros(w_shape), None, params).shape
        except ValueError:
            continue
        if min(out_shape[2:]) >= 1 and np.prod(x_shape) <= 160:
            op = ("conv_transpose%dd" if transposed else "conv%dd") % rank
            x, w = rand(rng, x_shape), rand(rng, w_shape)
            b = rand(rng, [cout]) if rng.random() < 0.7 else None
            return make_case("%s/beyond-torch/%03d" % (op, index), op, params, x, w, b, rng)


def hand_cases(rng):
    """The hand-derived examples of docs/SEMANTICS.md and PaddingBeyondTorchTest, with gradients."""
    cases = []
    x5 = np.arange(1, 6, dtype=np.float64).reshape(1, 1, 5)
    x3 = np.arange(1, 4, dtype=np.float64).reshape(1, 1, 3)
    ones3 = np.ones((1, 1, 3))
    w3 = np.array([1.0, 10.0, 100.0]).reshape(1, 1, 3)
    conv_params = lambda padding, mode="zeros": {"stride": [2], "padding": padding, "dilation": [1], "groups": 1,
                                                 "padding_mode": mode}
    for padding in ("same", "same_lower"):
        for mode in MODES:
            cases.append(make_case("conv1d/beyond-torch/hand-%s-%s" % (padding, mode), "conv1d",
                                   conv_params(padding, mode), x5, ones3, None, rng))
    for mode in MODES:
        params = {"stride": [2], "padding": [1], "output_padding": [0], "dilation": [1], "groups": 1,
                  "padding_mode": mode}
        cases.append(make_case("conv_transpose1d/beyond-torch/hand-%s" % mode, "conv_transpose1d", params, x3, w3,
                               None, rng))
    for padding in ("same", "same_lower"):
        params = {"stride": [3], "padding": padding, "output_padding": [0], "dilation": [1], "groups": 1,
                  "padding_mode": "zeros"}
        cases.append(make_case("conv_transpose1d/beyond-torch/hand-extend-%s" % padding, "conv_transpose1d", params,
                               x3, np.array([1.0, 10.0]).reshape(1, 1, 2), None, rng))
    return cases


def error_cases():
    t = {"dilation": [1, 1], "groups": 1}
    return [
        error_case("conv_transpose2d/beyond-torch/error-same-output-padding", "conv_transpose2d",
                   dict(t, stride=[2, 2], padding="same", output_padding=[1, 1], padding_mode="zeros"),
                   [1, 1, 3, 3], [1, 1, 3, 3], "padding='same' sets the output size, so output_padding must be 0"),
        error_case("conv_transpose2d/beyond-torch/error-reflect-view", "conv_transpose2d",
                   dict(t, stride=[1, 1], padding=[0, 0], output_padding=[0, 0], padding_mode="reflect"),
                   [1, 1, 2, 2], [1, 1, 3, 3], "reflect padding (2, 2) of a view of size 2"),
        error_case("conv_transpose1d/beyond-torch/error-circular-view", "conv_transpose1d",
                   {"stride": [2], "padding": "same", "output_padding": [0], "dilation": [3], "groups": 1,
                    "padding_mode": "circular"},
                   [1, 1, 2], [1, 1, 3], "circular padding (4, 3) of a view of size 3"),
        error_case("conv2d/beyond-torch/error-padding-string", "conv2d",
                   dict(t, stride=[2, 2], padding="same_upper", padding_mode="zeros"),
                   [1, 1, 5, 5], [1, 1, 3, 3], "padding must be a number, a list, 'same', 'same_lower' or 'valid'"),
    ]


def check_torch(rng):
    """The numpy rules against torch wherever torch has an answer."""
    import torch
    import torch.nn.functional as F
    checked = 0
    for trial in range(60):
        rank = rng.randint(1, 3)
        k = [rng.randint(1, 4) for _ in range(rank)]
        s = [rng.randint(1, 3) for _ in range(rank)]
        d = [rng.choice([1, 2]) for _ in range(rank)]
        size = [d[i] * (k[i] - 1) + 1 + rng.randint(0, 3) for i in range(rank)]
        x = rand(rng, [2, 2] + size)
        conv_nd = [F.conv1d, F.conv2d, F.conv3d][rank - 1]
        tconv_nd = [F.conv_transpose1d, F.conv_transpose2d, F.conv_transpose3d][rank - 1]
        w = rand(rng, [3, 2] + k)
        ours = conv(x, w, None, {"stride": [1] * rank, "padding": "same", "dilation": d, "groups": 1,
                                 "padding_mode": "zeros"})
        theirs = conv_nd(torch.tensor(x), torch.tensor(w), padding="same", dilation=d).numpy()
        assert np.allclose(ours, theirs), "stride-1 'same' differs from torch"
        wt = rand(rng, [2, 3] + k)
        pad = [rng.randint(0, d[i] * (k[i] - 1)) for i in range(rank)]
        op = [rng.randint(0, max(s[i], d[i]) - 1) for i in range(rank)]
        ours = conv_transpose(x, wt, None, {"stride": s, "padding": pad, "output_padding": op, "dilation": d,
                                            "groups": 1, "padding_mode": "zeros"})
        theirs = tconv_nd(torch.tensor(x), torch.tensor(wt), stride=s, padding=pad, output_padding=op,
                          dilation=d).numpy()
        assert np.allclose(ours, theirs), "the zeros correlation view differs from torch's conv_transpose"
        for lower in (False, True):
            full = tconv_nd(torch.tensor(x), torch.tensor(wt), stride=s, dilation=d).numpy()
            cut = [transposed_cut(k[i], s[i], d[i], "same", lower) for i in range(rank)]
            expected = pad_then_crop(full, [-c[0] for c in cut], [-c[1] for c in cut], "zeros")
            ours = conv_transpose(x, wt, None, {"stride": s, "padding": "same_lower" if lower else "same",
                                                "output_padding": [0] * rank, "dilation": d, "groups": 1,
                                                "padding_mode": "zeros"})
            assert ours.shape[2:] == tuple(size[i] * s[i] for i in range(rank))
            assert np.allclose(ours, expected), "transposed 'same' is not ONNX's cut of torch's full output"
        checked += 1
    print("numpy rules match torch %s in %d random trials" % (torch.__version__, checked))


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        sys.exit(__doc__)
    out = args[0]
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 20261201
    rng = random.Random(seed)
    if "--check-torch" in args:
        check_torch(random.Random(seed + 1))
    cases = hand_cases(rng)
    for rank in (1, 2, 3):
        for transposed in (False, True):
            for i in range(10 if rank < 3 else 6):
                cases.append(random_case(rng, rank, transposed, i))
    cases += error_cases()
    tmp = out + ".tmp"
    with open(tmp, "w") as f:
        f.write('{"format": "convkit-cases/1", "generator": "tools/gen_padding_cases.py --seed %d, numpy %s '
                '(TensorFlow/ONNX rules; no torch reference exists)", "cases": [\n' % (seed, np.__version__))
        f.write(",\n".join(json.dumps(c) for c in cases))
        f.write("\n]}\n")
    os.replace(tmp, out)
    print("%s: %d cases, %d errors" % (out, len(cases), sum("error" in c["expect"] for c in cases)))


if __name__ == "__main__":
    main()
