package jp.akashi.probes.api;

/**
 * One source of facts (one family on one platform, in the manner of OSHI's small per-platform
 * classes). A probe reads through {@link ProbeContext#host()} only, so it runs the same locally
 * and over SSH, and hands parsing to pure functions that tests feed with fixture files.
 *
 * <p>A probe must not throw for anything the host can do to it (missing files, odd output,
 * timeouts): it records an {@code error} or {@code unsupported} fact with a message instead.
 */
public interface Probe {

    /** Stable id, recorded on each fact: {@code linux.patch}, {@code windows.defender}. */
    String id();

    /**
     * Every fact key this probe records. The runner records an error for any of these the probe
     * did not record (it failed half way or has a bug), so a report always says something about
     * each key — never silence that could read as "fine".
     */
    java.util.List<String> keys();

    /** Whether this probe has anything to say about the host (usually by OS family). */
    boolean appliesTo(ProbeContext ctx);

    /** Reads the host and records facts into {@code out}. */
    void collect(ProbeContext ctx, FactSink out);
}
