package jp.akashi.probes.update;

import java.nio.charset.StandardCharsets;

/**
 * What the collector signs when an administrator allows agents to update themselves to a package
 * (docs/DEPLOY-LINUX.md, "Self-update"): the package's file name, its agent version and its
 * SHA-256, one per line. The agent verifies the signature with the collector's Ed25519 signing key
 * (the snapshot key, pinned at enrolment) and the hash of what it downloaded against the signed one,
 * so a package changed on the collector's disk after it was allowed is refused.
 */
public record UpdateStatement(String file, String version, String sha256) {
    static final String HEADER = "akashi-agent-update/1";

    public UpdateStatement {
        check("file", file);
        check("version", version);
        check("sha256", sha256);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
    }

    private static void check(String name, String v) {
        if (v == null || v.isEmpty() || v.length() > 200 || v.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException(name + " must be 1 to 200 printable ASCII characters without spaces");
        }
    }

    /** The bytes that are signed. */
    public byte[] bytes() {
        return (HEADER + "\nfile=" + file + "\nversion=" + version + "\nsha256=" + sha256 + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
