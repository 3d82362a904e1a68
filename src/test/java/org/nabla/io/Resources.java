package org.nabla.io;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The NumPy reference files of src/test/resources/io. */
final class Resources {
    private Resources() {
    }

    static Path io(String name) {
        try {
            var url = Resources.class.getResource("/io/" + name);
            if (url == null) {
                throw new IllegalStateException("test resource /io/" + name + " is missing");
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
