package org.nabla.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.optim.Adam;
import org.nabla.optim.Closure;
import org.nabla.optim.LBFGS;
import org.nabla.optim.Optimizer;
import org.nabla.optim.SGD;
import org.nabla.tensor.Tensor;

/**
 * SGD with momentum, Adam and L-BFGS on the Rosenbrock function f(x, y) = (1 − x)² + 100(y − x²)²
 * from the classical start (−1.2, 1): the banana-shaped valley that makes first-order methods
 * crawl and that a quasi-Newton method crosses in a few dozen steps (Nocedal &amp; Wright, Numerical
 * Optimization, §2.1 and §7.2). Each optimizer gets the same budget of gradient evaluations; the
 * iterates are drawn over the contours of log f and written to {@code target/rosenbrock.png}.
 */
public final class RosenbrockTrajectories {
    private RosenbrockTrajectories() {
    }

    static Variable rosenbrock(Variable p) {
        Variable x = p.slice(0, 0, 1);
        Variable y = p.slice(0, 1, 2);
        return x.rsub(1.0).square().add(y.sub(x.square()).square().mul(100.0)).sum();
    }

    /** Runs the three optimizers with {@code budget} gradient evaluations each; returns name → iterates. */
    public static Map<String, List<double[]>> run(int budget, Path png) throws Exception {
        Map<String, List<double[]>> paths = new LinkedHashMap<>();
        Parameter p = new Parameter("p", Tensor.of(-1.2, 1.0));
        Optimizer<?> sgd = SGD.builder(List.of(p)).learningRate(1.5e-4).momentum(0.9).build();
        paths.put("SGD, momentum 0.9, η = 1.5e-4", firstOrder(p, sgd, budget));
        p.set(Tensor.of(-1.2, 1.0));
        Optimizer<?> adam = Adam.builder(List.of(p)).learningRate(0.05).build();
        paths.put("Adam, η = 0.05", firstOrder(p, adam, budget));
        p.set(Tensor.of(-1.2, 1.0));
        LBFGS lbfgs = LBFGS.builder(List.of(p)).learningRate(1).maxIter(budget).historySize(10)
                .lineSearch(LBFGS.LineSearch.STRONG_WOLFE).build();
        List<double[]> lb = new ArrayList<>();
        lb.add(p.value().toArray());
        int[] evals = {0};
        lbfgs.step(() -> {
            evals[0]++;
            Variable f = rosenbrock(p.variable());
            lb.add(p.value().toArray());
            return new Closure.Evaluation(f.item(), f.backward());
        });
        paths.put("L-BFGS, strong Wolfe", lb);
        for (Map.Entry<String, List<double[]>> e : paths.entrySet()) {
            double[] last = e.getValue().get(e.getValue().size() - 1);
            double f = Math.pow(1 - last[0], 2) + 100 * Math.pow(last[1] - last[0] * last[0], 2);
            System.out.printf(Locale.ROOT, "%-32s %4d gradient evaluations, last (%.6f, %.6f), f = %.3e%n", e.getKey(),
                    e.getValue().size() - 1, last[0], last[1], f);
        }
        if (png != null) {
            draw(paths, png);
            System.out.println("picture written to " + png);
        }
        return paths;
    }

    private static List<double[]> firstOrder(Parameter p, Optimizer<?> opt, int budget) {
        List<double[]> path = new ArrayList<>();
        path.add(p.value().toArray());
        for (int k = 0; k < budget; k++) {
            opt.step(rosenbrock(p.variable()).backward());
            path.add(p.value().toArray());
        }
        return path;
    }

    private static void draw(Map<String, List<double[]>> paths, Path file) throws Exception {
        int w = 720;
        int h = 560;
        double x0 = -1.6;
        double x1 = 1.4;
        double y0 = -0.6;
        double y1 = 1.6;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < w; i++) {
            for (int j = 0; j < h; j++) {
                double x = x0 + (x1 - x0) * i / (w - 1);
                double y = y1 - (y1 - y0) * j / (h - 1);
                double f = Math.log10(1e-3 + Math.pow(1 - x, 2) + 100 * Math.pow(y - x * x, 2));
                double band = f * 3 - Math.floor(f * 3);
                int g = (int) (235 - 25 * Math.min(1, Math.max(0, (f + 3) / 6)) - (band < 0.06 ? 40 : 0));
                img.setRGB(i, j, new Color(g, g, Math.min(255, g + 15)).getRGB());
            }
        }
        Graphics2D gr = img.createGraphics();
        gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Color[] colors = {new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c)};
        int c = 0;
        gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        for (Map.Entry<String, List<double[]>> e : paths.entrySet()) {
            gr.setColor(colors[c % colors.length]);
            gr.setStroke(new BasicStroke(2f));
            int px = -1;
            int py = -1;
            for (double[] q : e.getValue()) {
                int x = (int) ((q[0] - x0) / (x1 - x0) * (w - 1));
                int y = (int) ((y1 - q[1]) / (y1 - y0) * (h - 1));
                if (px >= 0) {
                    gr.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            gr.drawString(e.getKey() + " (" + (e.getValue().size() - 1) + " gradient evaluations)", 12, 22 + 18 * c);
            c++;
        }
        gr.setColor(Color.BLACK);
        int mx = (int) ((1 - x0) / (x1 - x0) * (w - 1));
        int my = (int) ((y1 - 1) / (y1 - y0) * (h - 1));
        gr.fillOval(mx - 4, my - 4, 8, 8);
        gr.drawString("minimum (1, 1)", mx - 40, my + 20);
        gr.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".rosen", ".png");
        try {
            ImageIO.write(img, "png", tmp.toFile());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        boolean quick = args.length > 0 && args[0].equals("--quick");
        run(quick ? 100 : 300, Path.of("target", "rosenbrock.png"));
    }
}
