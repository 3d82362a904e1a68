package org.nabla.viz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nabla.autodiff.GraphOrder;
import org.nabla.viz.GraphPicture.Graph;
import org.nabla.viz.GraphPicture.Node;

/**
 * Lays out and draws a {@link Graph} as SVG, by the layered method of Sugiyama, Tagawa and Toda,
 * "Methods for visual understanding of hierarchical system structures", IEEE Trans. SMC 11(2),
 * 1981: (1) layers by longest path from the output, (2) a dummy node wherever an edge crosses a
 * layer, (3) barycentric ordering sweeps to reduce crossings, (4) coordinates that put each node as
 * close as possible (least squares) to the mean of its neighbours' positions, keeping the order and
 * a minimum gap (solved exactly by merging blocks, as in isotonic regression).
 */
final class SvgRenderer {
    private static final double CHAR_W = 6.65; // DejaVu Sans Mono at 11 px: 0.6 em per character
    private static final double LINE_H = 14;
    private static final double PAD = 8;
    private static final double GAP_X = 28;
    private static final double GAP_Y = 46;
    private static final double MARGIN = 20;
    private static final int SWEEPS = 24;

    private final Graph graph;
    private final String title;
    private final String caption;

    /** A layout box: a node of the graph or a dummy on a long edge. */
    private static final class Box {
        final Node node; // null for a dummy
        final double w;
        final double h;
        int row;
        double order; // position within the row (sorting key)
        double x; // left
        double y; // top
        final List<Box> above = new ArrayList<>(); // neighbours in row − 1
        final List<Double> aboveShift = new ArrayList<>(); // their edge's port offset on this box
        final List<Box> below = new ArrayList<>(); // neighbours in row + 1
        final List<Double> belowShift = new ArrayList<>(); // port offset on the box below

        Box(Node node, double w, double h) {
            this.node = node;
            this.w = w;
            this.h = h;
        }

        double cx() {
            return x + w / 2;
        }
    }

    SvgRenderer(Graph graph, String title, String caption) {
        this.graph = graph;
        this.title = title;
        this.caption = caption;
    }

    static String fill(String kind) {
        switch (kind) {
            case "output":
                return "#fff3c4";
            case "parameter":
                return "#dbeafe";
            case "leaf":
                return "#dcfce7";
            case "constant":
                return "#eef0f3";
            default:
                return "#ffffff";
        }
    }

    private static double port(int k, int degree, double width) {
        return (k + 1.0) / (degree + 1.0) * width - width / 2;
    }

    /** One edge of the graph as drawn: its boxes (input, dummies…, consumer) and which argument it is. */
    private static final class Edge {
        final List<Box> chain;
        final int consumer;
        final int argument;
        final int degree;

        Edge(List<Box> chain, int consumer, int argument, int degree) {
            this.chain = chain;
            this.consumer = consumer;
            this.argument = argument;
            this.degree = degree;
        }
    }

    /** The state of one layout, filled phase by phase. */
    private static final class Layout {
        final Map<Node, Box> boxes = new HashMap<>();
        final List<List<Box>> rows = new ArrayList<>();
        final List<Edge> edges = new ArrayList<>();
        /** The nodes in depth-first pre-order from the output (the initial order within rows). */
        List<Node> preOrder;
        double[] rowTop;
        double[] rowH;
        double width;
        double height;
        double legendY;
    }

    private static final String[] LEGEND = {"output", "op", "parameter", "leaf", "constant"};
    private static final String[] LEGEND_TEXT = {"output", "operation", "parameter", "leaf (input)", "constant"};

    /** The picture: the four phases of the layered method, then the drawing. */
    String render() {
        Layout layout = new Layout();
        measure(layout);
        layer(layout);
        route(layout);
        order(layout);
        place(layout);
        return draw(layout);
    }

    /** Each node's box, sized to its lines of text. */
    private void measure(Layout layout) {
        for (Node node : graph.nodes) {
            int chars = 0;
            for (String line : node.lines) {
                chars = Math.max(chars, line.length());
            }
            layout.boxes.put(node, new Box(node, Math.max(48, chars * CHAR_W + 2 * PAD),
                    node.lines.size() * LINE_H + 2 * PAD - 2));
        }
    }

