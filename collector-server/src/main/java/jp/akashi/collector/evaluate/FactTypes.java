package jp.akashi.collector.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;

import jp.akashi.probes.api.FactRegistry;

/**
 * The CEL type of every fact a check may use: the probes' registry plus the facts the collector
 * derives itself ({@link DerivedFacts}). Checks are type-checked against these at startup.
 */
public final class FactTypes {
    private FactTypes() {
    }

    public static Map<String, CelType> all() {
        Map<String, CelType> m = new LinkedHashMap<>();
        for (FactRegistry.Entry e : FactRegistry.get().entries()) {
            m.put(e.key(), cel(e.type()));
        }
        DerivedFacts.TYPES.forEach((k, t) -> m.put(k, cel(t)));
        return m;
    }

    public static CelType cel(String registryType) {
        return switch (registryType) {
            case "string", "timestamp" -> SimpleType.STRING;
            case "integer" -> SimpleType.INT;
            case "number" -> SimpleType.DOUBLE;
            case "boolean" -> SimpleType.BOOL;
            case "list" -> ListType.create(SimpleType.DYN);
            case "object" -> MapType.create(SimpleType.STRING, SimpleType.DYN);
            default -> throw new IllegalArgumentException("unknown fact type " + registryType);
        };
    }
}
