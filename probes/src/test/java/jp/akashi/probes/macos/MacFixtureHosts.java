package jp.akashi.probes.macos;

import java.util.List;

import jp.akashi.probes.macos.account.MacAccountProbe;
import jp.akashi.probes.testing.FixtureHost;

/**
 * macOS hosts assembled from {@code fixtures/macos/<host>/}: each command's captured output and,
 * for property lists, what {@code plutil -convert xml1 -o -} prints for them.
 */
public final class MacFixtureHosts {
    public static final String SOCKETFILTERFW = "/usr/libexec/ApplicationFirewall/socketfilterfw";

    private MacFixtureHosts() {
    }

    /** macOS Sonoma 14.5 on a MacBook Pro, Japanese user names, CrowdStrike, FileVault, a password policy profile. */
    public static FixtureHost japaneseSonoma() {
        return build("macos14-ja");
    }

    public static FixtureHost build(String host) {
        FixtureHost h = new FixtureHost();
        cmd(h, host, "sw_vers", "sw_vers.txt");
        cmd(h, host, "sw_vers -productVersion", "sw_vers-productVersion.txt");
        cmd(h, host, "uname -r -m -n", "uname.txt");
        cmd(h, host, "ioreg -rd1 -c IOPlatformExpertDevice", "ioreg.txt");
        cmd(h, host, "sysctl -n kern.hv_vmm_present", "hv_vmm_present.txt");
        cmd(h, host, "sysctl -n kern.boottime", "boottime.txt");
        cmd(h, host, "pkgutil --pkgs", "pkgutil-pkgs.txt");
        cmd(h, host, "spctl --status", "spctl-status.txt");
        cmd(h, host, "launchctl list", "launchctl-list.txt");
        for (String o : List.of("getglobalstate", "getblockall", "getstealthmode", "getallowsigned")) {
            cmd(h, host, SOCKETFILTERFW + " --" + o, "socketfilterfw-" + o + ".txt");
        }
        cmd(h, host, "pwpolicy getaccountpolicies", "pwpolicy.txt");
        cmd(h, host, "dscl . -read /Groups/admin GroupMembership", "dscl-admin.txt");
        cmd(h, host, "dscl . -list /Users UniqueID", "dscl-uniqueid.txt");
        if (exists(host, "dscl-root-authauthority.stderr.txt")) {
            h.command("dscl . -read /Users/root AuthenticationAuthority", 181, "", read(host, "dscl-root-authauthority.stderr.txt"));
        } else {
            cmd(h, host, "dscl . -read /Users/root AuthenticationAuthority", "dscl-root-authauthority.txt");
        }
        cmd(h, host, "fdesetup status", "fdesetup.txt");
        if (exists(host, "systemsetup-getusingnetworktime.txt")) {
            h.command("systemsetup -getusingnetworktime", 0, withoutHeader(read(host, "systemsetup-getusingnetworktime.txt")));
        }
        if (exists(host, "systemsetup-getnetworktimeserver.txt")) {
            h.command("systemsetup -getnetworktimeserver", 0, withoutHeader(read(host, "systemsetup-getnetworktimeserver.txt")));
        }
        if (exists(host, "sysadminctl-screenlock.stderr.txt")) {
            h.command("sysadminctl -screenLock status", 0, "", read(host, "sysadminctl-screenlock.stderr.txt"));
        }
        cmd(h, host, "pmset -g custom", "pmset-custom.txt");
        cmd(h, host, "lsof -nP -iTCP -sTCP:LISTEN", "lsof-tcp.txt");
        cmd(h, host, "lsof -nP -iUDP", "lsof-udp.txt");
        cmd(h, host, "system_profiler SPApplicationsDataType -json", "system_profiler-apps.json");
        plist(h, host, "/Library/Preferences/com.apple.SoftwareUpdate.plist", "SoftwareUpdate.plist.xml");
        plist(h, host, "/Library/Managed Preferences/com.apple.SoftwareUpdate.plist", "managed-SoftwareUpdate.plist.xml");
        plist(h, host, "/Library/Receipts/InstallHistory.plist", "InstallHistory.plist.xml");
        plist(h, host, "/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist", "XProtect-Info.plist.xml");
        plist(h, host, MacAccountProbe.LOGINWINDOW, "loginwindow.plist.xml");
        plist(h, host, "/Library/Managed Preferences/com.apple.screensaver.plist", "managed-screensaver.plist.xml");
        plist(h, host, "/Library/Managed Preferences/com.apple.systemuiserver.plist", "managed-systemuiserver.plist.xml");
        return h;
    }

    /** Registers a plist file (so it exists) and what plutil prints for it. */
    public static void plist(FixtureHost h, String host, String path, String file) {
        if (exists(host, file)) {
            h.file(path, "bplist00");
            h.command("plutil -convert xml1 -o - " + path, 0, read(host, file));
        }
    }

    private static void cmd(FixtureHost h, String host, String line, String file) {
        if (exists(host, file)) {
            h.command(line, 0, read(host, file));
        }
    }

    static boolean exists(String host, String file) {
        return MacFixtureHosts.class.getResource("/fixtures/macos/" + host + "/" + file) != null;
    }

    /**
     * A fixture's text without its header: the leading lines that start with "# ", which say where
     * the output's format is documented (the tools' own output never starts so).
     */
    public static String withoutHeader(String text) {
        int at = 0;
        while (text.startsWith("# ", at)) {
            int nl = text.indexOf('\n', at);
            at = nl < 0 ? text.length() : nl + 1;
        }
        return text.substring(at);
    }

    public static String read(String host, String file) {
        return FixtureHost.resource("/fixtures/macos/" + host + "/" + file);
    }
}