    /**
     * Phase (1): longest-path layers from the output (consumers before inputs: the reverse of the
     * graph's post-order, {@link GraphOrder}), rows filled in depth-first pre-order from the output,
     * inputs in argument order.
     */
    private void layer(Layout layout) {
        int n = graph.nodes.size();
        Node root = graph.nodes.get(0);
        List<Node> post = GraphOrder.of(new GraphOrder.Inputs<Node>() {
            @Override
            public int count(Node v) {
                return v.inputs.size();
            }

            @Override
            public Node input(Node v, int k) {
                return v.inputs.get(k);
            }
        }).postOrder(root);
        Map<Node, Integer> layer = new HashMap<>();
        for (int i = post.size() - 1; i >= 0; i--) {
            Node v = post.get(i);
            int lv = layer.getOrDefault(v, 0);
            layer.put(v, lv);
            for (Node in : v.inputs) {
                layer.merge(in, lv + 1, Math::max);
            }
        }
        int depth = 0;
        for (int l : layer.values()) {
            depth = Math.max(depth, l);
        }
        for (int r = 0; r <= depth; r++) {
            layout.rows.add(new ArrayList<>());
        }
        List<Node> pre = new ArrayList<>(n);
        Map<Node, Boolean> seen = new HashMap<>();
        ArrayDeque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node v = todo.pop();
            if (seen.put(v, Boolean.TRUE) != null) {
                continue;
            }
            pre.add(v);
            for (int k = v.inputs.size() - 1; k >= 0; k--) {
                todo.push(v.inputs.get(k));
            }
        }
        for (Node v : pre) {
            Box b = layout.boxes.get(v);
            b.row = depth - layer.get(v);
            b.order = layout.rows.get(b.row).size();
            layout.rows.get(b.row).add(b);
        }
        layout.preOrder = pre;
    }

    /** Phase (2): the edges, with a dummy box on every row strictly between input and consumer. */
    private void route(Layout layout) {
        List<List<Box>> rows = layout.rows;
        for (Node v : layout.preOrder) {
            Box to = layout.boxes.get(v);
            int degree = v.inputs.size();
            for (int k = 0; k < degree; k++) {
                Box from = layout.boxes.get(v.inputs.get(k));
                List<Box> chain = new ArrayList<>();
                chain.add(from);
                for (int r = from.row + 1; r < to.row; r++) {
                    Box d = new Box(null, 8, 0);
                    d.row = r;
                    d.order = rows.get(r).size();
                    rows.get(r).add(d);
                    chain.add(d);
                }
                chain.add(to);
                double shift = port(k, degree, to.w);
                for (int i = 0; i + 1 < chain.size(); i++) {
                    Box a = chain.get(i);
                    Box b = chain.get(i + 1);
                    double s = b == to ? shift : 0;
                    a.below.add(b);
                    a.belowShift.add(s);
                    b.above.add(a);
                    b.aboveShift.add(s);
                }
                layout.edges.add(new Edge(chain, v.id, k, degree));
            }
        }
    }

    /** Phase (3): barycentric ordering sweeps, alternately down and up, to reduce crossings. */
    private static void order(Layout layout) {
        int rowsCount = layout.rows.size();
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            boolean down = sweep % 2 == 0;
            for (int i = 0; i < rowsCount; i++) {
                int r = down ? i : rowsCount - 1 - i;
                List<Box> row = layout.rows.get(r);
                for (Box b : row) {
                    List<Box> nb = down ? b.above : b.below;
                    List<Double> sh = down ? b.aboveShift : b.belowShift;
                    if (nb.isEmpty()) {
                        continue;
                    }
                    double s = 0;
                    for (int j = 0; j < nb.size(); j++) {
                        // ports: the k-th input sits a little left of the (k+1)-th
                        double port = sh.get(j) / 1000.0;
                        s += nb.get(j).order + (down ? -port : port);
                    }
                    b.order = s / nb.size();
                }
                row.sort(Comparator.comparingDouble(b -> b.order));
                for (int j = 0; j < row.size(); j++) {
                    row.get(j).order = j;
                }
            }
        }
    }

    /**
     * Phase (4): coordinates — rows top to bottom; x by block merging towards the neighbours' mean;
     * the picture's width and height, with the content centred.
     */
    private void place(Layout layout) {
        List<List<Box>> rows = layout.rows;
        int rowsCount = rows.size();
        double y = MARGIN + (title != null ? 26 : 0) + 22;
        layout.rowTop = new double[rowsCount];
        layout.rowH = new double[rowsCount];
        for (int r = 0; r < rowsCount; r++) {
            double h = 0;
            for (Box b : rows.get(r)) {
                h = Math.max(h, b.h);
            }
            layout.rowTop[r] = y;
            layout.rowH[r] = h;
            for (Box b : rows.get(r)) {
                b.y = y + (h - b.h) / 2;
            }
            y += h + GAP_Y;
        }
        for (List<Box> row : rows) {
            double x = 0;
            for (Box b : row) {
                b.x = x;
                x += b.w + GAP_X;
            }
        }
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            boolean down = sweep % 2 == 0;
            for (int i = 0; i < rowsCount; i++) {
                int r = down ? i : rowsCount - 1 - i;
                place(rows.get(r), down, sweep >= SWEEPS - 2);
            }
        }
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        for (List<Box> row : rows) {
            for (Box b : row) {
                minX = Math.min(minX, b.x);
                maxX = Math.max(maxX, b.x + b.w);
            }
        }
        double legendW = 0;
        for (String s : LEGEND_TEXT) {
            legendW += 20 + s.length() * 7 + 18;
        }
        double contentW = maxX - minX;
        double width = Math.max(contentW, Math.max(legendW, Math.max(textWidth(caption, 7), textWidth(title, 9.5))))
                + 2 * MARGIN;
        double shiftX = MARGIN - minX + (width - 2 * MARGIN - contentW) / 2;
        for (List<Box> row : rows) {
            for (Box b : row) {
                b.x += shiftX;
            }
        }
        layout.width = width;
        layout.legendY = y;
        layout.height = y + 26 + MARGIN;
    }

    /** The drawing: header, edges as cubic Bézier paths through their dummies, boxes, legend. */
    private String draw(Layout layout) {
        double width = layout.width;
        double height = layout.height;
        double legendY = layout.legendY;
        double[] rowTop = layout.rowTop;
        double[] rowH = layout.rowH;
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                + "viewBox=\"0 0 %.0f %.0f\" xml:space=\"preserve\">\n", width, height, width, height));
        sb.append("<style>\n"
                + "  text { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 11px; fill: #1f2328;"
                + " white-space: pre; }\n"
                + "  text.title { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; font-size: 16px;"
                + " font-weight: bold; }\n"
                + "  text.caption, text.legend { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif;"
                + " font-size: 12px; fill: #57606a; }\n"
                + "  text.head { font-weight: bold; }\n  text.shape { fill: #6e7781; }\n"
                + "  text.grad { fill: #c0392b; }\n  text.stub { fill: #6e7781; font-style: italic; }\n"
                + "  path.edge { fill: none; stroke: #6e7781; stroke-width: 1.3; }\n"
                + "  rect.box { stroke: #57606a; stroke-width: 1.2; }\n"
                + "  g.output rect.box { stroke: #9a6700; stroke-width: 2.5; }\n"
                + "  g.parameter rect.box { stroke: #1f6feb; }\n  g.leaf rect.box { stroke: #1a7f37; }\n"
                + "  g.constant rect.box { stroke: #8c959f; }\n"
                + "  g.stub rect.box { stroke: #8c959f; stroke-dasharray: 5 3; }\n"
                + "</style>\n");
        sb.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#6e7781\"/></marker></defs>\n");
        sb.append("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        double ty = MARGIN + 14;
        if (title != null) {
            sb.append(String.format(Locale.ROOT, "<text class=\"title\" x=\"%.1f\" y=\"%.1f\">", MARGIN, ty))
                    .append(escape(title)).append("</text>\n");
            ty += 24;
        }
        sb.append(String.format(Locale.ROOT, "<text class=\"caption\" x=\"%.1f\" y=\"%.1f\">", MARGIN, ty))
                .append(escape(caption)).append("</text>\n");

        sb.append("<g class=\"edges\">\n");
        for (Edge edge : layout.edges) {
            List<Box> chain = edge.chain;
            Box from = chain.get(0);
            Box to = chain.get(chain.size() - 1);
            StringBuilder d = new StringBuilder();
            double px = from.cx();
            double py = from.y + from.h;
            d.append(String.format(Locale.ROOT, "M%.1f,%.1f", px, py));
            for (int i = 1; i < chain.size(); i++) {
                Box b = chain.get(i);
                double qx;
                double qy;
                if (b == to) {
                    qx = to.cx() + port(edge.argument, edge.degree, to.w);
                    qy = to.y;
                } else {
                    qx = b.cx();
                    qy = rowTop[b.row];
                }
                double my = (py + qy) / 2;
                d.append(String.format(Locale.ROOT, " C%.1f,%.1f %.1f,%.1f %.1f,%.1f", px, my, qx, my, qx, qy));
                px = qx;
                py = qy;
                if (b != to) {
                    py = rowTop[b.row] + rowH[b.row];
                    d.append(String.format(Locale.ROOT, " L%.1f,%.1f", px, py));
                }
            }
            sb.append("<path class=\"edge\" data-from=\"n").append(from.node.id).append("\" data-to=\"n")
                    .append(edge.consumer).append("\" data-input=\"").append(edge.argument).append("\" d=\"").append(d)
                    .append("\" marker-end=\"url(#arrow)\"/>\n");
        }
        sb.append("</g>\n<g class=\"nodes\">\n");
        for (Node node : graph.nodes) {
            Box b = layout.boxes.get(node);
            sb.append("<g class=\"node ").append(node.kind).append("\" id=\"n").append(node.id).append("\">");
            if (node.tooltip != null) {
                sb.append("<title>").append(escape(node.tooltip)).append("</title>");
            }
            sb.append(String.format(Locale.ROOT,
                    "<rect class=\"box\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" fill=\"%s\"/>",
                    b.x, b.y, b.w, b.h, fill(node.kind)));
            for (int i = 0; i < node.lines.size(); i++) {
                String cls = node.kind.equals("stub") ? "stub" : i == 0 ? "head"
                        : node.gradientLines.contains(i) ? "grad"
                        : node.lines.get(i).startsWith("shape ") ? "shape" : "value";
                sb.append(String.format(Locale.ROOT, "\n  <text class=\"%s\" x=\"%.1f\" y=\"%.1f\">", cls, b.x + PAD,
                        b.y + PAD + 10 + i * LINE_H)).append(escape(node.lines.get(i))).append("</text>");
            }
            sb.append("</g>\n");
        }
        sb.append("</g>\n<g class=\"legend\">\n");
        double lx = MARGIN;
        for (int i = 0; i < LEGEND.length; i++) {
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" rx=\"3\" "
                    + "fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>", lx, legendY, fill(LEGEND[i]),
                    stroke(LEGEND[i]), LEGEND[i].equals("output") ? "2.5" : "1.2"));
            sb.append(String.format(Locale.ROOT, "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">%s</text>\n", lx + 20,
                    legendY + 11, LEGEND_TEXT[i]));
            lx += 20 + LEGEND_TEXT[i].length() * 7 + 18;
        }
        sb.append("</g>\n</svg>\n");
        return sb.toString();
    }

    private static String stroke(String kind) {
        switch (kind) {
            case "output":
                return "#9a6700";
            case "parameter":
                return "#1f6feb";
            case "leaf":
                return "#1a7f37";
            case "constant":
                return "#8c959f";
            default:
                return "#57606a";
        }
    }

    private static double textWidth(String s, double perChar) {
        return s == null ? 0 : s.length() * perChar;
    }

    /**
     * Places one row: each box wants its centre at the mean of its neighbours' (port-corrected)
     * centres in the row above (down) or below (up) — both on the final sweeps; the least-squares
     * positions keeping order and gaps are found by merging blocks that would overlap.
     */
    private static void place(List<Box> row, boolean down, boolean both) {
        int m = row.size();
        double[] want = new double[m];
        for (int i = 0; i < m; i++) {
            Box b = row.get(i);
            double s = 0;
            int c = 0;
            if (down || both) {
                for (int j = 0; j < b.above.size(); j++) {
                    s += b.above.get(j).cx() - b.aboveShift.get(j);
                    c++;
                }
            }
            if (!down || both) {
                for (int j = 0; j < b.below.size(); j++) {
                    s += b.below.get(j).cx() + b.belowShift.get(j);
                    c++;
                }
            }
            want[i] = (c == 0 ? b.cx() : s / c) - b.w / 2; // desired left edge
        }
        // blocks: [first, last], sum of (want − offset), count, width, left
        int[] first = new int[m];
        double[] sum = new double[m];
        int[] count = new int[m];
        double[] width = new double[m];
        double[] left = new double[m];
        int top = 0;
        for (int i = 0; i < m; i++) {
            first[top] = i;
            sum[top] = want[i];
            count[top] = 1;
            width[top] = row.get(i).w;
            left[top] = want[i];
            while (top > 0 && left[top - 1] + width[top - 1] + GAP_X > left[top]) {
                double offset = width[top - 1] + GAP_X;
                sum[top - 1] += sum[top] - count[top] * offset;
                count[top - 1] += count[top];
                width[top - 1] = offset + width[top];
                left[top - 1] = sum[top - 1] / count[top - 1];
                top--;
            }
            top++;
        }
        for (int k = 0; k < top; k++) {
            int end = k + 1 < top ? first[k + 1] : m;
            double x = left[k];
            for (int i = first[k]; i < end; i++) {
                row.get(i).x = x;
                x += row.get(i).w + GAP_X;
            }
        }
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    sb.append("&amp;");
                    break;
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '"':
                    sb.append("&quot;");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.toString();
    }
}
