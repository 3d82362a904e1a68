package org.nabla.data;

import org.nabla.tensor.Tensor;

/** The examples of a data set at chosen indices, in the order given: a view copying nothing. */
final class Subset implements Dataset {
    private final Dataset base;
    private final int[] indices;

    Subset(Dataset base, int[] indices) {
        for (int j = 0; j < indices.length; j++) {
            if (indices[j] < 0 || indices[j] >= base.size()) {
                throw new IndexOutOfBoundsException("subset: index " + indices[j] + " at position " + j
                        + " is out of range for a data set of " + base.size() + " examples");
            }
        }
        this.base = base;
        this.indices = indices.clone();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Tensor features(int i) {
        return base.features(indices[check(i)]);
    }

    @Override
    public Tensor target(int i) {
        return base.target(indices[check(i)]);
    }

    @Override
    public Batch batch(int... idx) {
        int[] mapped = new int[idx.length];
        for (int j = 0; j < idx.length; j++) {
            mapped[j] = indices[check(idx[j])];
        }
        return base.batch(mapped);
    }

    private int check(int i) {
        if (i < 0 || i >= indices.length) {
            throw new IndexOutOfBoundsException("subset: index " + i + " is out of range for a data set of "
                    + indices.length + " examples");
        }
        return i;
    }
}
