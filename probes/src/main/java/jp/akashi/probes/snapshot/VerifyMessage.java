package jp.akashi.probes.snapshot;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * One line of what the snapshot verifier found, kept as a key of the {@value #BUNDLE} resource
 * bundle and its arguments, so that the same finding can be shown in English (the wording of
 * {@link SnapshotVerifier.Result#problems()} and {@code notes()}, which the collector shows and
 * tests match) or in Japanese, with its times in a chosen zone. The finding is the same whatever
 * the language: only the words differ.
 *
 * <p>Placeholders {@code {0}}, {@code {1}}… are replaced by the arguments as they are (no
 * {@link java.text.MessageFormat} quoting or number grouping). An {@link Instant} argument is written as its
 * ISO-8601 UTC form when no zone is given, otherwise as the local time with its offset and zone,
 * the UTC instant beside it; a {@link VerifyMessage} argument is rendered in the same language.
 */
public record VerifyMessage(String key, List<Object> args) {
    public static final String BUNDLE = "jp.akashi.probes.snapshot.VerifyMessages";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);

    public VerifyMessage {
        args = Collections.unmodifiableList(Arrays.asList(args.toArray()));
    }

    public static VerifyMessage of(String key, Object... args) {
        return new VerifyMessage(key, Arrays.asList(args));
    }

    /** The English text, times in UTC: what {@code problems()} and {@code notes()} hold. */
    public String english() {
        return render(Locale.ROOT, null);
    }

    /** The text in {@code locale}'s language (English unless there is a translation), times in {@code zone} (null: UTC instants). */
    public String render(Locale locale, ZoneId zone) {
        return format(bundle(locale).getString(key), args, locale, zone);
    }

    /** Fills a pattern of any bundle in the same way (for the texts around the findings, such as the verifier's own lines). */
    public static String format(String pattern, List<?> args, Locale locale, ZoneId zone) {
        StringBuilder sb = new StringBuilder(pattern.length() + 64);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            int close = c == '{' ? pattern.indexOf('}', i) : -1;
            if (close > i + 1 && pattern.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
                int n = Integer.parseInt(pattern.substring(i + 1, close));
                sb.append(n < args.size() ? text(args.get(n), locale, zone) : pattern.substring(i, close + 1));
                i = close;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A time as the verifier prints it: "2026-11-01 09:00:00 +09:00 Asia/Tokyo (UTC 2026-11-01T00:00:00Z)". */
    public static String time(Instant t, ZoneId zone) {
        return zone == null ? t.toString() : LOCAL.format(t.atZone(zone)) + " " + zone.getId() + " (UTC " + t + ")";
    }

    private static String text(Object arg, Locale locale, ZoneId zone) {
        if (arg instanceof Instant t) {
            return time(t, zone);
        }
        if (arg instanceof VerifyMessage m) {
            return m.render(locale, zone);
        }
        return String.valueOf(arg);
    }

    /** The bundle for exactly that language: no fall-back to the JVM's default locale (English must stay English). */
    public static ResourceBundle bundle(Locale locale) {
        return bundle(BUNDLE, locale);
    }

    /** The bundle {@code name} for exactly that language, without fall-back to the JVM's default locale. */
    public static ResourceBundle bundle(String name, Locale locale) {
        try {
            return ResourceBundle.getBundle(name, locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException e) {
            throw new IllegalStateException("the verifier's texts are missing from the class path: " + name, e);
        }
    }
}
