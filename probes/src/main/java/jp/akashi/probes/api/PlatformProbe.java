package jp.akashi.probes.api;

import java.util.List;

/**
 * A probe for one operating system family: its id, its keys and its applicability are data
 * given once to the constructor, so each probe class is only its {@link #collect}.
 */
public abstract class PlatformProbe implements Probe {
    private final String id;
    private final String osFamily;
    private final List<String> keys;

    /**
     * @param id       stable probe id, e.g. {@code linux.patch}
     * @param osFamily {@link ProbeContext#LINUX}, {@link ProbeContext#WINDOWS} or {@link ProbeContext#MACOS}
     * @param keys     every fact key the probe records
     */
    protected PlatformProbe(String id, String osFamily, List<String> keys) {
        this.id = id;
        this.osFamily = osFamily;
        this.keys = List.copyOf(keys);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final List<String> keys() {
        return keys;
    }

    @Override
    public boolean appliesTo(ProbeContext ctx) {
        return osFamily.equals(ctx.osFamily());
    }
}
