package jp.akashi.probes.linux.screen;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.ArrayList;
import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.Sources;

/**
 * {@code screen.lock_timeout_seconds} on Linux. Servers without a graphical desktop have no screen
 * lock; on GNOME desktops the system-wide dconf policy (/etc/dconf/db/local.d) decides when it is
 * set. Per-user settings are not read.
 */
public final class LinuxScreenProbe extends PlatformProbe {
    static final String KEY = "screen.lock_timeout_seconds";
    /** A display manager or desktop shell means a graphical login exists. */
    static final List<String> DESKTOP_MARKERS = List.of("/etc/systemd/system/display-manager.service",
            "/etc/X11/default-display-manager", "/usr/bin/gnome-shell", "/usr/bin/plasmashell", "/usr/sbin/lightdm");
    static final String DCONF_DIR = "/etc/dconf/db/local.d";

    public LinuxScreenProbe() {
        super("linux.screen", ProbeContext.LINUX, List.of(KEY));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        List<String> markers = new ArrayList<>();
        for (String m : DESKTOP_MARKERS) {
            if (h.stat(m).isPresent()) {
                markers.add(m);
            }
        }
        if (markers.isEmpty()) {
            out.unsupported(KEY, code("screen.no_desktop"));
            return;
        }
        DconfLock lock = new DconfLock();
        EvidenceTrail t = new EvidenceTrail().note("desktop: " + String.join(", ", markers));
        for (FileRead f : Sources.dropIns(h, DCONF_DIR, "")) {
            if (f.ok()) {
                lock.merge(f.content());
                t.add("file:" + f.path(), f.content(), Sources.lines(f.content(), "^\\s*(\\[|idle-delay|lock-enabled|lock-delay)"));
            }
        }
        Long seconds = lock.timeoutSeconds();
        if (seconds == null) {
            out.unsupported(KEY, code("screen.no_system_policy", String.join(", ", markers), DCONF_DIR));
            return;
        }
        out.ok(KEY, seconds, t.build("file:" + DCONF_DIR));
    }
}
