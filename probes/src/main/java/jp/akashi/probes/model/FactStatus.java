package jp.akashi.probes.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a probe could observe the value. Anything but {@code OK} carries no value. */
public enum FactStatus {
    /** The value was read from the host. */
    OK("ok"),
    /** Reading failed (permission, timeout, malformed output); the message says why. */
    ERROR("error"),
    /** The host has no such thing to read (e.g. no package manager of this kind), or reading it needs privileges the probe does not have. */
    UNSUPPORTED("unsupported");

    private final String wire;

    FactStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static FactStatus fromWire(String s) {
        for (FactStatus v : values()) {
            if (v.wire.equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown fact status: " + s);
    }
}
