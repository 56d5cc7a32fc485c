package jp.akashi.collector.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads catalog files by resource path; the classpath in production, in-memory text in tests. */
@FunctionalInterface
public interface ResourceReader {

    /** The UTF-8 text at {@code path}, or empty when there is no such resource. */
    Optional<String> read(String path) throws IOException;

    /** Reads resources from the given class loader (works inside a shaded jar). */
    static ResourceReader classpath(ClassLoader loader) {
        return path -> {
            try (InputStream in = loader.getResourceAsStream(path)) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        };
    }
}
