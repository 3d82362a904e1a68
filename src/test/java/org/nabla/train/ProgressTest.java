package org.nabla.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nabla.activation.Tanh;
import org.nabla.data.DataLoader;
import org.nabla.data.Synthetic;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;

/** The epoch lines are the trainer's output: they reach standard output or a sink with no logging binding at all. */
class ProgressTest {
    private static Trainer.Builder moons(Progress p) {
        Sequential model = new Sequential(new Linear(2, 8, new Rng(1)), new Tanh(), new Linear(8, 2, new Rng(2)));
        return Trainer.builder(model, new CrossEntropy(), Adam.builder(model.parameters()).learningRate(0.02).build())
                .classes(2).epochs(3).progress(p);
    }

    private static final TensorDataset DATA = Synthetic.twoMoons(64, 0.1, 3);

    @Test
    void aCustomSinkReceivesEveryEpochLineAsTheHistoryRecordsIt() {
        List<String> lines = new ArrayList<>();
        History h = moons(Progress.to(lines::add)).build().fit(DataLoader.shuffled(DATA, 16, 5));
        assertThat(lines).hasSize(3);
        for (int e = 0; e < 3; e++) {
            assertThat(lines.get(e)).isEqualTo(Progress.line(h.epochs().get(e), true, false))
                    .startsWith("epoch " + (e + 1) + "  train loss ");
        }
    }

    @Test
    void aCustomReporterSeesEveryBatchAndEpoch() {
        List<String> calls = new ArrayList<>();
        Progress p = new Progress() {
            @Override
            public void startEpoch(int epoch) {
                calls.add("start " + epoch);
            }

            @Override
            public void batch(int epoch, int batch, int batches, double runningLoss, long examples) {
                calls.add(epoch + ":" + batch + "/" + batches + " " + examples);
            }

            @Override
            public void endEpoch(EpochRecord record, String line) {
                calls.add("end " + record.epoch());
            }
        };
        moons(p).epochs(1).build().fit(DataLoader.sequential(DATA, 32));
        // a second MaxEpochs rule: the first to fire (after 1 epoch) stops the run
        assertThat(calls).containsExactly("start 1", "1:1/2 32", "1:2/2 64", "end 1");
    }

    @Test
    void plainLinesGoToTheGivenStreamAndTheDefaultFollowsSystemOut() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        moons(Progress.lines(new PrintStream(buf, true, StandardCharsets.UTF_8))).build().fit(DataLoader.sequential(DATA, 32));
        assertThat(buf.toString(StandardCharsets.UTF_8).split("\n")).hasSize(3).allMatch(l -> l.matches(
                "epoch \\d  train loss \\d\\.\\d{4}  train acc \\d\\.\\d{4}  \\(\\d+\\.\\d\\ds\\)"));

        // the default reporter is built before System.out is redirected and still prints there
        Trainer t = moons(Progress.automatic()).build();
        assertThat(printed(() -> t.fit(DataLoader.sequential(DATA, 32)))).contains("epoch 1  train loss ", "epoch 3  train loss ");
    }

    @Test
    void silentPrintsNothing() {
        assertThat(printed(() -> moons(Progress.silent()).build().fit(DataLoader.sequential(DATA, 32)))).isEmpty();
    }

    /** What {@code code} prints to System.out. */
    private static String printed(Runnable code) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            code.run();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * A student's project without any SLF4J binding: the Quickstart run in a fresh JVM whose class
     * path holds Nabla and the SLF4J API only (no Logback). SLF4J says it found no provider, and every
     * one of the 15 epoch lines still appears on standard output.
     */
    @Test
    void withoutAnySlf4jBindingEveryEpochLineStillAppears() throws Exception {
        String api = Path.of(org.slf4j.Logger.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String nabla = Path.of(Trainer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String examples = Path.of(ProgressTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", String.join(File.pathSeparator, nabla, examples, api),
                "org.nabla.examples.Quickstart");
        pb.environment().put("CI", "true");
        Path err = Files.createTempFile("nabla-quickstart", ".err");
        pb.redirectError(err.toFile());
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(err);
        Files.delete(err);
        assertThat(proc.exitValue()).as(stderr).isZero();
        assertThat(stderr).contains("No SLF4J providers were found");
        List<String> epochLines = out.lines().filter(l -> l.startsWith("epoch ")).toList();
        assertThat(epochLines).hasSize(15);
        for (int e = 1; e <= 15; e++) {
            assertThat(epochLines.get(e - 1)).startsWith("epoch " + e + "  train loss ").contains("  train acc ");
        }
        assertThat(out.strip()).endsWith(out.lines().filter(l -> l.startsWith("test accuracy: ")).findFirst().orElseThrow());
    }
}
