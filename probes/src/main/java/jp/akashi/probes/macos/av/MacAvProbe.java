package jp.akashi.probes.macos.av;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.macos.MacFacts;
import jp.akashi.probes.macos.MacPlist;
import jp.akashi.probes.macos.MacValues;
import jp.akashi.probes.macos.patch.MacPatchProbe;
import jp.akashi.probes.macos.patch.MacUpdates;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.util.AntiMalwareFacts;
import jp.akashi.probes.util.AvProduct;

/**
 * {@code av.*} on macOS: Apple's XProtect (bundle version; its definitions' update time from the
 * install history; it checks files when Gatekeeper assessments are on) and third-party agents by
 * their launchd daemons.
 */
public final class MacAvProbe extends PlatformProbe {
    static final String XPROTECT = "/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist";

    public MacAvProbe() {
        super("macos.av", ProbeContext.MACOS, AntiMalwareFacts.KEYS);
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        List<AvProduct> products = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        StringBuilder excerpt = new StringBuilder();

        MacPlist bundle = MacPlist.read(h, XPROTECT);
        CommandResult spctl = MacFacts.run(h, MacFacts.SHORT, "spctl", "--status");
        MacPlist history = MacPlist.read(h, MacPatchProbe.HISTORY);
        if (bundle.ok()) {
            String gk = (spctl.stdout() + spctl.stderr()).strip();
            Boolean assessing = gk.contains("assessments enabled") ? Boolean.TRUE : gk.contains("assessments disabled") ? Boolean.FALSE : null;
            Instant defs = null;
            if (history.ok()) {
                try {
                    defs = MacUpdates.lastInstallOf(MacUpdates.history(history.root()), "XProtect");
                } catch (IllegalArgumentException e) {
                    defs = null;
                }
            }
            products.add(new AvProduct("XProtect", "Apple", "antivirus", assessing, assessing, defs, null,
                    MacValues.text(bundle.dict(), "CFBundleShortVersionString"), null, "file:" + XPROTECT));
            excerpt.append("XProtect ").append(MacValues.text(bundle.dict(), "CFBundleShortVersionString"))
                    .append("; spctl: ").append(gk).append("; last XProtect install: ").append(defs).append('\n');
        } else if (!bundle.absent()) {
            unread.add("XProtect bundle unreadable");
        }

        CommandResult lc = MacFacts.run(h, MacFacts.SHORT, "launchctl", "list");
        if (lc.succeeded()) {
            try {
                products.addAll(MacSecurityAgents.fromLaunchctl(lc.stdout()));
            } catch (IllegalArgumentException e) {
                unread.add(e.getMessage());
            }
        } else {
            unread.add(lc.describeFailure());
        }
        products.stream().filter(p -> !p.name().equals("XProtect")).forEach(p -> excerpt.append(p.toMap()).append('\n'));
        Evidence ev = Evidence.of("cmd:spctl --status; launchctl list; file:" + XPROTECT, lc.stdout() + spctl.stdout() + excerpt, excerpt.toString());
        AntiMalwareFacts.record(out, products, unread, ev, ctx.clock().instant());
    }
}
