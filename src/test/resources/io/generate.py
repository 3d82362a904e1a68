#!/usr/bin/env python3
"""Generates the NumPy reference files of Nabla's .npy/.npz tests (run from this directory).

    python3 generate.py

Needs NumPy (Debian: apt-get install python3-numpy). The tests only read the files this script
wrote and committed; they never run Python.
"""
import io
import zipfile

import numpy as np

np.save("f8_2x3.npy", np.arange(6, dtype=np.float64).reshape(2, 3) / 7)
np.save("f8_special.npy", np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 5e-324,
                                    1.7976931348623157e308, np.pi]))
np.save("f8_scalar.npy", np.float64(3.5))
np.save("f8_empty.npy", np.zeros((0, 3)))
np.save("f8_fortran.npy", np.asfortranarray(np.arange(24, dtype=np.float64).reshape(2, 3, 4)))
np.save("f8_big_endian.npy", np.array([1.5, -2.25, 1e300], dtype=">f8"))
np.save("f4.npy", np.array([0.1, -2.5, 3e38], dtype=np.float32))
np.save("i8.npy", np.array([-(2**53), -1, 0, 1, 2**53, 2**53 + 1], dtype=np.int64).reshape(3, 2))
np.save("i4.npy", np.array([[-2147483648, 2147483647], [0, -7]], dtype=np.int32))
np.save("u1.npy", np.array([0, 1, 128, 255], dtype=np.uint8))
np.save("b1.npy", np.array([[True, False], [False, True]]))
with open("f8_v2.npy", "wb") as f:
    np.lib.format.write_array(f, np.arange(4, dtype=np.float64) - 1.5, version=(2, 0))

# unsupported dtypes: each must give a clear error
np.save("c16.npy", np.array([1 + 2j]))
np.save("f2.npy", np.array([1.0], dtype=np.float16))
np.save("u3.npy", np.array(["abc"]))
np.save("object.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
np.save("structured.npy", np.zeros(2, dtype=[("x", "<f8"), ("y", "<i4")]))

arrays = {
    "a": np.arange(3, dtype=np.float64),
    "b": np.eye(2),
    "layer.0.weight": np.linspace(-1, 1, 6).reshape(2, 3),
}
np.savez("arrays.npz", **arrays)
np.savez_compressed("arrays_compressed.npz", **arrays)
np.savez("positional.npz", np.array([1.0, 2.0]), np.array([[3]], dtype=np.int32))
