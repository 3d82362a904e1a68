package org.nabla.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plots render without a display, and the package below (train and the rest) never imports viz. */
class HeadlessAndDirectionTest {
    @TempDir
    Path dir;

    @Test
    void aFreshJvmWithADisplayItCannotOpenStillWritesEveryPlot() throws Exception {
        // Without java.awt.headless, a JVM that sees DISPLAY=:77 tries to open that X display when it
        // first draws into an image, and fails; the plots set the property before touching AWT.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.nabla.examples.PlotGallery", dir.toString(), "--quick");
        pb.environment().put("DISPLAY", ":77");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        for (String name : List.of("plot-line", "plot-scatter", "plot-histogram", "plot-heatmap", "plot-training")) {
            Path png = dir.resolve(name + ".png");
            assertThat(ImageIO.read(png.toFile())).as(png + "\n" + out).isNotNull();
            assertThat(out).contains("wrote " + png);
        }
    }

    @Test
    void renderingLeavesTheJvmHeadlessUnlessTheCallerChoseOtherwise() {
        String before = System.getProperty("java.awt.headless");
        new ScatterPlot().series("p", new double[] {1, 2}).toImage();
        assertThat(System.getProperty("java.awt.headless")).isEqualTo(before == null ? "true" : before);
    }

    @Test
    void noPackageBelowVizImportsIt() throws IOException {
        Path main = Path.of("src", "main", "java", "org", "nabla");
        try (Stream<Path> files = Files.walk(main)) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(main.resolve("viz")))
                    .filter(f -> {
                        try {
                            return Files.readAllLines(f).stream().anyMatch(l -> l.startsWith("import org.nabla.viz"));
                        } catch (IOException e) {
                            throw new IllegalStateException("cannot read " + f, e);
                        }
                    }).map(Path::toString).toList();
            assertThat(offenders).as("files outside org.nabla.viz that import it").isEmpty();
        }
    }
}
