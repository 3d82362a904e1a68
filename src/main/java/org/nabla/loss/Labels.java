package org.nabla.loss;

import org.nabla.autodiff.Variable;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/** Checks of class-label inputs shared by the classification losses. */
final class Labels {
    private Labels() {
    }

    /** The number of classes C of an (N, C) input, after checking its rank and the labels. */
    static int check(String loss, Variable input, int[] labels) {
        if (labels == null) {
            throw new IllegalArgumentException(loss + ": labels must not be null");
        }
        Shape s = input.shape();
        if (s.rank() != 2) {
            throw new IllegalArgumentException(loss + ": expected an input of shape (N, C) (batch, classes), got shape "
                    + s);
        }
        if (s.dim(0) != labels.length) {
            throw new IllegalArgumentException(loss + ": input has shape " + s + " (batch of " + s.dim(0) + ") but "
                    + labels.length + " labels were given (expected one label per row)");
        }
        int c = s.dim(1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= c) {
                throw new IllegalArgumentException(loss + ": label " + labels[i] + " at position " + i
                        + " is out of range for " + c + " classes (expected 0 ≤ label < " + c + ")");
            }
        }
        return c;
    }

    /** Class labels held as whole numbers in a 1-d target. */
    static int[] fromTarget(String loss, Variable target) {
        Tensor t = target.value();
        if (t.rank() != 1) {
            throw new IllegalArgumentException(loss + ": expected a 1-d target of class labels (shape (N)), got shape "
                    + t.shape());
        }
        double[] d = t.toArray();
        int[] r = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(loss + ": target value " + d[i] + " at position " + i
                        + " is not a class label (expected a whole number)");
            }
            r[i] = (int) d[i];
        }
        return r;
    }

    /** The (N, 1) index tensor for gather along axis 1. */
    static Tensor column(int[] labels) {
        double[] d = new double[labels.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = labels[i];
        }
        return Tensor.of(new int[] {labels.length, 1}, d);
    }

    /** w_{yᵢ} for each label, as a 1-d constant tensor. */
    static Tensor pick(Tensor weight, int[] labels) {
        double[] w = weight.toArray();
        double[] d = new double[labels.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = w[labels[i]];
        }
        return Tensor.of(d);
    }

    /** Checks an optional class-weight vector against C. */
    static void checkWeight(String loss, Tensor weight, int c) {
        if (weight != null && (weight.rank() != 1 || weight.dim(0) != c)) {
            throw new IllegalArgumentException(loss + ": class weights have shape " + weight.shape()
                    + " but the input has " + c + " classes (expected shape [" + c + "])");
        }
    }
}
