package jp.akashi.collector.export;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jp.akashi.collector.store.AuditLog;
import jp.akashi.probes.util.Json;

/**
 * The audit log as CSV or JSON lines, with every entry's previous hash and hash, so a reader can
 * re-compute the chain: {@code hash = SHA-256(prev_hash \n seq \n at \n actor \n action \n target \n details)}
 * (UTF-8, empty string for a missing target or details; the first prev_hash is 64 zeros).
 */
public final class AuditLogExport implements AutoCloseable {
    public enum Format { CSV, JSONL }

    static final List<String> CSV_HEADER = List.of("seq", "at", "at_epoch_ms", "actor", "action", "target", "details", "prev_hash", "hash");

    private final Format format;
    private final Writer out;
    private final OutputStream raw;

    public AuditLogExport(OutputStream os, Format format) throws IOException {
        this.format = format;
        this.raw = os;
        this.out = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
        if (format == Format.CSV) {
            out.write('\uFEFF');
            csv(CSV_HEADER);
        }
    }

    public void write(AuditLog.Entry e) throws IOException {
        if (format == Format.CSV) {
            csv(List.of(String.valueOf(e.seq()), Instant.ofEpochMilli(e.at()).toString(), String.valueOf(e.at()), e.actor(), e.action(),
                    e.target() == null ? "" : e.target(), e.details() == null ? "" : e.details(), e.prevHash(), e.hash()));
            return;
        }
        out.write(line(e));
        out.write('\n');
    }

    /** One entry as a JSON object on one line (also what a snapshot's data/audit-log.jsonl holds). */
    public static String line(AuditLog.Entry e) throws IOException {
        java.io.StringWriter w = new java.io.StringWriter(256);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("seq", e.seq());
            g.writeStringField("at", Instant.ofEpochMilli(e.at()).toString());
            g.writeNumberField("atEpochMs", e.at());
            g.writeStringField("actor", e.actor());
            g.writeStringField("action", e.action());
            g.writeStringField("target", e.target());
            // details verbatim (the hashed string), not re-serialised
            g.writeStringField("details", e.details());
            g.writeStringField("prevHash", e.prevHash());
            g.writeStringField("hash", e.hash());
            g.writeEndObject();
        }
        return w.toString();
    }

    private void csv(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(VerdictsCsv.quote(cells.get(i)));
        }
        out.write("\r\n");
    }

    @Override
    public void close() throws IOException {
        out.flush();
        raw.flush();
    }
}
