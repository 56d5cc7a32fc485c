package jp.akashi.collector.web;

import io.micronaut.http.multipart.CompletedFileUpload;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.reactivestreams.Publisher;

/**
 * The parts of an upload form as Micronaut bound them ({@code @Part CompletedFileUpload},
 * {@code @Part String}), read the way the console reads every form: a text field stripped, blank
 * is absent; a file input left empty (no file name, no bytes) is no file. Sizes are limited by
 * {@code micronaut.server.max-request-size} and {@code multipart.max-file-size} before a route
 * runs, and by each page's own rule after.
 */
final class Uploads {
    /** An uploaded file: the name the browser gave it and its bytes. */
    record File(String filename, byte[] content) {
    }

    private Uploads() {
    }

    /** A text part stripped; null when absent or blank. */
    static String text(String part) {
        if (part == null) {
            return null;
        }
        String s = part.strip();
        return s.isEmpty() ? null : s;
    }

    /** Every value of a repeated field (checkboxes, multi-selects) stripped, blanks left out; empty when absent. */
    static List<String> list(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                String s = text(v);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * The files of one field that may hold several ({@code @Part("evidence") Publisher<CompletedFileUpload>}:
     * Micronaut binds repeated parts of one name only as a stream), in the order the browser sent
     * them, empty inputs left out. Called on a blocking thread; the body is complete already
     * ({@code netty.server-type: full_content}).
     */
    static List<File> files(Publisher<CompletedFileUpload> parts) {
        List<File> out = new ArrayList<>();
        if (parts != null) {
            for (CompletedFileUpload p : Flux.from(parts).collectList().block(Duration.ofMinutes(1))) {
                File f = file(p);
                if (f != null) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** One file as a list (empty when the input was left empty), for the checks that take several. */
    static List<File> files(CompletedFileUpload part) {
        File f = file(part);
        return f == null ? List.of() : List.of(f);
    }

    /** One file, or null when the input was left empty. */
    static File file(CompletedFileUpload part) {
        if (part == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = part.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file", e);
        }
        String name = part.getFilename() == null ? "" : part.getFilename();
        return name.isEmpty() && bytes.length == 0 ? null : new File(name, bytes);
    }
}
