package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;
import org.nabla.testing.Reference;

/** Replays every case of every section of theory.json. */
class TheoryReferenceTest {
    /** Sections whose tool is not built yet; counted, not checked. */
    private static final Set<String> NOT_YET_COVERED = Set.of();

    /** Keys of the file that are metadata, not sections. */
    private static final Set<String> METADATA = Set.of("generator", "seed");

    @Test
    void replaysEverySection() {
        Map<String, Reference.Section> checkers = new LinkedHashMap<>();
        checkers.put("criticality", TheoryReferenceTest::criticality);
        checkers.put("agop", TheoryReferenceTest::agop);
        checkers.put("ntk", TheoryReferenceTest::ntk);
        checkers.put("hessian", TheoryReferenceTest::hessian);
        checkers.put("rfm", TheoryReferenceTest::rfm);
        Reference.replaySections("theory.json", METADATA, checkers, NOT_YET_COVERED, TheoryReferenceTest::countCases);
    }

    @SuppressWarnings("unchecked")
    private static int countCases(Object section) {
        if (section instanceof List<?> l) {
            return l.size();
        }
        int n = 0;
        for (Object v : ((Map<String, Object>) section).values()) {
            if (v instanceof List<?> l) {
                n += l.size();
            }
        }
        return n;
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    private static void close(String what, double actual, double expected, double rtol, double atol) {
        Reference.assertClose(what, Tensor.scalar(actual), Tensor.scalar(expected), rtol, atol);
    }

    // ------------------------------------------------------------------ criticality

    @SuppressWarnings("unchecked")
    private static int criticality(Object json) {
        Map<String, Object> sec = (Map<String, Object>) json;
        Map<String, Object> defs = (Map<String, Object>) ((Map<String, Object>) sec.get("definitions")).get("activations");
        for (String name : defs.keySet()) {
            ScalarActivation.forName(name); // every listed activation is dispatched
        }
        double tol = 1e-8;
        int n = 0;
        for (Map.Entry<String, Object> e : sec.entrySet()) {
            if (!(e.getValue() instanceof List<?> cases)) {
                continue;
            }
            for (Object c : cases) {
                Map<String, Object> m = (Map<String, Object>) c;
                ScalarActivation a = ScalarActivation.forName((String) m.get("activation"));
                String what = "criticality." + e.getKey() + " " + m;
                switch (e.getKey()) {
                    case "moments" -> {
                        double k = num(m.get("K"));
                        double cW = num(m.get("C_W"));
                        close(what + " <σ²>", cW * Criticality.meanSigmaSquared(a, k), num(m.get("mean_sigma_sq")), tol, 1e-14);
                        close(what + " χ∥", Criticality.chiParallel(a, cW, k), num(m.get("chi_parallel")), tol, 1e-14);
                        close(what + " χ⊥", Criticality.chiPerpendicular(a, cW, k), num(m.get("chi_perp")), tol, 1e-14);
                    }
                    case "sequences" -> {
                        List<Object> ks = (List<Object>) m.get("K");
                        double[] got = Criticality.kernelSequence(a, num(m.get("C_b")), num(m.get("C_W")), num(m.get("K1")),
                                ks.size());
                        Reference.assertClose(what, Tensor.of(got), Reference.array(ks), tol, 1e-14);
                    }
                    case "critical" -> {
                        Optional<Criticality.CriticalPoint> p = Criticality.criticalPoint(a);
                        assertThat(p).as(what).isPresent();
                        close(what + " C_b", p.get().biasVariance(), num(m.get("C_b")), tol, 1e-12);
                        close(what + " C_W", p.get().weightVariance(), num(m.get("C_W")), tol, 1e-12);
                        Object ks = m.get("K_star");
                        if (ks == null) {
                            assertThat(p.get().fixedPoint()).as(what + " K*").isEmpty();
                        } else {
                            close(what + " K*", p.get().fixedPoint().orElseThrow(), num(ks), tol, 1e-12);
                        }
                    }
                    default -> throw new AssertionError("criticality: unknown case list '" + e.getKey() + "'");
                }
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ networks

    @SuppressWarnings("unchecked")
    private static List<Tensor> params(Map<String, Object> network) {
        List<Tensor> out = new ArrayList<>();
        for (Object p : (List<Object>) network.get("params")) {
            out.add(Reference.tensor(p));
        }
        return out;
    }

    private static ScalarActivation activation(Map<String, Object> network) {
        return ScalarActivation.forName((String) network.get("activation"));
    }

    // ------------------------------------------------------------------ agop

    @SuppressWarnings("unchecked")
    private static int agop(Object json) {
        int n = 0;
        for (Object c : (List<Object>) json) {
            Map<String, Object> m = (Map<String, Object>) c;
            String name = (String) m.get("name");
            Map<String, Object> net = (Map<String, Object>) m.get("network");
            List<Tensor> ps = params(net);
            Function<Variable, Variable> f = MultilayerPerceptron.of(ps, activation(net));
            Tensor x = Reference.tensor(m.get("X"));
            Tensor agop = Agop.of(f, x);
            Tensor centered = Agop.centered(f, x);
            Tensor nfm = NeuralFeatureAnsatz.neuralFeatureMatrix(ps.get(0));
            double tol = 1e-9;
            Reference.assertClose(name + " agop", agop, Reference.tensor(m.get("agop")), tol, 1e-15);
            Reference.assertClose(name + " agop_centered", centered, Reference.tensor(m.get("agop_centered")), tol, 1e-15);
            Reference.assertClose(name + " nfm_layer1", nfm, Reference.tensor(m.get("nfm_layer1")), tol, 1e-15);
            Map<String, Object> corr = (Map<String, Object>) m.get("nfa_correlation");
            for (Map.Entry<String, Object> e : corr.entrySet()) {
                String key = e.getKey(); // alpha_<α>[_centered]
                boolean isCentered = key.endsWith("_centered");
                String a = key.substring("alpha_".length(), isCentered ? key.length() - "_centered".length() : key.length());
                double alpha = Double.parseDouble(a);
                double got = NeuralFeatureAnsatz.ansatzCorrelation(nfm, isCentered ? centered : agop, alpha);
                close(name + " " + key, got, num(e.getValue()), tol, 0);
            }
            n++;
        }
        return n;
    }

    // ------------------------------------------------------------------ ntk

    @SuppressWarnings("unchecked")
    private static int ntk(Object json) {
        int n = 0;
        for (Object c : (List<Object>) json) {
            Map<String, Object> m = (Map<String, Object>) c;
            String name = (String) m.get("name");
            Map<String, Object> net = (Map<String, Object>) m.get("network");
            List<Variable> leaves = new ArrayList<>();
            for (Tensor t : params(net)) {
                leaves.add(Variable.leaf(t));
            }
            ScalarActivation a = activation(net);
            Tensor x = Reference.tensor(m.get("X"));
            Tensor theta = NeuralTangentKernel.empirical(leaves, xv -> MultilayerPerceptron.forward(leaves, a, xv), x);
            Reference.assertClose(name + " empirical_ntk", theta, Reference.tensor(m.get("empirical_ntk")), 1e-9, 1e-13);
            Reference.assertClose(name + " infinite_width_ntk_no_bias", NeuralTangentKernel.infiniteWidthTwoLayerRelu(x, x),
                    Reference.tensor(m.get("infinite_width_ntk_no_bias")), 1e-9, 1e-13);
            n++;
        }
        return n;
    }

    // ------------------------------------------------------------------ hessian

    @SuppressWarnings("unchecked")
    private static int hessian(Object json) {
        int n = 0;
        for (Object c : (List<Object>) json) {
            Map<String, Object> m = (Map<String, Object>) c;
            String name = (String) m.get("name");
            Map<String, Object> net = (Map<String, Object>) m.get("network");
            List<Tensor> ps = params(net);
            ScalarActivation a = activation(net);
            Tensor x = Reference.tensor(m.get("X"));
            Tensor y = Reference.tensor(m.get("Y"));
            Function<Variable, Variable> loss = th -> MultilayerPerceptron
                    .forward(MultilayerPerceptron.unflatten(th, ps), a, Variable.constant(x))
                    .sub(Variable.constant(y)).square().mean();
            Tensor theta = MultilayerPerceptron.flatten(ps);
            close(name + " loss", loss.apply(Variable.constant(theta)).item(), num(m.get("loss")), 1e-9, 0);
            Tensor expected = Reference.array(m.get("hessian_eigenvalues_ascending"));
            double scale = expected.abs().max().item();
            Reference.assertClose(name + " eigenvalues", HessianSpectrum.eigenvalues(loss, theta), expected, 0, 1e-8 * scale);
            close(name + " trace", trace(HessianSpectrum.hessian(loss, theta)), num(m.get("hessian_trace")), 1e-9, 0);
            Map<String, Object> seg = (Map<String, Object>) m.get("segment");
            Tensor theta1 = Reference.tensor(seg.get("theta1_params_flat"));
            double[] t = Reference.array(seg.get("t")).toArray();
            Reference.assertClose(name + " segment", Tensor.of(HessianSpectrum.lossAlongSegment(loss, theta, theta1, t)),
                    Reference.array(seg.get("loss")), 1e-9, 0);
            n++;
        }
        return n;
    }

    private static double trace(Tensor h) {
        double s = 0;
        for (int i = 0; i < h.dim(0); i++) {
            s += h.get(i, i);
        }
        return s;
    }

    // ------------------------------------------------------------------ rfm

    @SuppressWarnings("unchecked")
    private static int rfm(Object json) {
        int n = 0;
        for (Object c : (List<Object>) json) {
            Map<String, Object> m = (Map<String, Object>) c;
            String name = (String) m.get("name");
            Map<String, Object> st = (Map<String, Object>) m.get("settings");
            RecursiveFeatureMachine.Result r = RecursiveFeatureMachine.train(Reference.tensor(m.get("X_train")),
                    Reference.tensor(m.get("y_train")), Reference.tensor(m.get("X_test")), Reference.tensor(m.get("y_test")),
                    num(st.get("bandwidth_L")), num(st.get("ridge")), ((Number) st.get("iterations")).intValue(),
                    (Boolean) st.get("diagonal_M"));
            double tol = 1e-6;
            List<Object> ms = (List<Object>) m.get("M_after_iteration");
            assertThat(r.featureMatrices()).as(name + " rounds").hasSize(ms.size());
            for (int t = 0; t < ms.size(); t++) {
                Tensor expected = Reference.tensor(ms.get(t));
                Reference.assertClose(name + " M_after_iteration[" + t + "]", r.featureMatrices().get(t), expected, tol,
                        1e-12 * expected.abs().max().item());
            }
            Reference.assertClose(name + " test_mse_per_round", Tensor.of(r.testMse()),
                    Reference.array(m.get("test_mse_per_round")), tol, 0);
            Reference.assertClose(name + " train_mse_per_round", Tensor.of(r.trainMse()),
                    Reference.array(m.get("train_mse_per_round")), tol, 0);
            Reference.assertClose(name + " final_test_predictions", r.testPredictions(),
                    Reference.tensor(m.get("final_test_predictions")), tol, 1e-12);
            n++;
        }
        return n;
    }
}
