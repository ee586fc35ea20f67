#!/usr/bin/python3
"""Checks a model exported by convkit: the .onnx file passes onnx.checker (with shape inference), and
the equivalent PyTorch module, built from the architecture recorded in the safetensors file and loaded
with its weights, computes logits that are written out for convkit-onnx's ExportRoundTripTest to
compare with convkit running the .onnx file.

    /usr/bin/python3 tools/check_onnx_export.py MODEL.onnx MODEL.safetensors INPUT.json OUTPUT.json

INPUT.json and OUTPUT.json hold {"shape": [...], "data": [...]}. Needs Debian's python3-torch and
python3-onnx; exits 3 with a message when a package is missing, 1 when a check fails.
"""
import json
import re
import struct
import sys

try:
    import onnx
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError as e:  # the Java test tells a missing package from a failed check by the exit code
    print(f"missing package: {e}", file=sys.stderr)
    sys.exit(3)

TOKEN = re.compile(r"([a-zA-Z]+?)(\d)d(?:\(([^)]*)\))?$|([a-zA-Z]+)(?:\(([^)]*)\))?$")


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + length])
    meta = header.pop("__metadata__", {})
    data = raw[8 + length:]
    tensors = {}
    for name, info in header.items():
        if info["dtype"] != "F32":
            raise SystemExit(f"{path}: tensor {name} is {info['dtype']}, expected F32")
        start, end = info["data_offsets"]
        t = torch.frombuffer(bytearray(data[start:end]), dtype=torch.float32)
        tensors[name] = t.reshape(info["shape"]).clone()
    return tensors, meta


class LpPool(nn.Module):
    """convkit's lp_pool with padding (PyTorch's LPPool has none): zeros padded first, then torch's rule."""

    def __init__(self, rank, k, s, p, norm):
        super().__init__()
        self.rank, self.k, self.s, self.p, self.norm = rank, k, s, p, norm
        self.plain = {1: nn.LPPool1d, 2: nn.LPPool2d}.get(rank)

    def forward(self, x):
        if self.p:
            x = F.pad(x, [self.p] * (2 * self.rank))
        if self.plain is not None and self.norm != float("inf"):
            return self.plain(self.norm, self.k, self.s)(x)
        avg = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}[self.rank]
        return (avg(x.pow(self.norm), self.k, self.s) * self.k ** self.rank).pow(1.0 / self.norm)


def module(token):
    m = TOKEN.match(token.strip())
    if not m:
        raise SystemExit(f"cannot read layer {token!r}")
    ranked = m.group(1) is not None
    kind = (m.group(1) if ranked else m.group(4)).lower()
    rank = int(m.group(2)) if ranked else 2
    args = [float(a) for a in (m.group(3) if ranked else m.group(5) or "").split(",") if a.strip()]
    i = [int(a) for a in args]
    if kind == "conv":
        return getattr(nn, f"Conv{rank}d")(i[0], i[1], i[2], i[3], i[4])
    if kind == "convt":
        return getattr(nn, f"ConvTranspose{rank}d")(i[0], i[1], i[2], i[3], i[4], i[5])
    if kind == "linear":
        return nn.Linear(i[0], i[1])
    if kind == "bn":
        return nn.BatchNorm2d(i[0])
    if kind == "relu":
        return nn.ReLU()
    if kind == "elu":
        return nn.ELU(args[0] if args else 1.0)
    if kind == "dropout":
        return nn.Dropout(args[0])
    if kind == "flatten":
        return nn.Flatten()
    if kind == "maxpool":
        return getattr(nn, f"MaxPool{rank}d")(i[0], i[1], i[2])
    if kind == "avgpool":
        return getattr(nn, f"AvgPool{rank}d")(i[0], i[1], i[2])
    if kind == "lppool":
        return LpPool(rank, i[0], i[1], i[2], args[3])
    if kind == "adaptiveavg":
        return getattr(nn, f"AdaptiveAvgPool{rank}d")(tuple(i) if len(i) > 1 else i[0])
    if kind == "adaptivemax":
        return getattr(nn, f"AdaptiveMaxPool{rank}d")(tuple(i) if len(i) > 1 else i[0])
    raise SystemExit(f"no PyTorch module for layer {token!r}")


def main():
    onnx_path, weights_path, input_path, output_path = sys.argv[1:5]
    model = onnx.load(onnx_path)
    onnx.checker.check_model(model, full_check=True)
    tensors, meta = read_safetensors(weights_path)
    props = {p.key: p.value for p in model.metadata_props}
    for key, value in meta.items():
        if props.get(key) != value:
            raise SystemExit(f"{onnx_path}: metadata_props[{key!r}] is {props.get(key)!r}, the model has {value!r}")
    net = nn.Sequential(*[module(t) for t in meta["architecture"].split(";")])
    missing, unexpected = net.load_state_dict(tensors, strict=False)
    missing = [k for k in missing if not k.endswith("num_batches_tracked")]
    if missing or unexpected:
        raise SystemExit(f"{weights_path}: missing {missing}, unexpected {unexpected}")
    net.eval()
    with open(input_path) as f:
        doc = json.load(f)
    x = torch.tensor(doc["data"], dtype=torch.float32).reshape(doc["shape"])
    with torch.no_grad():
        y = net(x)
    with open(output_path, "w") as f:
        json.dump({"shape": list(y.shape), "data": [float(v) for v in y.reshape(-1)]}, f)


if __name__ == "__main__":
    torch.set_num_threads(1)
    main()
