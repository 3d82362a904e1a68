package org.nabla.viz;

import java.util.Locale;

/** Writes the primitives as a self-contained SVG 1.1 document (no scripts, no external files). */
final class SvgPainter implements Painter {
    private final StringBuilder out = new StringBuilder();

    SvgPainter(int width, int height) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n")
                .append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n");
    }

    static String num(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }

    static String colour(int rgb) {
        return rgb == NONE ? "none" : String.format(Locale.ROOT, "#%06x", rgb & 0xffffff);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void begin(double x, double y) {
        out.append("<g transform=\"translate(").append(num(x)).append(' ').append(num(y)).append(")\">\n");
    }

    @Override
    public void end() {
        out.append("</g>\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width) {
        out.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"").append(num(x2))
                .append("\" y2=\"").append(num(y2)).append("\" stroke=\"").append(colour(rgb))
                .append("\" stroke-width=\"").append(num(width)).append("\"/>\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, int rgb, double width) {
        out.append("<polyline fill=\"none\" stroke=\"").append(colour(rgb)).append("\" stroke-width=\"").append(num(width))
                .append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"");
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : " ").append(num(xs[i])).append(',').append(num(ys[i]));
        }
        out.append("\"/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, int fill, int stroke) {
        out.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(num(h)).append("\" fill=\"").append(colour(fill)).append('"');
        if (stroke != NONE) {
            out.append(" stroke=\"").append(colour(stroke)).append("\" stroke-width=\"1\"");
        }
        out.append("/>\n");
    }

    @Override
    public void circle(double cx, double cy, double r, int fill) {
        out.append("<circle cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy)).append("\" r=\"").append(num(r))
                .append("\" fill=\"").append(colour(fill)).append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String s, double size, boolean bold, Anchor anchor, int rgb) {
        String a = anchor == Anchor.START ? "start" : anchor == Anchor.MIDDLE ? "middle" : "end";
        out.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" font-size=\"").append(num(size))
                .append('"').append(bold ? " font-weight=\"bold\"" : "").append(" text-anchor=\"").append(a)
                .append("\" fill=\"").append(colour(rgb)).append("\">").append(escape(s)).append("</text>\n");
    }

    @Override
    public void verticalText(double x, double y, String s, double size, int rgb) {
        out.append("<text transform=\"translate(").append(num(x)).append(' ').append(num(y))
                .append(") rotate(-90)\" font-size=\"").append(num(size)).append("\" text-anchor=\"middle\" fill=\"")
                .append(colour(rgb)).append("\">").append(escape(s)).append("</text>\n");
    }

    /** The finished document. */
    String finish() {
        return out + "</svg>\n";
    }
}
