package org.nabla.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README's complete program is examples/org/nabla/examples/Quickstart.java, verbatim, and it works. */
class ReadmeTest {
    private static String between(String text, String begin, String end) {
        int a = text.indexOf(begin);
        int b = text.indexOf(end, a);
        assertThat(a).as("marker " + begin).isNotNegative();
        assertThat(b).as("marker " + end).isGreaterThan(a);
        return text.substring(text.indexOf('\n', a) + 1, b).strip();
    }

    @Test
    void readmeProgramIsTheStartersProgramAndTheQuickstartExampleVerbatim() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String source = Files.readString(Path.of("examples/org/nabla/examples/Quickstart.java"), StandardCharsets.UTF_8);
        String starter = Files.readString(Path.of("examples/starter/src/main/java/org/example/Quickstart.java"),
                StandardCharsets.UTF_8);
        String inReadme = between(readme, "<!-- quickstart begin -->", "<!-- quickstart end -->")
                .replace("```java", "").replace("```", "").strip();
        assertThat(inReadme).isEqualTo(starter.strip());
        String header = "package org.example;";
        assertThat(inReadme).startsWith(header);
        String inSource = between(source, "// README: quickstart begin", "// README: quickstart end");
        assertThat(inReadme.substring(header.length()).strip()).isEqualTo(inSource);
    }

    @Test
    void readmeShowsTheStartersPomVerbatimAndItDependsOnThisVersion() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String pom = Files.readString(Path.of("examples/starter/pom.xml"), StandardCharsets.UTF_8);
        String inReadme = between(readme, "<!-- starter pom begin -->", "<!-- starter pom end -->")
                .replace("```xml", "").replace("```", "").strip();
        assertThat(inReadme).isEqualTo(pom.strip());
        String project = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        java.util.regex.Matcher v = java.util.regex.Pattern.compile("<artifactId>nabla</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(project);
        assertThat(v.find()).isTrue();
        assertThat(pom).contains("<nabla.version>" + v.group(1) + "</nabla.version>", "<maven.compiler.release>17<",
                "<artifactId>exec-maven-plugin</artifactId>", "<artifactId>logback-classic</artifactId>");
        // the README names this version (and no older one); the changelog has a section for it
        assertThat(readme).doesNotContain("0.1.0-SNAPSHOT").contains("nabla-" + v.group(1) + "-javadoc.jar");
        assertThat(Files.readString(Path.of("CHANGELOG.md"), StandardCharsets.UTF_8)).contains("## [" + v.group(1) + "]");
    }

    @Test
    void everyTourBlockOfTheReadmeIsInTourJavaAndRuns() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String tour = normalize(Files.readString(Path.of("examples/org/nabla/examples/Tour.java"), StandardCharsets.UTF_8));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("```java\\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(readme);
        int blocks = 0;
        while (m.find()) {
            String block = m.group(1);
            if (block.contains("public class Quickstart")) {
                continue;
            }
            blocks++;
            assertThat(tour).as("README block %d in Tour.java", blocks).contains(normalize(block));
        }
        assertThat(blocks).isEqualTo(4);
        assertThat(Tour.tensors()).isEqualTo(org.nabla.tensor.Tensor.of(new double[][] {{15, 31}, {21, 45}}));
        var g = Tour.autodiff();
        assertThat(Tour.layers().shape().size()).isEqualTo(1);
        assertThat(Tour.theory().dims()).containsExactly(6, 6);
    }

    private static String normalize(String s) {
        StringBuilder b = new StringBuilder();
        for (String line : s.split("\\n")) {
            if (!line.isBlank()) {
                b.append(line.strip()).append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void quickstartTrainsADigitClassifierAndDrawsItsLossCurve() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Quickstart.main(new String[0]);
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        String last = out.strip().substring(out.strip().lastIndexOf('\n') + 1);
        assertThat(last).startsWith("test accuracy: ");
        assertThat(Double.parseDouble(last.substring("test accuracy: ".length()))).isGreaterThan(0.95);
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(Path.of("target", "loss.png").toFile());
        assertThat(png).as("target/loss.png, the loss curve the Quickstart draws").isNotNull();
        assertThat(png.getWidth()).isGreaterThan(100);
    }
}
