package jp.akashi.collector.web;

import jakarta.validation.constraints.NotBlank;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonFormat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jp.akashi.collector.targets.Target;
import jp.akashi.collector.targets.TargetService;
import jp.akashi.probes.targets.ProbeKind;
import jp.akashi.probes.targets.TargetOptions;

/**
 * The target form as typed (kept as text, so a rejected value is shown again as it was) and its
 * translation to the JSON form {@link TargetService} validates. The console checks nothing itself:
 * numbers that are not numbers go on as text and the service says which field is wrong.
 */
public record TargetForm(String name, String address, String kind, List<String> probes, String ports, String tlsPorts,
                         String sshPort, boolean sudo, String snmpPort, String snmpTimeoutMs, String snmpRetries,
                         boolean testWellKnownCommunities, String intervalMinutes, String credentialId, boolean enabled) {

    static final List<String> PROBES = java.util.Arrays.stream(ProbeKind.values()).map(ProbeKind::wire).toList();

    public boolean has(String probe) {
        return probes.contains(probe);
    }

    /** A new target: the probes' defaults, enabled, the default interval. */
    static TargetForm defaults() {
        TargetOptions o = TargetOptions.DEFAULTS;
        return new TargetForm("", "", "", List.of(), o.ports(), join(o.tlsPorts()), String.valueOf(o.sshPort()), o.sudo(),
                String.valueOf(o.snmpPort()), String.valueOf(o.snmpTimeoutMs()), String.valueOf(o.snmpRetries()),
                o.testWellKnownCommunities(), String.valueOf(TargetService.DEFAULT_INTERVAL_MINUTES), "", true);
    }

    /** The target's probes by name, in a fixed order. */
    static List<String> probes(Target t) {
        return t.spec().probes().stream().sorted().map(ProbeKind::wire).toList();
    }

    static TargetForm of(Target t) {
        TargetOptions o = t.spec().options();
        return new TargetForm(t.name(), t.spec().address(), t.spec().kind(), probes(t), o.ports(), join(o.tlsPorts()),
                String.valueOf(o.sshPort()), o.sudo(), String.valueOf(o.snmpPort()), String.valueOf(o.snmpTimeoutMs()),
                String.valueOf(o.snmpRetries()), o.testWellKnownCommunities(), String.valueOf(t.intervalSeconds() / 60),
                t.credentialId() == null ? "" : t.credentialId(), t.enabled());
    }

    /**
     * The target form as the browser sent it ({@code @Body @Valid}): every field text, numbers
     * included (a number that is not one is named by the service, not refused by the binding),
     * {@code probes} a repeated checkbox, the other checkboxes present or absent. A name may be
     * typed in full width or Japanese (the service takes its NFKC form).
     */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Fields(@Nullable @NotBlank(message = "{target.error.name}") String name, @Nullable String address, @Nullable String kind,
                         @Nullable @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> probes, @Nullable String ports, @Nullable String tlsPorts, @Nullable String sshPort,
                         @Nullable String sudo, @Nullable String snmpPort, @Nullable String snmpTimeoutMs, @Nullable String snmpRetries,
                         @Nullable String testWellKnownCommunities, @Nullable String intervalMinutes, @Nullable String credentialId,
                         @Nullable String enabled) {
    }

    static TargetForm read(Fields f) {
        return new TargetForm(text(f.name()), text(f.address()), text(f.kind()), Uploads.list(f.probes()), text(f.ports()),
                text(f.tlsPorts()), text(f.sshPort()), Uploads.text(f.sudo()) != null, text(f.snmpPort()),
                text(f.snmpTimeoutMs()), text(f.snmpRetries()), Uploads.text(f.testWellKnownCommunities()) != null,
                text(f.intervalMinutes()), text(f.credentialId()), Uploads.text(f.enabled()) != null);
    }

    private static String text(String field) {
        return nz(Uploads.text(field));
    }

    /** The JSON form of the target; blank numbers are left out (the default applies, or on an edit the value stays). */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("address", address);
        m.put("kind", kind.isEmpty() ? null : kind);
        m.put("probes", probes.stream().sorted().toList());
        Map<String, Object> o = new LinkedHashMap<>();
        putText(o, "ports", ports);
        if (!tlsPorts.isBlank()) {
            List<Object> list = new ArrayList<>();
            for (String p : tlsPorts.strip().split("[,\\s]+")) {
                list.add(number(p));
            }
            o.put("tlsPorts", list);
        }
        putNumber(o, "sshPort", sshPort);
        o.put("sudo", sudo);
        putNumber(o, "snmpPort", snmpPort);
        putNumber(o, "snmpTimeoutMs", snmpTimeoutMs);
        putNumber(o, "snmpRetries", snmpRetries);
        o.put("testWellKnownCommunities", testWellKnownCommunities);
        m.put("options", o);
        putNumber(m, "intervalMinutes", intervalMinutes);
        m.put("credentialId", credentialId.isEmpty() ? null : credentialId);
        m.put("enabled", enabled);
        return m;
    }

    /**
     * What differs from the target's current JSON form ({@link TargetService#form}): the fields to
     * send as a change, options reduced to the changed ones. Empty when nothing changed.
     */
    static Map<String, Object> changes(Map<String, Object> current, Map<String, Object> typed) {
        Map<String, Object> patch = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : typed.entrySet()) {
            Object old = current.get(e.getKey());
            if (e.getKey().equals("options") && e.getValue() instanceof Map<?, ?> opts && old instanceof Map<?, ?> oldOpts) {
                Map<String, Object> changed = new LinkedHashMap<>();
                opts.forEach((k, v) -> {
                    if (!same(oldOpts.get(k), v)) {
                        changed.put(String.valueOf(k), v);
                    }
                });
                if (!changed.isEmpty()) {
                    patch.put("options", changed);
                }
            } else if (!same(old, e.getValue())) {
                patch.put(e.getKey(), e.getValue());
            }
        }
        return patch;
    }

    /** Equal as JSON values: numbers by value, lists element by element. */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.longValue() == y.longValue() && x.doubleValue() == y.doubleValue();
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static void putText(Map<String, Object> m, String key, String v) {
        if (!v.isBlank()) {
            m.put(key, v.strip());
        }
    }

    private static void putNumber(Map<String, Object> m, String key, String v) {
        if (!v.isBlank()) {
            m.put(key, number(v));
        }
    }

    /** A whole number when it is one, else the text as typed (the service then names the field that is wrong). */
    private static Object number(String s) {
        try {
            return Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return s.strip();
        }
    }

    private static String join(List<Integer> ports) {
        return String.join(", ", ports.stream().map(String::valueOf).toList());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
