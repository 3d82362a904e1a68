"""PyTorch reference values for Conv1d/Conv2d per-axis geometry, padding="same" and padding_mode.

Run with Debian's /usr/bin/python3 (python3-torch); writes conv_padding.npz next to this script.
Each case <name> stores <name>.x (input), <name>.weight, <name>.bias and <name>.y = module(x),
all float64; the settings of each case are in CASES below and repeated in ConvPaddingTest.
"""
import os
import numpy as np
import torch

torch.manual_seed(20)
CASES = [
    # name, dims, in, out, kernel, stride, padding, dilation, groups, mode, input spatial size
    ("c2_rect", 2, 2, 3, (3, 5), (1, 2), (1, 2), (1, 1), 1, "zeros", (7, 9)),
    ("c2_dil", 2, 2, 2, (2, 3), (2, 1), (0, 1), (2, 1), 2, "zeros", (8, 6)),
    ("c2_same_even", 2, 2, 3, (4, 2), (1, 1), "same", (1, 1), 1, "zeros", (6, 5)),
    ("c2_same_dil", 2, 1, 2, (3, 4), (1, 1), "same", (2, 1), 1, "zeros", (7, 6)),
    ("c2_reflect", 2, 2, 2, (3, 3), (1, 2), (1, 2), (1, 1), 1, "reflect", (5, 6)),
    ("c2_replicate", 2, 2, 2, (3, 2), (2, 1), (2, 1), (1, 1), 1, "replicate", (5, 4)),
    ("c2_circular", 2, 2, 2, (3, 3), (1, 1), (1, 2), (1, 1), 1, "circular", (4, 5)),
    ("c2_same_reflect", 2, 2, 2, (4, 3), (1, 1), "same", (1, 1), 1, "reflect", (6, 5)),
    ("c2_same_circular", 2, 1, 2, (2, 4), (1, 1), "same", (1, 1), 1, "circular", (5, 6)),
    ("c1_same_even", 1, 2, 3, 4, 1, "same", 1, 1, "zeros", 9),
    ("c1_reflect", 1, 2, 2, 3, 2, 2, 1, 1, "reflect", 7),
    ("c1_replicate", 1, 2, 2, 3, 1, 3, 2, 1, "replicate", 6),
    ("c1_circular", 1, 1, 2, 5, 1, 2, 1, 1, "circular", 8),
    ("c1_same_circular", 1, 2, 2, 4, 1, "same", 2, 2, "circular", 10),
]

out = {}
for name, dims, cin, cout, k, s, p, d, g, mode, size in CASES:
    cls = torch.nn.Conv2d if dims == 2 else torch.nn.Conv1d
    conv = cls(cin, cout, k, stride=s, padding=p, dilation=d, groups=g, padding_mode=mode).double()
    spatial = size if isinstance(size, tuple) else (size,)
    x = torch.randn(2, cin, *spatial, dtype=torch.float64)
    with torch.no_grad():
        y = conv(x)
    out[name + ".x"] = x.numpy()
    out[name + ".weight"] = conv.weight.detach().numpy()
    out[name + ".bias"] = conv.bias.detach().numpy()
    out[name + ".y"] = y.numpy()

np.savez(os.path.join(os.path.dirname(os.path.abspath(__file__)), "conv_padding.npz"), **out)
print(len(CASES), "cases")
