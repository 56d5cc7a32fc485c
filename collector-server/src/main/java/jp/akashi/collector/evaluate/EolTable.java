package jp.akashi.collector.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jp.akashi.collector.ingest.CompactFacts;

/**
 * End-of-life table (eol/*.yaml, data with its "as of" date): which product an asset runs, by
 * its facts, and until when the vendor ships security updates for it. The first entry whose
 * {@code when} matches the asset's facts wins; an OS the table does not know stays unknown.
 */
public final class EolTable {

    /**
     * @param end         end of free security support; null when the vendor publishes none
     * @param regularEnd  end of regular security support where free long-term support follows until
     *                    {@code end} (Debian LTS); null when regular support lasts until {@code end}
     * @param extendedEnd end of paid extended support (ESM, ELS), if any
     * @param status      supported / unsupported / unknown when {@code end} is null
     */
    public record Product(String name, LocalDate end, LocalDate regularEnd, LocalDate extendedEnd, String status, String note,
                          Map<String, List<Pattern>> when, String source) {
    }

    private final List<Product> products;
    private final String asOf;

    private EolTable(List<Product> products, String asOf) {
        this.products = products;
        this.asOf = asOf;
    }

    public String asOf() {
        return asOf;
    }

    public List<Product> products() {
        return products;
    }

    /** The product an asset's facts describe, if the table knows it. */
    public Optional<Product> match(Map<String, CompactFacts.Value> facts) {
        for (Product p : products) {
            if (matches(p, facts)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static boolean matches(Product p, Map<String, CompactFacts.Value> facts) {
        for (Map.Entry<String, List<Pattern>> cond : p.when().entrySet()) {
            CompactFacts.Value v = facts.get(cond.getKey());
            if (v == null || !v.ok() || v.value() == null) {
                return false;
            }
            String actual = String.valueOf(v.value());
            if (cond.getValue().stream().noneMatch(pt -> pt.matcher(actual).matches())) {
                return false;
            }
        }
        return true;
    }

    /** Loads the listed files (classpath resources); a malformed entry stops startup naming the file and entry. */
    public static EolTable load(List<String> resources) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Product> all = new ArrayList<>();
        String asOf = null;
        for (String res : resources) {
            try (InputStream in = EolTable.class.getResourceAsStream("/" + res)) {
                if (in == null) {
                    throw new IllegalStateException(res + ": missing");
                }
                JsonNode doc = yaml.readTree(in);
                String fileAsOf = doc.path("as_of").asText(null);
                if (fileAsOf == null) {
                    throw new IllegalStateException(res + ": as_of (the date the table was checked) is required");
                }
                asOf = asOf == null || fileAsOf.compareTo(asOf) < 0 ? fileAsOf : asOf;
                int i = 0;
                for (JsonNode p : doc.path("products")) {
                    all.add(product(res, i++, p));
                }
            } catch (IOException e) {
                throw new IllegalStateException(res + ": " + e.getMessage(), e);
            }
        }
        return new EolTable(List.copyOf(all), asOf);
    }

    private static Product product(String res, int index, JsonNode p) {
        String where = res + ": products[" + index + "]";
        String name = p.path("name").asText(null);
        if (name == null) {
            throw new IllegalStateException(where + ": name is required");
        }
        Map<String, List<Pattern>> when = new LinkedHashMap<>();
        p.path("when").fields().forEachRemaining(e -> {
            List<Pattern> pats = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> pats.add(glob(v.asText())));
            } else {
                pats.add(glob(e.getValue().asText()));
            }
            when.put(e.getKey(), pats);
        });
        if (when.isEmpty()) {
            throw new IllegalStateException(where + " (" + name + "): when must name at least one fact");
        }
        String status = p.path("status").asText(null);
        LocalDate end = date(where, p.path("end"));
        if (end == null && (status == null || !List.of("supported", "unsupported", "unknown").contains(status))) {
            throw new IllegalStateException(where + " (" + name + "): needs end (a date) or status supported|unsupported|unknown");
        }
        LocalDate regularEnd = date(where, p.path("regular_end"));
        if (regularEnd != null && (end == null || !regularEnd.isBefore(end))) {
            throw new IllegalStateException(where + " (" + name + "): regular_end must come before end");
        }
        return new Product(name, end, regularEnd, date(where, p.path("extended_end")), status, p.path("note").asText(null),
                when, p.path("source").asText(null));
    }

    private static LocalDate date(String where, JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        try {
            return LocalDate.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(where + ": not a date: " + n.asText());
        }
    }

    /** {@code 22.04} matches exactly, {@code 9.*} matches 9.0, 9.4 …; matching is case-insensitive. */
    static Pattern glob(String s) {
        String[] parts = s.split("\\*", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append(".*");
            }
            sb.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE);
    }
}
