package org.nabla.viz;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A picture that writes itself as SVG or PNG with the JDK alone: {@link LinePlot}, {@link ScatterPlot},
 * {@link Histogram}, {@link HeatMap}, and {@link Figure} (several of them side by side).
 *
 * <p>Both formats come from the same drawing code, so they show the same picture: SVG as text
 * (self-contained, no scripts, no fonts embedded), PNG rendered by java.awt into a
 * {@link BufferedImage} and encoded by {@link ImageIO}. PNG output sets {@code java.awt.headless=true}
 * when the property is unset, so it works on a machine without a display. Files are written
 * atomically (a temporary file in the same directory, then a rename): a reader never sees half a
 * picture, and a failed write leaves the old file in place.
 *
 * @param <P> the concrete plot, so that the fluent setters return it
 */
public abstract class Plot<P extends Plot<P>> {
    String title = "";

    Plot() {
    }

    /** Sets the title drawn above the plot (empty for none). */
    public P title(String title) {
        if (title == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".title: the title is null (use \"\" for none)");
        }
        this.title = title;
        return self();
    }

    /** The title. */
    public String title() {
        return title;
    }

    /** Width of the picture in pixels. */
    public abstract int width();

    /** Height of the picture in pixels. */
    public abstract int height();

    /** Draws the picture with its top-left corner at the painter's origin. */
    abstract void draw(Painter p);

    @SuppressWarnings("unchecked")
    final P self() {
        return (P) this;
    }

    /** The picture as an SVG document. */
    public final String toSvg() {
        SvgPainter s = new SvgPainter(width(), height());
        draw(s);
        return s.finish();
    }

    /** The picture as an image of {@link #width()} × {@link #height()} pixels (headless-safe). */
    public final BufferedImage toImage() {
        PngPainter p = new PngPainter(width(), height());
        draw(p);
        return p.finish();
    }

    /** Writes the picture as SVG to {@code file} (atomically). */
    public final void writeSvg(Path file) throws IOException {
        replace(file, toSvg().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the picture as PNG to {@code file} (atomically, headless-safe). */
    public final void writePng(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(toImage(), "png", bytes)) {
            throw new IOException(getClass().getSimpleName() + ".writePng: no PNG writer in this JDK for " + file);
        }
        replace(file, bytes.toByteArray());
    }

    /** Writes SVG or PNG according to the file name's extension ({@code .svg} or {@code .png}). */
    public final void write(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            writeSvg(file);
        } else if (name.endsWith(".png")) {
            writePng(file);
        } else {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".write: cannot tell the format of " + file
                    + " (expected a name ending in .svg or .png)");
        }
    }

    private static void replace(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // not Files.createTempFile: its file is private (rw-------), and the rename would keep that
        Path tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        try {
            Files.write(tmp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
