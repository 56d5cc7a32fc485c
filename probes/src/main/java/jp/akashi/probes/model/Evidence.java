package jp.akashi.probes.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.nio.charset.StandardCharsets;

import jp.akashi.probes.util.Hashes;

/**
 * The raw material a fact was read from, so that a verdict can be traced back to the host.
 *
 * @param source    where it came from: {@code file:/etc/login.defs}, {@code cmd:dpkg-query -W ...},
 *                  {@code snmp:1.3.6.1.2.1.1.1.0}, {@code tls:host:443}
 * @param excerpt   the relevant lines (bounded, see {@link #MAX_EXCERPT})
 * @param sha256    SHA-256 (hex) of the complete raw content that was read, not only the excerpt
 * @param truncated whether the excerpt is shorter than the relevant content
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Evidence(String source, String excerpt, String sha256, boolean truncated) {

    /** Excerpts longer than this many characters are cut; the hash still covers the whole content. */
    public static final int MAX_EXCERPT = 4096;

    /** Evidence whose excerpt is the whole content (cut at {@link #MAX_EXCERPT}). */
    public static Evidence of(String source, String content) {
        return of(source, content, content);
    }

    /** Evidence with a chosen excerpt of a larger content; the hash covers {@code fullContent}. */
    public static Evidence of(String source, String fullContent, String excerpt) {
        String full = fullContent == null ? "" : fullContent;
        String ex = excerpt == null ? "" : excerpt;
        boolean cut = ex.length() > MAX_EXCERPT;
        if (cut) {
            ex = ex.substring(0, MAX_EXCERPT);
        }
        return new Evidence(source, ex, Hashes.sha256Hex(full.getBytes(StandardCharsets.UTF_8)), cut);
    }
}
