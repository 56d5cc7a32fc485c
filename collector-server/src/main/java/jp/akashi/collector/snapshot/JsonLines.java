package jp.akashi.collector.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;

import jp.akashi.probes.util.Json;

/** Writes JSON objects one per line to a stream (a snapshot member), without buffering them all. */
final class JsonLines implements AutoCloseable {
    private final JsonGenerator g;
    private int lines;

    JsonLines(OutputStream out) throws IOException {
        this.g = Json.mapper().getFactory().createGenerator(out);
        g.setCodec(Json.mapper());
        g.setRootValueSeparator(null);
    }

    /** The generator for the current line: write one object, then call {@link #endLine()}. */
    JsonGenerator g() {
        return g;
    }

    void endLine() throws IOException {
        g.writeRaw('\n');
        lines++;
    }

    int lines() {
        return lines;
    }

    @Override
    public void close() throws IOException {
        g.close();
    }
}
