"""ONNX files written by torch.onnx.export (opset 17), for OnnxImportTorchTest.

Run with Debian's /usr/bin/python3 (python3-torch 1.13); writes next to this script:
  torch_mlp.onnx, torch_cnn.onnx, torch_encoder.onnx   the exported models (float64 weights)
  torch_outputs.npz                                    <name>.x (input) and <name>.y (PyTorch's output)
Models are in eval mode; inputs and weights are float64 so the import can be compared to 1e-12.
"""
import os
import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(17)


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(4, 6, (3, 2), stride=(1, 2)), nn.BatchNorm2d(6), nn.Tanh(), nn.AvgPool2d(2),
        nn.Flatten(), nn.Linear(6 * 1 * 1, 5), nn.LogSoftmax(dim=1))


models = {
    "mlp": (nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 8), nn.GELU(), nn.Linear(8, 3), nn.Softmax(dim=1)),
            torch.randn(4, 6)),
    "cnn": (cnn(), torch.randn(2, 1, 8, 8)),
    "encoder": (nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16, dropout=0.1),
                torch.randn(5, 2, 8)),
}

out = {}
for name, (model, x) in models.items():
    model = model.double()
    x = x.double()
    if name == "cnn":
        # non-trivial running statistics, as after training
        bn = model[4]
        bn.running_mean.copy_(torch.randn(6, dtype=torch.float64) * 0.1)
        bn.running_var.copy_(torch.rand(6, dtype=torch.float64) + 0.5)
    model.eval()
    # parameters keep requires_grad, so TransformerEncoderLayer takes its composite (exportable) path
    y = model(x)
    torch.onnx.export(model, (x,), os.path.join(HERE, "torch_" + name + ".onnx"), opset_version=17,
                      input_names=["x"], output_names=["y"], do_constant_folding=True)
    out[name + ".x"] = x.numpy()
    out[name + ".y"] = y.detach().numpy()
np.savez(os.path.join(HERE, "torch_outputs.npz"), **out)
print("written", list(models))
