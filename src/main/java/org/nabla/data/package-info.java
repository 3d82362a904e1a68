/**
 * Data: datasets, data loaders (batching, seeded shuffling), splits, scaling, IDX files (MNIST,
 * Fashion-MNIST), CSV tables, the embedded 8×8 digits and synthetic sets.
 *
 * <p>May import {@code tensor} (and {@code tensor.linalg}). Decisions of docs/design.md: 6, 7 (a bad
 * file names the file, the offset and what was expected).
 */
package org.nabla.data;
