package jp.akashi.collector.export;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an export to a temporary file first and hands it out as a stream that removes the file
 * when closed: a failed export becomes an error response instead of a truncated download, and a
 * large CSV is never held in memory.
 */
public final class SpooledExport {
    private SpooledExport() {
    }

    @FunctionalInterface
    public interface Content {
        void write(OutputStream out) throws IOException;
    }

    /** The written content, readable once; its temporary file goes away on close. */
    public record Spooled(InputStream in, long size) {
    }

    public static Spooled spool(Content content) throws IOException {
        Path tmp = Files.createTempFile("akashi-export-", ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.write(out);
            }
            long size = Files.size(tmp);
            InputStream in = new FilterInputStream(Files.newInputStream(tmp)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
            };
            return new Spooled(in, size);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** {@code attachment; filename*=UTF-8''…} for any file name, Japanese included. */
    public static String contentDisposition(String filename) {
        return "attachment; filename*=UTF-8''" + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
