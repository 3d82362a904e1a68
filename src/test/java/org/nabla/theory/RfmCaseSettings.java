package org.nabla.theory;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code settings} of an rfm_parity or rfm_grokking case of theory2.json into
 * {@link RfmOptions}. Every key is read; a key or a textual value this reader does not know fails
 * loudly, naming the case, the key and the value, so that a case with another algorithm is never
 * replayed as if it were a known one. Texts are compared with white space collapsed.
 */
final class RfmCaseSettings {
    private static final String LAPLACE_FORMULA = "K_M(x, z) = exp(-|x - z|_M / L), |u|_M = sqrt(u^T M u)";
    private static final String GAUSS_FORMULA = "K_M(x, z) = exp(-|x - z|_M^2 / (2 L^2))";
    private static final String GAUSS_FORMULA_2 = "K_M(x, z) = exp(-(x - z)^T M (x - z) / (2 L^2))";
    private static final Pattern POWER = Pattern.compile("M <- AGOP\\^\\(?(\\d+(?:\\.\\d+)?)(?:/(\\d+))?\\)?.*");

    private RfmCaseSettings() {
    }

    /** The options of a case; {@code fitAfterLastUpdate} as the section's indexing needs. */
    static RfmOptions options(String name, Map<String, Object> settings, boolean fitAfterLastUpdate) {
        String kernelName = null;
        String formula = null;
        String gradient = null;
        Double bandwidth = null;
        Double exponent = null;
        Double ridge = null;
        Integer iterations = null;
        boolean centered = false;
        RfmOptions.Normalization normalization = null;
        Double power = null;
        boolean diagonal = false;
        for (Map.Entry<String, Object> e : settings.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            switch (key) {
                case "kernel" -> {
                    String s = text(v);
                    if (s.startsWith("K_M(")) {
                        formula = s;
                    } else {
                        kernelName = s.toLowerCase(Locale.ROOT);
                    }
                }
                case "kernel_formula" -> formula = text(v);
                case "gradient" -> gradient = text(v);
                case "bandwidth_L" -> bandwidth = ((Number) v).doubleValue();
                case "kernel_exponent", "exponent" -> exponent = ((Number) v).doubleValue();
                case "ridge" -> ridge = ((Number) v).doubleValue();
                case "rounds", "iterations" -> iterations = ((Number) v).intValue();
                case "diagonal_M" -> diagonal = (Boolean) v;
                case "M_0" -> require(name, key, text(v), "identity");
                case "centering" -> centered = centering(name, text(v));
                case "agop" -> require(name, key, text(v), "(1/n) sum_j sum_c g_jc g_jc^T");
                case "fit" -> {
                    String s = text(v);
                    if (!s.startsWith("alpha = (K_M(X, X) + ridge I)^-1 y (direct solve)")
                            && !s.startsWith("alpha = K_M(X_tr, X_tr)^-1 Y_tr (ridge 0, direct solve)")) {
                        throw unknown(name, key, s);
                    }
                }
                case "update" -> {
                    String s = text(v);
                    if (s.startsWith("M <- (1/n) sum_j sum_c grad f_c(x_j) grad f_c(x_j)^T")) {
                        normalization = RfmOptions.Normalization.NONE;
                        power = 1.0;
                    } else if (s.startsWith("M <- G / max_ab G_ab with G = sum_j sum_c grad f_c(x_j) grad f_c(x_j)^T")) {
                        normalization = RfmOptions.Normalization.MAX;
                        power = 1.0;
                    } else {
                        Matcher m = POWER.matcher(s);
                        if (s.equals("M <- AGOP")) {
                            power = 1.0;
                        } else if (m.matches()) {
                            power = Double.parseDouble(m.group(1)) / (m.group(2) == null ? 1 : Double.parseDouble(m.group(2)));
                        } else {
                            throw unknown(name, key, s);
                        }
                        normalization = RfmOptions.Normalization.NONE;
                    }
                }
                case "data", "iteration_t" -> text(v); // documentation of the data and of the indexing
                default -> throw new AssertionError(name + ": unknown settings key '" + key + "' = " + v
                        + " (RfmCaseSettings must learn it before this case can be replayed)");
            }
        }
        RfmKernel kernel = kernel(name, kernelName, formula, gradient, bandwidth, exponent);
        if (ridge == null || iterations == null || normalization == null) {
            throw new AssertionError(name + ": settings must give ridge, rounds/iterations and update; got " + settings);
        }
        return RfmOptions.builder().kernel(kernel).ridge(ridge).iterations(iterations).centered(centered)
                .normalization(normalization).agopPower(power).diagonal(diagonal).fitAfterLastUpdate(fitAfterLastUpdate)
                .build();
    }

