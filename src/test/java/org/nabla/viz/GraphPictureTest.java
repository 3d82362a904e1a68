package org.nabla.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.layer.Linear;
import org.nabla.tensor.Tensor;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The picture of a graph: SVG that parses, one box per node, one edge per input; the numbers of the
 * 2-2-1 "backprop by hand" network; DOT; the cut of a big graph.
 */
class GraphPictureTest {

    /** One drawn box: its CSS kind and its text lines by class. */
    record Box(String id, String kind, List<String> lines, List<String> classes, String tooltip) {
        String head() {
            return lines.get(0);
        }

        List<String> linesOf(String cls) {
            List<String> r = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (classes.get(i).equals(cls)) {
                    r.add(lines.get(i));
                }
            }
            return r;
        }
    }

    record Picture(List<Box> boxes, List<String[]> edges, String caption) {
        Box withHead(String head) {
            List<Box> found = boxes.stream().filter(b -> b.head().equals(head)).toList();
            assertThat(found).as("boxes headed '" + head + "'").hasSize(1);
            return found.get(0);
        }

        List<Box> withHeadAll(String head) {
            return boxes.stream().filter(b -> b.head().equals(head)).toList();
        }
    }

    static Picture parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        List<Box> boxes = new ArrayList<>();
        List<String[]> edges = new ArrayList<>();
        String caption = null;
        NodeList gs = doc.getElementsByTagNameNS("*", "g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            String[] cls = g.getAttribute("class").split(" ");
            if (!cls[0].equals("node")) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            List<String> classes = new ArrayList<>();
            NodeList texts = g.getElementsByTagNameNS("*", "text");
            for (int j = 0; j < texts.getLength(); j++) {
                Element t = (Element) texts.item(j);
                lines.add(t.getTextContent());
                classes.add(t.getAttribute("class"));
            }
            NodeList titles = g.getElementsByTagNameNS("*", "title");
            String tip = titles.getLength() > 0 ? titles.item(0).getTextContent() : null;
            assertThat(g.getElementsByTagNameNS("*", "rect").getLength()).isEqualTo(1);
            boxes.add(new Box(g.getAttribute("id"), cls[1], lines, classes, tip));
        }
        NodeList paths = doc.getElementsByTagNameNS("*", "path");
        for (int i = 0; i < paths.getLength(); i++) {
            Element p = (Element) paths.item(i);
            if (p.getAttribute("class").equals("edge")) {
                edges.add(new String[] {p.getAttribute("data-from"), p.getAttribute("data-to"), p.getAttribute("data-input")});
            }
        }
        NodeList texts = doc.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            if (t.getAttribute("class").equals("caption")) {
                caption = t.getTextContent();
            }
        }
        return new Picture(boxes, edges, caption);
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?(e[-+]?\\d+)?");

    /** The numbers drawn after "= " on the given lines (the shape line is not among them). */
    static double[] numbers(List<String> lines) {
        List<Double> r = new ArrayList<>();
        for (String line : lines) {
            String s = line.substring(line.indexOf('=') + 1);
            Matcher m = NUMBER.matcher(s);
            while (m.find()) {
                r.add(Double.parseDouble(m.group()));
            }
        }
        return r.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The full-precision numbers of the tooltip line starting with {@code key}. */
    static double[] tooltipNumbers(Box b, String key) {
        for (String line : b.tooltip().split("\n")) {
            if (line.startsWith(key + " ")) {
                Matcher m = Pattern.compile("-?\\d+\\.\\d+(E-?\\d+)?").matcher(line);
                List<Double> r = new ArrayList<>();
                while (m.find()) {
                    r.add(Double.parseDouble(m.group()));
                }
                return r.stream().mapToDouble(Double::doubleValue).toArray();
            }
        }
        throw new AssertionError("no '" + key + "' in tooltip " + b.tooltip());
    }

    static void assertDrawn(double[] drawn, double... expected) {
        assertThat(drawn).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(drawn[i]).as("entry " + i).isCloseTo(expected[i], within(5e-5 + 5e-4 * Math.abs(expected[i])));
        }
    }

    static void assertExact(double[] drawn, double... expected) {
        assertThat(drawn).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(drawn[i]).as("entry " + i).isCloseTo(expected[i], within(1e-15 + 1e-13 * Math.abs(expected[i])));
        }
    }

    // ------------------------------------------------------------------ the 2-2-1 network

    static final double[] X = {1.0, 0.5};
    static final double[][] W1 = {{0.15, 0.20}, {0.25, 0.30}};
    static final double[] B1 = {0.35, 0.35};
    static final double[] W2 = {0.40, 0.45};
    static final double B2 = 0.60;
    static final double T = 0.01;

    static double sigma(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** x (1×2) → h = σ(x W₁ᵀ + b₁) → y = σ(h W₂ᵀ + b₂) → L = ½ Σ (y − t)². */
    static final class Network {
        final Variable x = Variable.constant(Tensor.of(new int[] {1, 2}, X));
        final Parameter w1 = new Parameter("W1", Tensor.of(new int[] {2, 2}, W1[0][0], W1[0][1], W1[1][0], W1[1][1]));
        final Parameter b1 = new Parameter("b1", Tensor.of(B1));
        final Parameter w2 = new Parameter("W2", Tensor.of(new int[] {1, 2}, W2));
        final Parameter b2 = new Parameter("b2", Tensor.of(B2));
        final Variable h = Linear.linear(x, w1.variable(), b1.variable()).sigmoid();
        final Variable y = Linear.linear(h, w2.variable(), b2.variable()).sigmoid();
        final Variable loss = y.sub(Variable.constant(T)).square().sum().mul(0.5);
    }

    @Test
    void backpropByHandNumbersAreTheOnesDrawn() throws Exception {
        // by hand: forward
        double[] z1 = new double[2];
        double[] h = new double[2];
        for (int j = 0; j < 2; j++) {
            z1[j] = W1[j][0] * X[0] + W1[j][1] * X[1] + B1[j];
            h[j] = sigma(z1[j]);
        }
        double z2 = W2[0] * h[0] + W2[1] * h[1] + B2;
        double y = sigma(z2);
        double loss = 0.5 * (y - T) * (y - T);
        // by hand: backward (δ₂ = (y − t) σ′(z₂), δ₁ = W₂ᵀ δ₂ ⊙ σ′(z₁))
        double yBar = y - T;
        double d2 = yBar * y * (1 - y);
        double[] d1 = {W2[0] * d2 * h[0] * (1 - h[0]), W2[1] * d2 * h[1] * (1 - h[1])};

        Network net = new Network();
        GraphPicture picture = GraphPicture.afterBackward(net.loss).label(net.x, "x").label(net.y, "y")
                .label(net.h, "h").title("2-2-1 network");
        Picture p = parse(picture.toSvg());

        Box lossBox = p.withHead("mul");
        assertThat(lossBox.kind()).isEqualTo("output");
        assertDrawn(numbers(lossBox.linesOf("value")), loss);
        assertExact(tooltipNumbers(lossBox, "value"), loss);
        assertDrawn(numbers(lossBox.linesOf("grad")), 1.0);

        Box hBox = p.withHead("sigmoid  (h)");
        assertDrawn(numbers(hBox.linesOf("value")), h);
        assertExact(tooltipNumbers(hBox, "value"), h);
        assertExact(tooltipNumbers(hBox, "gradient"), W2[0] * d2, W2[1] * d2);

        Box yBox = p.withHead("sigmoid  (y)");
        assertDrawn(numbers(yBox.linesOf("value")), y);
        assertDrawn(numbers(yBox.linesOf("grad")), yBar);
        assertExact(tooltipNumbers(yBox, "gradient"), yBar);

        Box w1 = p.withHead("W1  (parameter)");
        assertThat(w1.kind()).isEqualTo("parameter");
        assertDrawn(numbers(w1.linesOf("value")), W1[0][0], W1[0][1], W1[1][0], W1[1][1]);
        double[] w1Grad = {d1[0] * X[0], d1[0] * X[1], d1[1] * X[0], d1[1] * X[1]};
        assertDrawn(numbers(w1.linesOf("grad")), w1Grad);
        assertExact(tooltipNumbers(w1, "gradient"), w1Grad);
        assertExact(tooltipNumbers(p.withHead("b1  (parameter)"), "gradient"), d1);
        assertExact(tooltipNumbers(p.withHead("W2  (parameter)"), "gradient"), d2 * h[0], d2 * h[1]);
        assertExact(tooltipNumbers(p.withHead("b2  (parameter)"), "gradient"), d2);
        assertDrawn(numbers(p.withHead("b2  (parameter)").linesOf("grad")), d2);

        // the input is a constant: drawn with its value, no gradient
        Box x = p.withHead("x  (constant)");
        assertThat(x.kind()).isEqualTo("constant");
        assertDrawn(numbers(x.linesOf("value")), X);
        assertThat(x.linesOf("grad")).isEmpty();

        // and the sweep's gradients are those of a plain backward
        Gradients g = net.loss.backward();
        assertThat(picture.gradients().of(net.w1).toArray()).containsExactly(g.of(net.w1).toArray());
    }

    @Test
    void oneBoxPerNodeAndOneEdgePerInput() throws Exception {
        Network net = new Network();
        Picture p = parse(GraphPicture.of(net.loss).toSvg());
        // count the graph independently: every variable reachable through producer().inputs()
        Map<Variable, Boolean> seen = new java.util.IdentityHashMap<>();
        java.util.ArrayDeque<Variable> todo = new java.util.ArrayDeque<>(List.of(net.loss));
        int edges = 0;
        seen.put(net.loss, true);
        while (!todo.isEmpty()) {
            Variable v = todo.poll();
            if (v.producer() != null) {
                for (Variable in : v.producer().inputs()) {
                    edges++;
                    if (seen.put(in, true) == null) {
                        todo.add(in);
                    }
                }
            }
        }
        assertThat(p.boxes()).hasSize(seen.size());
        assertThat(p.edges()).hasSize(edges);
        assertThat(p.caption()).startsWith(seen.size() + " nodes, " + edges + " edges");
        // every edge joins two drawn boxes; a box's incoming edges are its inputs 0, 1, …
        Map<String, List<Integer>> incoming = new HashMap<>();
        List<String> ids = p.boxes().stream().map(Box::id).toList();
        for (String[] e : p.edges()) {
            assertThat(ids).contains(e[0], e[1]);
            incoming.computeIfAbsent(e[1], k -> new ArrayList<>()).add(Integer.parseInt(e[2]));
        }
        for (List<Integer> in : incoming.values()) {
            in.sort(null);
            for (int k = 0; k < in.size(); k++) {
                assertThat(in.get(k)).isEqualTo(k);
            }
        }
        // five parameters-or-leaves kinds present; no gradient lines before backward
        assertThat(p.boxes().stream().filter(b -> b.kind().equals("parameter"))).hasSize(4);
        assertThat(p.boxes().stream().allMatch(b -> b.linesOf("grad").isEmpty())).isTrue();
        assertThat(p.withHeadAll("sigmoid")).hasSize(2);
    }

    @Test
    void givenGradientsAreShownAtTheLeavesOnly() throws Exception {
        Network net = new Network();
        Gradients g = net.loss.backward();
        Picture p = parse(GraphPicture.of(net.loss).gradients(g).toSvg());
        assertExact(tooltipNumbers(p.withHead("b2  (parameter)"), "gradient"), g.of(net.b2).toArray());
        for (Box b : p.boxes()) {
            boolean leafOrParameter = b.kind().equals("parameter") || b.kind().equals("leaf");
            assertThat(b.linesOf("grad").isEmpty()).as(b.head()).isEqualTo(!leafOrParameter);
        }
    }

    @Test
    void variableUsedTwiceHasTwoEdgesAndAccumulatedGradient() throws Exception {
        Variable x = Variable.leaf(Tensor.of(1.5, -2.0));
        Variable y = x.mul(x).sum();
        Picture p = parse(GraphPicture.afterBackward(y).label(x, "x").toSvg());
        assertThat(p.boxes()).hasSize(3);
        assertThat(p.edges()).hasSize(3);
        Box xb = p.withHead("x  (leaf)");
        assertExact(tooltipNumbers(xb, "gradient"), 3.0, -4.0);
        assertThat(xb.linesOf("grad")).containsExactly("∂L/∂v = [3, -4]");
    }

    @Test
    void largeTensorsAreSummarized() throws Exception {
        Variable a = Variable.leaf(Tensor.arange(20).reshape(4, 5));
        Picture p = parse(GraphPicture.of(a.sum()).label(a, "a").toSvg());
        Box box = p.withHead("a  (leaf)");
        assertThat(box.lines()).containsExactly("a  (leaf)", "shape [4, 5]", "min 0  max 19", "mean 9.5000");
        Picture small = parse(GraphPicture.of(a.sum()).label(a, "a").valuesUpTo(20).toSvg());
        assertThat(small.withHead("a  (leaf)").lines()).hasSize(2 + 4).contains("= [0, 1, 2, 3, 4]");
    }

    @Test
    void tenThousandNodesAreCutAtADepthAndSaySo() throws Exception {
        // a chain x → tanh(x·0.9 + 0.1) → … : each step adds mul, add and their two constants
        Variable x = Variable.leaf(Tensor.of(0.3, -0.2));
        Variable v = x;
        for (int i = 0; i < 2500; i++) {
            v = v.mul(0.9).add(0.1).tanh();
        }
        Variable out = v.sum();
        GraphPicture picture = GraphPicture.of(out);
        assertThat(picture.totalNodes()).isEqualTo(1 + 2500 * 5 + 1);
        assertThat(picture.isCut()).isTrue();
        assertThat(picture.drawnNodes()).isLessThanOrEqualTo(GraphPicture.DEFAULT_MAX_NODES).isGreaterThan(100);
        Picture p = parse(picture.toSvg());
        assertThat(p.caption()).matches("cut at depth \\d+: showing \\d+ of 12,502 nodes \\(maxNodes 150\\).*");
        List<Box> stubs = p.boxes().stream().filter(b -> b.kind().equals("stub")).toList();
        assertThat(stubs).hasSize(1);
        assertThat(stubs.get(0).lines().get(0)).matches("… (1 input|2 inputs) not drawn");
        assertThat(p.boxes()).hasSize(picture.drawnNodes() + 1);
        assertThat(picture.toDot()).contains("cut at depth").contains(" not drawn");
        // a smaller budget cuts closer to the output; the output alone is always drawn
        assertThat(GraphPicture.of(out).maxNodes(1).drawnNodes()).isEqualTo(1);
    }

    @Test
    void dotHasOneNodeStatementPerNodeAndOneEdgePerInput() {
        Network net = new Network();
        String dot = GraphPicture.afterBackward(net.loss).label(net.x, "x").toDot();
        assertThat(dot).startsWith("digraph nabla {").endsWith("}\n");
        long nodes = dot.lines().filter(l -> l.matches("  n\\d+ \\[label=.*")).count();
        long edges = dot.lines().filter(l -> l.matches("  n\\d+ -> n\\d+.*")).count();
        GraphPicture picture = GraphPicture.of(net.loss);
        assertThat(nodes).isEqualTo(picture.totalNodes());
        assertThat(edges).isEqualTo(parseEdgeCount(picture));
        assertThat(dot).contains("W1  (parameter)").contains("∂L/∂v").contains("x  (constant)");
    }

    private static long parseEdgeCount(GraphPicture p) {
        return p.build().edges;
    }

    @Test
    void writesFilesAndRejectsBadArguments(@TempDir Path dir) throws Exception {
        Network net = new Network();
        GraphPicture p = GraphPicture.of(net.loss);
        p.writeSvg(dir.resolve("g.svg"));
        p.writeDot(dir.resolve("g.dot"));
        assertThat(Files.readString(dir.resolve("g.svg"))).isEqualTo(p.toSvg());
        assertThat(Files.readString(dir.resolve("g.dot"))).isEqualTo(p.toDot());
        assertThatThrownBy(() -> p.maxNodes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GraphPicture.maxNodes: expected at least 1, got 0");
        assertThatThrownBy(() -> GraphPicture.afterBackward(net.h)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output has shape [1, 2]").hasMessageContaining("expected a scalar");
        assertThatThrownBy(() -> GraphPicture.afterBackward(net.h, Tensor.zeros(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GraphPicture.afterBackward: seed has shape [2] but the output has shape [1, 2] "
                        + "(expected equal shapes)");
    }

    @Test
    void numbersAreDrawnReadably() {
        assertThat(GraphPicture.number(0.59326999)).isEqualTo("0.5933");
        assertThat(GraphPicture.number(-3.0)).isEqualTo("-3");
        assertThat(GraphPicture.number(0.0)).isEqualTo("0");
        assertThat(GraphPicture.number(1.5e-5)).isEqualTo("1.500e-05");
        assertThat(GraphPicture.number(Double.NaN)).isEqualTo("nan");
    }
}
