package jp.akashi.probes.macos.disk;

import static jp.akashi.probes.macos.MacFacts.ev;

import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.macos.MacFacts;

/** {@code disk.system_encrypted} on macOS from {@code fdesetup status}. */
public final class MacFileVaultProbe extends PlatformProbe {

    public MacFileVaultProbe() {
        super("macos.disk", ProbeContext.MACOS, List.of("disk.system_encrypted", "disk.macos.filevault"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        CommandResult r = MacFacts.run(ctx.host(), MacFacts.SHORT, "fdesetup", "status");
        if (!r.succeeded()) {
            out.failed(r, "disk.system_encrypted", "disk.macos.filevault");
            return;
        }
        String s = status(r.stdout());
        MacFacts.put(out, "disk.macos.filevault", s, ev(r), "fdesetup printed no FileVault status");
        MacFacts.put(out, "disk.system_encrypted", s == null ? null : s.equals("on"), ev(r), "fdesetup printed no FileVault status");
    }

    /** Pure: on, off, encrypting, decrypting, pending (on after the next restart); {@code null} when unknown. */
    public static String status(String text) {
        if (text.contains("Encryption in progress")) {
            return "encrypting";
        }
        if (text.contains("Decryption in progress")) {
            return "decrypting";
        }
        if (text.contains("will be enabled after the next restart") || text.contains("Deferred enablement")) {
            return "pending";
        }
        if (text.contains("FileVault is On")) {
            return "on";
        }
        if (text.contains("FileVault is Off")) {
            return "off";
        }
        return null;
    }
}
