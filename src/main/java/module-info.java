/**
 * Nabla (∇): a pure-Java deep-learning library for people who want to see the mathematics work —
 * immutable tensors and their linear algebra, reverse- and forward-mode automatic differentiation,
 * modules, layers, losses, optimizers, data, training, model exchange with PyTorch and ONNX, the
 * theory of deep learning (kernels, the NTK, feature learning), probabilistic models, compression and
 * pictures of the computation.
 *
 * <p>The module exports every package of the API and nothing else: {@code org.nabla.tensor.internal},
 * whose classes are public only because other packages of Nabla use them, is not exported
 * (docs/design.md, decision 12), so the compiler refuses it to a consumer on the module path. It reads
 * two modules besides {@code java.base}, the runtime dependencies the library promises: the SLF4J API
 * ({@code org.slf4j}), through which main code logs its diagnostics (decision 8), and
 * {@code java.desktop}, for the PNG rendering of {@code org.nabla.viz} (java.awt and javax.imageio;
 * {@link org.nabla.viz.Plot#toImage()} returns a {@code java.awt.image.BufferedImage}, so the module is
 * read transitively). On the class path the jar works unchanged, every package visible as before; see
 * docs/design.md, decision 14 (module boundaries the compiler enforces).
 */
module org.nabla {
    requires org.slf4j;
    requires transitive java.desktop;

    exports org.nabla.activation;
    exports org.nabla.autodiff;
    exports org.nabla.compress;
    exports org.nabla.data;
    exports org.nabla.init;
    exports org.nabla.io;
    exports org.nabla.io.onnx;
    exports org.nabla.layer;
    exports org.nabla.loss;
    exports org.nabla.module;
    exports org.nabla.optim;
    exports org.nabla.prob;
    exports org.nabla.tensor;
    exports org.nabla.tensor.linalg;
    exports org.nabla.theory;
    exports org.nabla.train;
    exports org.nabla.viz;
}
