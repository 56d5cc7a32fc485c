package jp.akashi.probes.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.MessageCode;
import jp.akashi.probes.model.ProbeMessages;

import static jp.akashi.probes.model.ProbeMessages.code;

/**
 * Collects the facts of one probe run. Records each key once: a later record of the same key
 * replaces the earlier one (a probe may first record a fallback, then the better value).
 */
public final class FactSink {
    private final Clock clock;
    private final Map<String, Fact> facts = new LinkedHashMap<>();
    private String probeId = "unknown";

    public FactSink(Clock clock) {
        this.clock = clock;
    }

    /** Sets the probe id stamped on the facts recorded from now on. */
    public FactSink forProbe(String id) {
        this.probeId = id;
        return this;
    }

    public void ok(String key, Object value, Evidence evidence) {
        if (value == null) {
            throw new IllegalArgumentException("ok fact " + key + " needs a value; record error/unsupported instead");
        }
        put(new Fact(key, FactStatus.OK, normalise(value), null, clock.instant(), probeId, evidence));
    }

    public void error(String key, String message, Evidence evidence) {
        put(new Fact(key, FactStatus.ERROR, null, message, clock.instant(), probeId, evidence));
    }

    public void error(String key, String message) {
        error(key, message, null);
    }

    public void unsupported(String key, String message) {
        put(new Fact(key, FactStatus.UNSUPPORTED, null, message, clock.instant(), probeId, null));
    }

    /** An error whose message is in the catalog, so the collector can show it in the reader's language. */
    public void error(String key, MessageCode code, Evidence evidence) {
        put(new Fact(key, FactStatus.ERROR, null, ProbeMessages.get().english(code), clock.instant(), probeId, evidence, code));
    }

    public void error(String key, MessageCode code) {
        error(key, code, null);
    }

    /** Unsupported with a catalog message (see {@link #error(String, MessageCode, Evidence)}). */
    public void unsupported(String key, MessageCode code) {
        put(new Fact(key, FactStatus.UNSUPPORTED, null, ProbeMessages.get().english(code), clock.instant(), probeId, null, code));
    }

    /** Records {@code keys} as errors with the failure of {@code r}: one failed command, several unknown facts. */
    public void failed(CommandResult r, String... keys) {
        Evidence ev = Evidence.of("cmd:" + r.command(), r.stdout() + r.stderr());
        for (String k : keys) {
            if (r.notFound()) {
                unsupported(k, code("fact.command_missing", r.command()));
            } else {
                error(k, r.failureCode(), ev);
            }
        }
    }

    /** Records {@code keys} as errors/unsupported according to why {@code f} could not be read. */
    public void failed(FileRead f, String... keys) {
        for (String k : keys) {
            switch (f.status()) {
                case NOT_FOUND -> unsupported(k, code("fact.file_missing", f.path()));
                case DENIED -> error(k, code("fact.file_denied", f.path()));
                default -> error(k, f.failureCode());
            }
        }
    }

    public boolean has(String key) {
        return facts.containsKey(key);
    }

    public List<Fact> facts() {
        return Collections.unmodifiableList(new ArrayList<>(facts.values()));
    }

    private void put(Fact f) {
        facts.put(f.key(), f);
    }

    /** Integers become Long and floats Double, so equal values look equal after a JSON round trip. */
    private static Object normalise(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        return v;
    }
}