    private static RfmKernel kernel(String name, String kernelName, String formula, String gradient, Double bandwidth,
            Double exponent) {
        if (bandwidth == null) {
            throw new AssertionError(name + ": settings give no bandwidth_L");
        }
        String kind;
        if (formula == null) {
            kind = kernelName;
        } else if (formula.equals(LAPLACE_FORMULA)) {
            kind = "laplace";
        } else if (formula.equals(GAUSS_FORMULA) || formula.equals(GAUSS_FORMULA_2)) {
            kind = "gauss";
        } else {
            throw unknown(name, "kernel formula", formula);
        }
        if (kernelName != null && !kernelName.equals(kind) && !(kernelName.equals("gaussian") && kind.equals("gauss"))
                && !kernelName.equals("generalized_laplace")) {
            throw new AssertionError(name + ": kernel '" + kernelName + "' contradicts its formula '" + formula + "'");
        }
        if ("generalized_laplace".equals(kernelName)) {
            if (exponent == null) {
                throw new AssertionError(name + ": a generalized_laplace kernel needs an exponent");
            }
            return new RfmKernel.GeneralizedLaplace(bandwidth, exponent);
        }
        if (gradient != null) {
            boolean laplaceGradient = gradient.contains("/ |x - x_i|_M, taken as 0 at x = x_i")
                    && gradient.startsWith("grad_x K_M(x, x_i) = -(1/L) K_M(x, x_i) M (x - x_i)");
            boolean gaussGradient = gradient.equals("grad_x K_M(x, x_i) = -(1/L^2) K_M(x, x_i) M (x - x_i)")
                    || gradient.equals("grad f_c(x_j) = -(1/L^2) sum_i alpha_ic K_M(x_j, x_i) M (x_j - x_i) at each"
                            + " training point");
            if (!(laplaceGradient && "laplace".equals(kind)) && !(gaussGradient && "gauss".equals(kind))) {
                throw unknown(name, "gradient (for the " + kind + " kernel)", gradient);
            }
        }
        if ("laplace".equals(kind)) {
            return new RfmKernel.Laplace(bandwidth);
        }
        if ("gauss".equals(kind) || "gaussian".equals(kind)) {
            return new RfmKernel.Gaussian(bandwidth);
        }
        throw unknown(name, "kernel", String.valueOf(kernelName));
    }

    private static boolean centering(String name, String s) {
        if (s.startsWith("each gradient minus the mean over the training points")) {
            return true;
        }
        if (s.equals("none") || s.equals("false")) {
            return false;
        }
        throw unknown(name, "centering", s);
    }

    private static String text(Object v) {
        if (!(v instanceof String s)) {
            throw new AssertionError("settings: expected a text value, got " + v);
        }
        return s.trim().replaceAll("\\s+", " ");
    }

    private static void require(String name, String key, String actual, String expected) {
        if (!actual.equals(expected)) {
            throw unknown(name, key, actual);
        }
    }

    private static AssertionError unknown(String name, String key, String value) {
        return new AssertionError(name + ": unrecognised value of settings key '" + key + "': '" + value
                + "' (RfmCaseSettings knows only the algorithms described in theory2.md)");
    }
}
