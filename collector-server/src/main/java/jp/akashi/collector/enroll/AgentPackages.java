package jp.akashi.collector.enroll;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The agent packages this collector hands out: the files in {@code akashi.agent-packages.dir}
 * (default {@code <data-dir>/agent-packages}; the build's packages are copied there, or an
 * operator drops new ones in) whose names say what they are. Each has its SHA-256, which the
 * one-line installs check before installing. Nothing else in the directory is ever served.
 */
@Singleton
public class AgentPackages {

    /** One package: what it installs on, and its hash. */
    public record AgentPackage(String file, String kind, String arch, String version, long size, String sha256) {
        /** The operating system family the package is for, for grouping on the page. */
        public String os() {
            return switch (kind) {
                case "deb", "rpm" -> "linux";
                case "msi", "windows-zip" -> "windows";
                case "macos-tar" -> "macos";
                default -> "any";
            };
        }
    }

    private record Kind(String kind, Pattern name) {
    }

    /** The names the packaging build gives; version and architecture come from the name. */
    private static final List<Kind> KINDS = List.of(
            new Kind("deb", Pattern.compile("akashi-agent_([0-9][0-9A-Za-z.+~-]{0,40})_(amd64|arm64)\\.deb")),
            new Kind("rpm", Pattern.compile("akashi-agent-([0-9][0-9A-Za-z.+~]{0,40})(?:-[0-9A-Za-z.]{1,20})?\\.(x86_64|aarch64)\\.rpm")),
            new Kind("msi", Pattern.compile("akashi-agent-([0-9][0-9A-Za-z.+-]{0,40})-(x64|arm64)\\.msi")),
            new Kind("windows-zip", Pattern.compile("akashi-agent-([0-9][0-9A-Za-z.+-]{0,40})-windows-(x64|arm64)\\.zip")),
            new Kind("macos-tar", Pattern.compile("akashi-agent-([0-9][0-9A-Za-z.+-]{0,40})-macos-(x64|arm64|universal)\\.tar\\.gz")),
            new Kind("jar", Pattern.compile("akashi-agent-([0-9][0-9A-Za-z.+-]{0,40})()\\.jar")));

    private record Cached(long size, long modified, String sha256) {
    }

    private final Path dir;
    private final Map<String, Cached> hashes = new ConcurrentHashMap<>();

    @jakarta.inject.Inject
    public AgentPackages(AgentPackagesProperties props, jp.akashi.collector.config.CollectorProperties collector) {
        this(props.dir(), collector.dataDir());
    }

    public AgentPackages(String configured, String dataDir) {
        this.dir = configured.isBlank() ? Path.of(dataDir).resolve("agent-packages") : Path.of(configured);
    }

    /** Where packages are looked for (shown to admins on the page). */
    public Path directory() {
        return dir;
    }

    /** The packages present now, newest version first within each kind and architecture. */
    public List<AgentPackage> list() {
        List<AgentPackage> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                describe(p).ifPresent(out::add);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return out;
        }
        out.sort(Comparator.comparing(AgentPackage::kind).thenComparing(AgentPackage::arch)
                .thenComparing((p, q) -> compareVersions(q.version(), p.version())).thenComparing(AgentPackage::file));
        return out;
    }

    /** The newest package of a kind for an architecture. */
    public Optional<AgentPackage> newest(String kind, String arch) {
        return list().stream().filter(p -> p.kind().equals(kind) && p.arch().equals(arch))
                .max(Comparator.comparing(AgentPackage::version, AgentPackages::compareVersions));
    }

    /** The newest agent version among the packages served, if any. */
    public Optional<String> newestVersion() {
        return list().stream().map(AgentPackage::version).max(AgentPackages::compareVersions);
    }

    /**
     * Whether an agent reporting {@code version} is older than what this collector hands out
     * (a snapshot build {@code 0.2.0~SNAPSHOT} or {@code 0.2.0-SNAPSHOT} counts as {@code 0.2.0}).
     */
    public static boolean outdated(String version, String newest) {
        return jp.akashi.probes.update.Versions.older(version, newest);
    }

    /** The file of a listed package, by its exact name; empty for any other name. */
    public Optional<Path> file(String name) {
        if (name == null || kindOf(name) == null) {
            return Optional.empty();
        }
        Path p = dir.resolve(name);
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Optional.of(p) : Optional.empty();
    }

    /** One listed package by its exact name (its hash from the cache), without listing the directory. */
    public Optional<AgentPackage> get(String name) {
        return file(name).flatMap(this::describe);
    }

    private Optional<AgentPackage> describe(Path p) {
        String name = p.getFileName().toString();
        Matcher m = kindOf(name);
        if (m == null) {
            return Optional.empty();
        }
        try {
            // no links: a package is a file an operator put here, not a pointer elsewhere
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                return Optional.empty();
            }
            long modified = a.lastModifiedTime().toMillis();
            Cached c = hashes.get(name);
            if (c == null || c.size() != a.size() || c.modified() != modified) {
                c = new Cached(a.size(), modified, sha256(p));
                hashes.put(name, c);
            }
            String kind = KINDS.stream().filter(k -> k.name().matcher(name).matches()).findFirst().orElseThrow().kind();
            return Optional.of(new AgentPackage(name, kind, m.group(2).isEmpty() ? "any" : m.group(2), m.group(1), a.size(), c.sha256()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Matcher kindOf(String name) {
        for (Kind k : KINDS) {
            Matcher m = k.name().matcher(name);
            if (m.matches()) {
                return m;
            }
        }
        return null;
    }

    static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Numeric parts compare as numbers: 0.10.0 is newer than 0.9.1. */
    public static int compareVersions(String a, String b) {
        return jp.akashi.probes.update.Versions.compare(a, b);
    }
}
