package jp.akashi.probes.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The documented list of fact keys ({@code facts/*.yaml}): type, unit and meaning of each. Checks
 * refer to these keys, so they are a stable interface: add keys, do not rename them.
 */
public final class FactRegistry {

    /** Value types a fact may have. */
    public static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "timestamp", "list", "object");

    /**
     * @param changesEveryCollection {@code volatile: true} in the YAML: a value that changes with
     *                               every collection (uptime, ages), not a change of content
     * @param signed                 {@code signed: true} in the YAML: an integer that may be negative
     *                               (days left on an expired certificate); every other integer fact is
     *                               a count, length, duration or version number, and never is
     */
    public record Entry(String key, String type, String unit, List<String> platforms, String en, String ja,
                        @com.fasterxml.jackson.annotation.JsonProperty("volatile") boolean changesEveryCollection,
                        boolean signed) {

        /** Whether {@code value} (as decoded from JSON) has this entry's type. */
        public boolean accepts(Object value) {
            if (value == null) {
                return false;
            }
            return switch (type) {
                case "string", "timestamp" -> value instanceof String;
                case "integer" -> value instanceof Long || value instanceof Integer;
                case "number" -> value instanceof Number;
                case "boolean" -> value instanceof Boolean;
                case "list" -> value instanceof List;
                case "object" -> value instanceof Map;
                default -> false;
            };
        }

        /** Whether {@code value} is a negative integer although this fact is never negative (not {@link #signed}). */
        public boolean refusesNegative(Object value) {
            return !signed && value instanceof Number n && n.longValue() < 0 && "integer".equals(type);
        }
    }

    /** Whether {@code key} is registered as changing with every collection. */
    public boolean isVolatile(String key) {
        Entry e = entries.get(key);
        return e != null && e.changesEveryCollection();
    }

    /** The registry's parts, each owned by one group of probes; keys must be unique across all of them. */
    static final List<String> PARTS = List.of("common", "linux", "windows", "macos", "network", "linux-system-logging",
            "linux-ssh-accounts");

    private static final FactRegistry DEFAULT = load();

    private final Map<String, Entry> entries;

    private FactRegistry(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static FactRegistry get() {
        return DEFAULT;
    }

    public Entry entry(String key) {
        return entries.get(key);
    }

    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(entries.values()));
    }

    /** Whether {@code value} (as decoded from JSON) has the registered type of {@code key}. */
    public boolean typeMatches(String key, Object value) {
        Entry e = entries.get(key);
        return e != null && e.accepts(value);
    }

    private static FactRegistry load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<String, Entry> m = new LinkedHashMap<>();
        for (String part : PARTS) {
            String res = "/jp/akashi/probes/facts/" + part + ".yaml";
            try (InputStream in = FactRegistry.class.getResourceAsStream(res)) {
                if (in == null) {
                    throw new IllegalStateException(res + " missing from the probes jar");
                }
                Doc doc = yaml.readValue(in, Doc.class);
                for (Entry e : doc.facts == null ? List.<Entry>of() : doc.facts) {
                    String where = "facts/" + part + ".yaml: ";
                    if (e.key() == null || !e.key().matches("[a-z0-9_]+(\\.[a-z0-9_]+)+")) {
                        throw new IllegalStateException(where + "bad key " + e.key());
                    }
                    if (!TYPES.contains(e.type())) {
                        throw new IllegalStateException(where + e.key() + " has unknown type " + e.type());
                    }
                    if (e.signed() && !"integer".equals(e.type())) {
                        throw new IllegalStateException(where + e.key() + ": only integer facts can be signed");
                    }
                    if (e.en() == null || e.ja() == null) {
                        throw new IllegalStateException(where + e.key() + " needs en and ja descriptions");
                    }
                    if (m.put(e.key(), e) != null) {
                        throw new IllegalStateException(where + "duplicate key " + e.key());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + res, e);
            }
        }
        return new FactRegistry(m);
    }

    /** Renders the registry as the Markdown table kept in docs/FACTS.md. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Fact registry\n\n")
          .append("Generated from `probes/src/main/resources/jp/akashi/probes/facts/*.yaml` by\n")
          .append("`./mvnw -pl probes test -Dakashi.regenerate=true`. Do not edit by hand.\n\n")
          .append("Every fact also carries `status` (`ok` / `error` / `unsupported`), `message` when not ok (with `messageCode`, its key in the probe message catalog, so the console can show it in the reader's language),\n")
          .append("`collectedAt`, `probe` and `evidence` (`source`: the command or file it was derived from; `excerpt`; `sha256` of the excerpt as shown; `contentSha256` of the whole content read when that is more than the excerpt).\n")
          .append("Integer facts are counts, lengths, durations or version numbers and are never negative, except\n")
          .append("those marked *(signed)*: the collector refuses a report with a negative one.\n\n");
        String family = null;
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(java.util.Comparator.comparing((Entry e) -> e.key().substring(0, e.key().indexOf('.'))));
        for (Entry e : sorted) {
            String f = e.key().substring(0, e.key().indexOf('.'));
            if (!f.equals(family)) {
                family = f;
                sb.append("\n## ").append(f).append("\n\n")
                  .append("| key | type | unit | platforms | meaning | 意味 |\n")
                  .append("|---|---|---|---|---|---|\n");
            }
            sb.append("| `").append(e.key()).append("` | ").append(e.type()).append(" | ")
              .append(e.unit() == null ? "" : e.unit()).append(" | ")
              .append(e.platforms() == null ? "" : String.join(", ", e.platforms())).append(" | ")
              .append(cell(e.en())).append(e.changesEveryCollection() ? " *(volatile)*" : "").append(e.signed() ? " *(signed)*" : "").append(" | ").append(cell(e.ja())).append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.strip().replace("|", "\\|").replace("\n", " ");
    }

    /** YAML document shape. */
    public static final class Doc {
        public List<Entry> facts = List.of();
    }
}
