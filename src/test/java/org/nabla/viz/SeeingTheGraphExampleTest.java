package org.nabla.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.examples.SeeingTheGraph;

/** The worked example of docs/seeing.md writes its pictures and its table. */
class SeeingTheGraphExampleTest {

    @Test
    void writesThePicturesAndTheSummary(@TempDir Path dir) throws Exception {
        ModuleSummary summary = SeeingTheGraph.run(dir);
        assertThat(summary.totalParameters()).isEqualTo(64 * 32 + 32 + 32 * 10 + 10);
        for (String f : new String[] {"graph-before.svg", "graph-after.svg", "graph-before.dot", "graph-after.dot"}) {
            assertThat(dir.resolve(f)).isRegularFile();
        }
        String after = Files.readString(dir.resolve("graph-after.svg"));
        assertThat(GraphPictureTest.parse(after).boxes()).hasSize(17);
        assertThat(after).contains("∂L/∂v = [0.7520]");
        assertThat(Files.readString(dir.resolve("summary.txt"))).isEqualTo(summary.toString());
        // the copies in docs/ are the pictures this example draws
        assertThat(Files.readString(Path.of("docs", "graph-after.svg"))).isEqualTo(after);
        assertThat(Files.readString(Path.of("docs", "graph-before.svg")))
                .isEqualTo(Files.readString(dir.resolve("graph-before.svg")));
    }
}
