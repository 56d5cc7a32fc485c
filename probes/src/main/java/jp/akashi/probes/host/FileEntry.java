package jp.akashi.probes.host;

import java.time.Instant;

/** One directory entry or stat result: enough to judge log ages and sizes. */
public record FileEntry(String path, String name, long size, Instant modified, boolean directory, boolean readable) {
}
