package org.nabla.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Test helpers: write a plot to a file, read it back, and look at its pixels or its SVG elements. */
final class Pictures {
    private Pictures() {
    }

    /** Writes the plot as PNG, reads the file back and checks its size. */
    static BufferedImage png(Plot<?> plot, Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".png");
        plot.writePng(file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img).as(file + " is a PNG").isNotNull();
        assertThat(img.getWidth()).as("width of " + file).isEqualTo(plot.width());
        assertThat(img.getHeight()).as("height of " + file).isEqualTo(plot.height());
        return img;
    }

    /** Writes the plot as SVG, parses the file and checks its size. */
    static Document svg(Plot<?> plot, Path dir, String name) throws Exception {
        Path file = dir.resolve(name + ".svg");
        plot.writeSvg(file);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element root = d.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getAttribute("width")).isEqualTo(Integer.toString(plot.width()));
        assertThat(root.getAttribute("height")).isEqualTo(Integer.toString(plot.height()));
        return d;
    }

    /** The elements with this tag, in document order. */
    static List<Element> elements(Document d, String tag) {
        NodeList n = d.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            out.add((Element) n.item(i));
        }
        return out;
    }

    /** The elements with this tag whose attribute has this value. */
    static List<Element> elements(Document d, String tag, String attribute, String value) {
        return elements(d, tag).stream().filter(e -> e.getAttribute(attribute).equals(value)).toList();
    }

    static double number(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    /** The points of a polyline, {x, y} each. */
    static List<double[]> points(Element polyline) {
        List<double[]> out = new ArrayList<>();
        for (String p : polyline.getAttribute("points").trim().split(" ")) {
            String[] xy = p.split(",");
            out.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return out;
    }

    /** Euclidean distance between two colours in RGB. */
    static double distance(int a, int b) {
        int dr = ((a >> 16) & 0xff) - ((b >> 16) & 0xff);
        int dg = ((a >> 8) & 0xff) - ((b >> 8) & 0xff);
        int db = (a & 0xff) - (b & 0xff);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xffffff;
    }

    /** Whether a pixel within {@code r} of (x, y) has nearly (RGB distance &lt; 40) the colour. */
    static boolean near(BufferedImage img, double x, double y, int colour, int r) {
        int cx = (int) Math.floor(x);
        int cy = (int) Math.floor(y);
        for (int i = cx - r; i <= cx + r; i++) {
            for (int j = cy - r; j <= cy + r; j++) {
                if (i >= 0 && j >= 0 && i < img.getWidth() && j < img.getHeight() && distance(rgb(img, i, j), colour) < 40) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a colour is white, grid grey or a blend of the two: no data drawn there. */
    static boolean background(int rgb) {
        int r = (rgb >> 16) & 0xff;
        return r == ((rgb >> 8) & 0xff) && r == (rgb & 0xff) && r >= 0xe0;
    }
}
