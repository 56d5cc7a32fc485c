package jp.akashi.agent.update;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The collector's offer in a report acknowledgement ({@code "update": {…}}, present while an
 * administrator allows self-update and this agent runs an older version): the package to fetch
 * from {@code url} (a path on the collector), its SHA-256 and the collector's Ed25519 signature
 * of the {@link jp.akashi.probes.update.UpdateStatement}.
 */
public record UpdateOffer(String version, String file, String url, String sha256, String signature) {

    /** The offer of an acknowledgement, or null when it has none or it is incomplete. */
    public static UpdateOffer of(JsonNode ack) {
        JsonNode u = ack == null ? null : ack.get("update");
        if (u == null || !u.isObject()) {
            return null;
        }
        String v = text(u, "version");
        String f = text(u, "file");
        String url = text(u, "url");
        String h = text(u, "sha256");
        String s = text(u, "signature");
        if (v == null || f == null || url == null || h == null || s == null || !url.startsWith("/")) {
            return null;
        }
        return new UpdateOffer(v, f, url, h, s);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() && !v.textValue().isBlank() ? v.textValue() : null;
    }
}
