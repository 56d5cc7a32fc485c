package jp.akashi.collector.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.types.files.StreamedFile;

import java.io.InputStream;

import jp.akashi.collector.export.SpooledExport;

/**
 * File downloads from the console: always {@code Content-Disposition: attachment} with the file's
 * name (Japanese names included), {@code nosniff} so the browser keeps the type the collector
 * decided, and not cached.
 */
final class Downloads {
    private Downloads() {
    }

    static MutableHttpResponse<StreamedFile> file(InputStream in, MediaType type, long lastModified, long size, String filename) {
        return HttpResponse.ok(new StreamedFile(in, type, lastModified, size))
                .header("Content-Disposition", SpooledExport.contentDisposition(filename))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store");
    }
}
