package org.nabla.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosenbrockTrajectoriesTest {
    private static double f(double[] q) {
        return Math.pow(1 - q[0], 2) + 100 * Math.pow(q[1] - q[0] * q[0], 2);
    }

    @Test
    void lbfgsReachesTheMinimumWhileFirstOrderMethodsAreStillInTheValley(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path png = dir.resolve("r.png");
        Map<String, List<double[]>> paths = RosenbrockTrajectories.run(100, png);
        List<double[]> lbfgs = paths.get("L-BFGS, strong Wolfe");
        double[] end = lbfgs.get(lbfgs.size() - 1);
        assertThat(Math.hypot(end[0] - 1, end[1] - 1)).isLessThan(1e-5);
        for (String k : List.of("SGD, momentum 0.9, η = 1.5e-4", "Adam, η = 0.05")) {
            List<double[]> path = paths.get(k);
            assertThat(path).hasSize(101);
            assertThat(f(path.get(100))).isLessThan(f(path.get(0))).isGreaterThan(f(end));
        }
        assertThat(Files.size(png)).isPositive();
    }
}
