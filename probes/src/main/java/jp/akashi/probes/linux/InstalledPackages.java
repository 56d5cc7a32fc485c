package jp.akashi.probes.linux;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.model.MessageCode;

/**
 * The installed packages from the host's package database: dpkg on Debian/Ubuntu, rpm on the
 * RHEL family. One query gives name, version, architecture and (rpm only) install time.
 *
 * @param format   {@code dpkg} or {@code rpm}; null when neither database could be read
 * @param source   the query that ran (its failure explains an empty list)
 * @param answered whether the database answered, so that an absent package is an observation
 */
public record InstalledPackages(String format, List<Package> packages, CommandResult source, boolean answered) {

    /** One installed package; {@code installedAt} is null where the database does not record it (dpkg). */
    public record Package(String name, String version, String arch, Instant installedAt, String vendor) {
    }

    /** The dpkg query (dpkg-query expands the \\t and \\n escapes itself; no shell is involved). */
    public static final List<String> DPKG_QUERY = List.of("dpkg-query", "-W",
            "-f=${Status}\\t${Package}\\t${Version}\\t${Architecture}\\n");
    /** The rpm query; {@code %{EPOCH}} prints {@code (none)} when a package has no epoch. */
    public static final List<String> RPM_QUERY = List.of("rpm", "-qa", "--qf",
            "%{NAME}\\t%{EPOCH}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{INSTALLTIME}\\t%{VENDOR}\\n");

    /** dpkg where dpkg is the system's package manager (Debian may carry rpm too), else rpm; null when neither. */
    public static String format(HostAccess h) {
        if (h.hasCommand("dpkg-query") && h.stat("/var/lib/dpkg/status").isPresent()) {
            return "dpkg";
        }
        return h.hasCommand("rpm") ? "rpm" : null;
    }

    /** Every installed package. */
    public static InstalledPackages read(HostAccess h) {
        String format = format(h);
        if (format == null) {
            return none();
        }
        CommandResult r = h.exec(format.equals("dpkg") ? DPKG_QUERY : RPM_QUERY, Sources.SLOW);
        List<Package> pkgs = !r.succeeded() ? List.of() : format.equals("dpkg") ? parseDpkg(r.stdout()) : parseRpm(r.stdout());
        return new InstalledPackages(format, pkgs, r, r.succeeded() && !pkgs.isEmpty());
    }

    /**
     * Only the named packages: an indexed query, much faster than a full listing with rpm, for probes
     * that look for a few products.
     */
    public static InstalledPackages lookup(HostAccess h, List<String> names) {
        String format = format(h);
        if (format == null) {
            return none();
        }
        CommandResult r = h.exec(lookupCommand(format, names), Sources.SLOW);
        // dpkg-query exits 1 and rpm -q with the count of names it did not find: both still answered
        boolean answered = !r.timedOut() && r.problem() == null && r.exitCode() >= 0
                && r.exitCode() <= (format.equals("rpm") ? names.size() : 1);
        List<Package> pkgs = !answered ? List.of() : format.equals("dpkg") ? parseDpkg(r.stdout()) : parseRpm(r.stdout());
        return new InstalledPackages(format, pkgs, r, answered);
    }

    /** The command {@link #lookup} runs. */
    public static List<String> lookupCommand(String format, List<String> names) {
        List<String> argv = new ArrayList<>(format.equals("dpkg") ? DPKG_QUERY : List.of("rpm", "-q", "--qf", RPM_QUERY.get(3)));
        argv.addAll(names);
        return argv;
    }

    private static InstalledPackages none() {
        CommandResult none = new CommandResult("dpkg-query/rpm", 127, "", "", false, Duration.ZERO,
                "not found: neither dpkg-query (with /var/lib/dpkg/status) nor rpm");
        return new InstalledPackages(null, List.of(), none, false);
    }

    /** Whether the database answered (an absent package is then an observation, not a failure). */
    public boolean ok() {
        return answered;
    }

    /** Why the database gave no usable answer, for error facts; null when {@link #ok()}. */
    public String problem() {
        if (format == null) {
            return "no package database: neither dpkg-query (with /var/lib/dpkg/status) nor rpm is available";
        }
        if (answered) {
            return null;
        }
        return source.succeeded() ? "the package database listed no installed package: " + source.command() : source.describeFailure();
    }

    /** {@link #problem()} as a catalog message, for facts that carry nothing else; null when {@link #ok()}. */
    public MessageCode problemCode() {
        if (format == null) {
            return code("pkg.no_database");
        }
        if (answered) {
            return null;
        }
        return source.succeeded() ? code("pkg.none_listed", source.command()) : source.failureCode();
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
