package org.nabla.io.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;
import org.nabla.tensor.Tensor;

/** Runs an ONNX model in ONNX Runtime (CPU) on one input named "input" and returns the first output. */
final class OrtRunner {
    enum Feed { DOUBLE, FLOAT, INT64 }

    private OrtRunner() {
    }

    static Tensor run(byte[] model, Tensor input, Feed feed) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            // basic optimizations only: the extended ones fuse MatMul+Transpose and x·σ(x) into float-only kernels
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
            try (OrtSession session = env.createSession(model, options)) {
                long[] shape = new long[input.rank()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = input.dim(i);
                }
                double[] d = input.toArray();
                OnnxTensor x = switch (feed) {
                    case DOUBLE -> OnnxTensor.createTensor(env, DoubleBuffer.wrap(d), shape);
                    case FLOAT -> {
                        float[] f = new float[d.length];
                        for (int i = 0; i < d.length; i++) {
                            f[i] = (float) d[i];
                        }
                        yield OnnxTensor.createTensor(env, FloatBuffer.wrap(f), shape);
                    }
                    case INT64 -> {
                        long[] l = new long[d.length];
                        for (int i = 0; i < d.length; i++) {
                            l[i] = (long) d[i];
                        }
                        yield OnnxTensor.createTensor(env, LongBuffer.wrap(l), shape);
                    }
                };
                try (x; OrtSession.Result r = session.run(Map.of(session.getInputNames().iterator().next(), x))) {
                    OnnxTensor y = (OnnxTensor) r.get(0);
                    long[] ys = y.getInfo().getShape();
                    int[] dims = new int[ys.length];
                    for (int i = 0; i < dims.length; i++) {
                        dims[i] = (int) ys[i];
                    }
                    double[] out;
                    if (y.getInfo().type == ai.onnxruntime.OnnxJavaType.DOUBLE) {
                        DoubleBuffer b = y.getDoubleBuffer();
                        out = new double[b.remaining()];
                        b.get(out);
                    } else {
                        FloatBuffer b = y.getFloatBuffer();
                        out = new double[b.remaining()];
                        for (int i = 0; i < out.length; i++) {
                            out[i] = b.get(i);
                        }
                    }
                    return Tensor.of(dims, out);
                }
            }
        }
    }

    /** max |a − b| / max |b|: the largest difference relative to the largest entry of the reference b. */
    static double relativeDifference(Tensor a, Tensor b) {
        double[] x = a.toArray();
        double[] y = b.toArray();
        if (x.length != y.length) {
            throw new IllegalArgumentException("shapes differ: " + a.shape() + " vs " + b.shape());
        }
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < x.length; i++) {
            diff = Math.max(diff, Math.abs(x[i] - y[i]));
            scale = Math.max(scale, Math.abs(y[i]));
        }
        return scale == 0 ? diff : diff / scale;
    }
}
