package jp.akashi.probes.linux;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;

/**
 * The installed packages from the host's package database: dpkg on Debian/Ubuntu, rpm on the
 * RHEL family. One query gives name, version, architecture and (rpm only) install time.
 *
 * @param format   {@code dpkg} or {@code rpm}; null when neither database could be read
 * @param source   the query that ran (its failure explains an empty list)
 */
public record InstalledPackages(String format, List<Package> packages, CommandResult source) {

    /** One installed package; {@code installedAt} is null where the database does not record it (dpkg). */
    public record Package(String name, String version, String arch, Instant installedAt, String vendor) {
    }

    /** The dpkg query (dpkg-query expands the \\t and \\n escapes itself; no shell is involved). */
    public static final List<String> DPKG_QUERY = List.of("dpkg-query", "-W",
            "-f=${Status}\\t${Package}\\t${Version}\\t${Architecture}\\n");
    /** The rpm query; {@code %{EPOCH}} prints {@code (none)} when a package has no epoch. */
    public static final List<String> RPM_QUERY = List.of("rpm", "-qa", "--qf",
            "%{NAME}\\t%{EPOCH}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{INSTALLTIME}\\t%{VENDOR}\\n");

    /** Reads dpkg's database where dpkg is the system's package manager, else rpm's. */
    public static InstalledPackages read(HostAccess h) {
        boolean dpkg = h.hasCommand("dpkg-query") && h.stat("/var/lib/dpkg/status").isPresent();
        if (dpkg) {
            CommandResult r = h.exec(DPKG_QUERY, Sources.SLOW);
            return new InstalledPackages("dpkg", r.succeeded() ? parseDpkg(r.stdout()) : List.of(), r);
        }
        if (h.hasCommand("rpm")) {
            CommandResult r = h.exec(RPM_QUERY, Sources.SLOW);
            return new InstalledPackages("rpm", r.succeeded() ? parseRpm(r.stdout()) : List.of(), r);
        }
        CommandResult none = new CommandResult("dpkg-query/rpm", 127, "", "", false, java.time.Duration.ZERO,
                "not found: neither dpkg-query (with /var/lib/dpkg/status) nor rpm");
        return new InstalledPackages(null, List.of(), none);
    }

    /** Whether the database answered (an empty list is then an observation, not a failure). */
    public boolean ok() {
        return format != null && source.succeeded() && !packages.isEmpty();
    }

    /** Why the list is not usable, for error facts; null when {@link #ok()}. */
    public String problem() {
        if (format == null) {
            return "no package database: neither dpkg-query (with /var/lib/dpkg/status) nor rpm is available";
        }
        if (!source.succeeded()) {
            return source.describeFailure();
        }
        return packages.isEmpty() ? "the package database listed no installed package: " + source.command() : null;
    }

    public Optional<Package> find(String name) {
        return packages.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public boolean has(String name) {
        return find(name).isPresent();
    }

    /**
     * Pure parser of {@code dpkg-query -W -f='${Status}\t${Package}\t${Version}\t${Architecture}\n'}.
     * Keeps packages whose state is installed (also with triggers pending), not removed ones whose
     * configuration files remain.
     */
    public static List<Package> parseDpkg(String text) {
        List<Package> out = new ArrayList<>();
        for (String line : text == null ? new String[0] : text.split("\\R")) {
            String[] f = line.split("\t", -1);
            if (f.length < 4 || f[1].isBlank()) {
                continue;
            }
            String[] status = f[0].strip().split("\\s+");
            String state = status[status.length - 1];
            if (state.equals("installed") || state.startsWith("triggers-")) {
                out.add(new Package(f[1].strip(), f[2].strip(), f[3].strip(), null, null));
            }
        }
        return out;
    }

    /**
     * Pure parser of the rpm query above. The gpg-pubkey entries rpm keeps for imported signing keys
     * are not packages and are left out; the version carries the epoch when there is one.
     */
    public static List<Package> parseRpm(String text) {
        List<Package> out = new ArrayList<>();
        for (String line : text == null ? new String[0] : text.split("\\R")) {
            String[] f = line.split("\t", -1);
            if (f.length < 7 || f[0].isBlank() || f[0].equals("gpg-pubkey")) {
                continue;
            }
            String epoch = f[1].strip();
            String version = (epoch.isEmpty() || epoch.equals("(none)") ? "" : epoch + ":") + f[2].strip() + "-" + f[3].strip();
            Instant installed = null;
            if (f[5].strip().matches("\\d{1,12}")) {
                installed = Instant.ofEpochSecond(Long.parseLong(f[5].strip()));
            }
            String vendor = f[6].strip();
            out.add(new Package(f[0].strip(), version, f[4].strip(), installed,
                    vendor.isEmpty() || vendor.equals("(none)") ? null : vendor));
        }
        return out;
    }
}
