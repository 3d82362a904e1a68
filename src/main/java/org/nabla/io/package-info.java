/**
 * Files: NumPy .npy and .npz, a model's state dict (PyTorch's keys and layouts), optimizer state,
 * checkpoints, and atomic replacement of files.
 *
 * <p>May import the packages up to {@code layer} and {@code optim}. Decisions of docs/design.md: 7
 * (nothing half-written, nothing half-applied), 11 (state dicts are PyTorch's).
 */
package org.nabla.io;
