package jp.akashi.collector.evaluate;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.store.Database;

/**
 * Which degradations each configured chat channel gets (table {@code channel_settings}, set on
 * the admins' 通知 page): to 未達成 ({@link #NOT_MET}), to 判定不能 because data is missing or
 * stale ({@link #UNKNOWN}), or to an answer that is missing or expired ({@link #ANSWER}). A
 * channel without a row gets every event. Channels live in the configuration; a channel is named
 * here by {@link #key}, a hash of its URL, since the URL itself is the channel's secret.
 */
@Singleton
public class ChannelSettings {
    public static final String NOT_MET = "degraded.not_met";
    public static final String UNKNOWN = "degraded.unknown";
    public static final String ANSWER = "degraded.answer";
    public static final List<String> EVENTS = List.of(NOT_MET, UNKNOWN, ANSWER);

    private final Database db;

    public ChannelSettings(Database db) {
        this.db = db;
    }

    /** The event a degradation to {@code to} is. */
    public static String eventFor(Verdict to) {
        return switch (to) {
            case NOT_MET -> NOT_MET;
            case UNANSWERED, EXPIRED -> ANSWER;
            default -> UNKNOWN;
        };
    }

    /** "slack:3f2a…": the channel and the first 16 hex digits of the URL's SHA-256. */
    public static String key(DeliveryLog.Channel channel, String url) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return channel.wire() + ":" + HexFormat.of().formatHex(Arrays.copyOf(d, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The events of every channel that has a row. */
    public Map<String, Set<String>> all() {
        return db.read(h -> h.createQuery("SELECT channel_key, events FROM channel_settings")
                .map((rs, ctx) -> Map.entry(rs.getString(1), parse(rs.getString(2)))).list())
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The events {@code key} gets (all of them when none were chosen for it). */
    public Set<String> events(String key) {
        return db.read(h -> h.createQuery("SELECT events FROM channel_settings WHERE channel_key = :k").bind("k", key)
                .mapTo(String.class).findFirst()).map(ChannelSettings::parse).orElse(new LinkedHashSet<>(EVENTS));
    }

    /** Sets the events of {@code key} (one of {@code known}); an empty set mutes the channel. */
    public void save(String key, Set<String> known, Set<String> events, long now) {
        if (key == null || !known.contains(key)) {
            throw Refusal.badRequest("no configured chat channel " + key, "チャットの送信先 " + key + " は設定されていません");
        }
        for (String e : events) {
            if (e == null || !EVENTS.contains(e)) {
                throw Refusal.badRequest("unknown event " + e + " (known: " + EVENTS + ")", "不明なイベント " + e + " です（" + EVENTS + "）");
            }
        }
        String value = EVENTS.stream().filter(events::contains).collect(Collectors.joining(","));
        db.write(h -> h.createUpdate("INSERT INTO channel_settings (channel_key, events, updated_at) VALUES (:k, :e, :t) "
                        + "ON CONFLICT (channel_key) DO UPDATE SET events = excluded.events, updated_at = excluded.updated_at")
                .bind("k", key).bind("e", value).bind("t", now).execute());
    }

    private static Set<String> parse(String csv) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
