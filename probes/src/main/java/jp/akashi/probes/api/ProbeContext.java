package jp.akashi.probes.api;

import java.time.Clock;
import java.util.Map;

import jp.akashi.probes.host.CommandMemo;
import jp.akashi.probes.host.HostAccess;

/**
 * What a probe may use: the host, a clock (tests fix it), the OS family detected once per run,
 * options (e.g. {@code patch.refresh=true} allows a network refresh of package lists), and where
 * slow commands' outputs are kept between runs ({@link CommandMemo#NONE}: nowhere).
 */
public record ProbeContext(HostAccess host, Clock clock, String osFamily, Map<String, String> options, CommandMemo memo) {

    public static final String LINUX = "linux";
    public static final String WINDOWS = "windows";
    public static final String MACOS = "macos";

    public ProbeContext {
        memo = memo == null ? CommandMemo.NONE : memo;
    }

    public ProbeContext(HostAccess host, Clock clock, String osFamily, Map<String, String> options) {
        this(host, clock, osFamily, options, CommandMemo.NONE);
    }

    public boolean isLinux() {
        return LINUX.equals(osFamily);
    }

    public boolean isWindows() {
        return WINDOWS.equals(osFamily);
    }

    public boolean isMacos() {
        return MACOS.equals(osFamily);
    }

    public boolean option(String name) {
        return Boolean.parseBoolean(options.getOrDefault(name, "false"));
    }
}
