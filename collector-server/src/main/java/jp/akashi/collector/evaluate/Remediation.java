package jp.akashi.collector.evaluate;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to do about a failing check, kept in the check's data ({@code remediation:} in checks/*.yaml):
 * why it matters, and per platform the steps, the file and setting to change, the commands and how
 * to confirm.
 *
 * @param why       a short explanation of why the check matters
 * @param platforms by platform ({@link #PLATFORMS}), in the file's order
 */
public record Remediation(Text why, Map<String, Step> platforms) {
    /** Platforms a remediation may name: Debian/Ubuntu, RHEL family, Windows, macOS, network devices. */
    public static final List<String> PLATFORMS = List.of("debian", "rhel", "windows", "macos", "network");

    /**
     * @param steps    what to do, in words
     * @param setting  the file (or policy path) and the setting to change; null when there is no one setting
     * @param commands commands to run, in order (may be empty when the steps are done in a console)
     * @param verify   a command (or console path) that shows the fix took effect
     */
    public record Step(Text steps, String setting, List<String> commands, String verify) {
    }

    public Step step(String platform) {
        return platforms.get(platform);
    }

    /** The platforms a check with {@code applies} concerns: its kinds (none = all) narrowed by its OS families. */
    public static List<String> platformsFor(CheckDefinition.Applicability applies) {
        List<String> out = new ArrayList<>();
        boolean host = applies.kinds().isEmpty() || applies.kinds().contains("host");
        boolean device = applies.kinds().isEmpty() || applies.kinds().contains("network-device");
        boolean anyOs = applies.osFamilies().isEmpty();
        if (host && (anyOs || applies.osFamilies().contains("linux"))) {
            out.add("debian");
            out.add("rhel");
        }
        if (host && (anyOs || applies.osFamilies().contains("windows"))) {
            out.add("windows");
        }
        if (host && (anyOs || applies.osFamilies().contains("macos"))) {
            out.add("macos");
        }
        if (device && (anyOs || applies.osFamilies().contains("network-os"))) {
            out.add("network");
        }
        return out;
    }

    /**
     * The remediation platforms of an asset: network devices → network; Windows, macOS; Linux by its
     * distribution family or name (Debian, Ubuntu … → debian; RHEL, Rocky, Alma, CentOS, Fedora,
     * Amazon, Oracle → rhel; another or unknown Linux gets both); an asset whose OS is unknown, all.
     *
     * @param distribution {@code os.distribution_family}, or the OS name when that is not at hand (may be null)
     */
    public static List<String> platformsOfAsset(String kind, String osFamily, String distribution) {
        if ("network-device".equals(kind) || "network-os".equals(osFamily)) {
            return List.of("network");
        }
        if (osFamily == null || osFamily.isBlank()) {
            return PLATFORMS;
        }
        return switch (osFamily) {
            case "windows" -> List.of("windows");
            case "macos" -> List.of("macos");
            case "linux" -> {
                String d = distribution == null ? "" : distribution.toLowerCase(java.util.Locale.ROOT);
                if (d.matches(".*(debian|ubuntu|mint|raspbian|kali|devuan|pop).*")) {
                    yield List.of("debian");
                }
                if (d.matches(".*(rhel|red ?hat|rocky|alma|centos|fedora|oracle|amazon).*")) {
                    yield List.of("rhel");
                }
                yield List.of("debian", "rhel");
            }
            default -> PLATFORMS;
        };
    }

    /** The steps for {@code assetPlatforms} among those the check has; all of them when none matches. */
    public Map<String, Step> forPlatforms(List<String> assetPlatforms) {
        Map<String, Step> out = new LinkedHashMap<>();
        platforms.forEach((p, st) -> {
            if (assetPlatforms.contains(p)) {
                out.put(p, st);
            }
        });
        return out.isEmpty() ? platforms : out;
    }

    /** As the API shows it: why, and per platform steps, setting, commands and how to confirm (both languages). */
    public Map<String, Object> toMap(List<String> onlyPlatforms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("why", Map.of("ja", why.ja(), "en", why.en()));
        List<Map<String, Object>> list = new ArrayList<>();
        (onlyPlatforms == null ? platforms : forPlatforms(onlyPlatforms)).forEach((p, st) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("platform", p);
            e.put("steps", Map.of("ja", st.steps().ja(), "en", st.steps().en()));
            e.put("setting", st.setting());
            e.put("commands", st.commands());
            e.put("verify", st.verify());
            list.add(e);
        });
        m.put("platforms", list);
        return m;
    }

    static Remediation parse(CheckFile file, String at, String where, JsonNode n) {
        List<String> keys = new ArrayList<>(PLATFORMS);
        keys.add("why");
        file.keys(n, at, where, keys.toArray(String[]::new));
        Text why = CheckLibrary.text(file, at + "/why", where + ": why", n.path("why"), true);
        Map<String, Step> steps = new LinkedHashMap<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String platform = it.next();
            if (platform.equals("why")) {
                continue;
            }
            String pat = at + "/" + platform;
            String pwhere = where + ": " + platform;
            JsonNode s = n.path(platform);
            file.keys(s, pat, pwhere, "steps", "setting", "commands", "verify");
            Text text = CheckLibrary.text(file, pat + "/steps", pwhere + ": steps", s.path("steps"), true);
            String setting = s.hasNonNull("setting") ? s.path("setting").asText() : null;
            List<String> commands = new ArrayList<>();
            if (s.has("commands") && !s.path("commands").isArray()) {
                throw file.problem(pat + "/commands", pwhere + ": commands must be a list");
            }
            s.path("commands").forEach(c -> commands.add(c.asText()));
            String verify = s.path("verify").asText("");
            if (verify.isBlank()) {
                throw file.problem(pat, pwhere + ": verify (how to confirm the fix) is required");
            }
            steps.put(platform, new Step(text, setting, List.copyOf(commands), verify));
        }
        return new Remediation(why, java.util.Collections.unmodifiableMap(steps));
    }
}
