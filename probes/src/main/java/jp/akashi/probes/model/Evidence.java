package jp.akashi.probes.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.nio.charset.StandardCharsets;

import jp.akashi.probes.util.Hashes;

/**
 * The raw material a fact was read from, so that a verdict can be traced back to the host.
 *
 * @param source        where it came from: {@code file:/etc/login.defs}, {@code cmd:dpkg-query -W ...},
 *                      {@code snmp:1.3.6.1.2.1.1.1.0}, {@code tls:host:443}
 * @param excerpt       the relevant lines (bounded, see {@link #MAX_EXCERPT})
 * @param sha256        SHA-256 (hex) of the excerpt exactly as shown, so anyone can check it
 * @param truncated     whether the excerpt is shorter than the relevant content
 * @param contentSha256 SHA-256 (hex) of the complete raw content that was read, when it is more than
 *                      the excerpt (absent when the excerpt is all that was read)
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Evidence(String source, String excerpt, String sha256, boolean truncated, String contentSha256) {

    /** Excerpts longer than this many characters are cut; contentSha256 still covers the whole content. */
    public static final int MAX_EXCERPT = 4096;

    /** Evidence whose excerpt is the whole content (cut at {@link #MAX_EXCERPT}). */
    public static Evidence of(String source, String content) {
        return of(source, content, content);
    }

    /**
     * Evidence with a chosen excerpt of a larger content: {@code sha256} is the excerpt's and
     * {@code contentSha256} the full content's (omitted when it is empty or the same as the excerpt:
     * a hash of nothing read never stands beside a non-empty excerpt).
     */
    public static Evidence of(String source, String fullContent, String excerpt) {
        String full = fullContent == null ? "" : fullContent;
        String ex = excerpt == null ? "" : excerpt;
        boolean cut = ex.length() > MAX_EXCERPT;
        if (cut) {
            ex = ex.substring(0, MAX_EXCERPT);
        }
        String exHash = Hashes.sha256Hex(ex.getBytes(StandardCharsets.UTF_8));
        String fullHash = full.isEmpty() || full.equals(ex) ? null : Hashes.sha256Hex(full.getBytes(StandardCharsets.UTF_8));
        return new Evidence(source, ex, exHash, cut, fullHash);
    }

    /** The hash that changes when what was read changes: the full content's, else the excerpt's. */
    public String readSha256() {
        return contentSha256 != null ? contentSha256 : sha256;
    }
}
