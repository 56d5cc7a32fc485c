package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.EvidenceType;
import jp.akashi.collector.catalog.Framework;
import jp.akashi.collector.catalog.Relation;
import jp.akashi.collector.evaluate.CheckStatus;
import jp.akashi.collector.evaluate.ScoreCalculator;
import jp.akashi.collector.evaluate.Verdict;
import jp.akashi.collector.security.Role;
import jp.akashi.collector.store.AssetRoles;

/** Every text of the console exists in Japanese and English, and every key a template names exists. */
class MessagesTest {
    static final Map<String, String> JA = load("i18n/messages.properties");
    static final Map<String, String> EN = load("i18n/messages_en.properties");
    static final Path VIEWS = Path.of("src/main/resources/views");

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertThat(new TreeSet<>(EN.keySet())).isEqualTo(new TreeSet<>(JA.keySet()));
        assertThat(JA).isNotEmpty();
    }

    @Test
    void japaneseIsJapaneseAndQuotesAreEscaped() {
        assertThat(JA.get("nav.assets")).isEqualTo("資産");
        assertThat(EN.get("nav.assets")).isEqualTo("Assets");
        Pattern loneQuote = Pattern.compile("(?<!')'(?!')");
        JA.forEach((k, v) -> assertThat(loneQuote.matcher(v).find()).as("ja " + k + ": write '' for a quote").isFalse());
        EN.forEach((k, v) -> assertThat(loneQuote.matcher(v).find()).as("en " + k + ": write '' for a quote").isFalse());
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        Pattern literal = Pattern.compile("#\\{([A-Za-z0-9_.-]+)");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(VIEWS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = literal.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(100);
        assertThat(JA.keySet()).containsAll(used);
    }

    @Test
    void keysBuiltFromDataExistForEveryKnownValue() {
        for (Role r : Role.values()) {
            assertThat(JA).containsKey("role." + r.wire());
        }
        AssetRoles.ALL.forEach(r -> assertThat(JA).containsKey("assetRole." + r));
        Labels.KINDS.forEach(k -> assertThat(JA).containsKey("kind." + k));
        Labels.SOURCES.forEach(k -> assertThat(JA).containsKey("source." + k));
        Labels.OS.forEach(o -> assertThat(JA).containsKey(Labels.key("os.", o)));
        Navigation.ITEMS.forEach(i -> assertThat(JA).containsKey(i.key()));
        for (String s : new String[]{"active", "expired", "usedUp", "revoked"}) {
            assertThat(JA).containsKey("enrollment.state." + s);
        }
        for (String s : new String[]{"ok", "error", "unsupported"}) {
            assertThat(JA).containsKey("fact.status." + s);
        }
        for (Verdict v : Verdict.values()) {
            assertThat(JA).containsKey("verdict." + v.wire());
        }
        TreeFilter.VERDICTS.forEach(v -> assertThat(JA).containsKey("filter.verdict." + v));
        for (EvidenceType e : EvidenceType.values()) {
            assertThat(JA).containsKey("evidence." + e.id()).containsKey("evidence." + e.id() + ".help");
        }
        for (CheckStatus s : CheckStatus.values()) {
            assertThat(JA).containsKey("checkStatus." + s.name()).containsKey("check.filter." + s.name());
        }
        for (Relation r : Relation.values()) {
            assertThat(JA).containsKey("relation." + r.id());
        }
        Answer.STATUSES.forEach(s -> assertThat(JA).containsKey("answer.status." + s));
        for (String s : new String[]{"reached", "not_reached", "undetermined", "met", "not_met", "pass", "fail"}) {
            assertThat(JA).containsKey("score." + s);
        }
        for (String k : new String[]{"weight.level", "weight.levelUnknown", "weight.required", "weight.optional", "weight.points",
                "weight.graded", "criterion.review.years", "criterion.review.months", "criterion.review.days"}) {
            assertThat(JA).containsKey(k);
        }
        ExceptionPages.STATES.forEach(s -> assertThat(JA).containsKey("exceptions.state." + s));
        ExceptionPages.STATES.stream().filter(s -> !s.equals("all")).forEach(s -> assertThat(JA).containsKey("exceptions.badge." + s));
        Catalog catalog = new Catalog("catalog");
        for (Framework f : catalog.frameworks()) {
            assertThat(JA).containsKey("framework." + f.id());
            f.versions().forEach(v -> ScoreCalculator.applications(v).forEach(a -> assertThat(JA).containsKey("application." + a)));
        }
        // snapshots, exports, targets and credentials (phase 3)
        for (String chain : new String[]{"first", "linked", "broken", "missing"}) {
            assertThat(JA).containsKey("snapshots.chain." + chain);
        }
        assertThat(JA).containsKey("snapshots.trigger." + jp.akashi.collector.snapshot.SnapshotService.MANUAL)
                .containsKey("snapshots.trigger." + jp.akashi.collector.snapshot.SnapshotService.SCHEDULED);
        for (String state : new String[]{"active", "expired", "revoked"}) {
            assertThat(JA).containsKey("share.state." + state);
        }
        SnapshotPages.CONTENTS.forEach(x -> assertThat(JA).containsKey("snapshot.contents." + x.key()));
        for (jp.akashi.probes.targets.ProbeKind p : jp.akashi.probes.targets.ProbeKind.values()) {
            assertThat(JA).containsKey("target.probe." + p.wire()).containsKey("target.probe." + p.wire() + ".help");
        }
        for (jp.akashi.probes.targets.TargetRunResult.Outcome o : jp.akashi.probes.targets.TargetRunResult.Outcome.values()) {
            assertThat(JA).containsKey("target.outcome." + o.wire());
        }
        assertThat(JA).containsKey("target.trigger." + jp.akashi.collector.targets.TargetRunRecord.SCHEDULE)
                .containsKey("target.trigger." + jp.akashi.collector.targets.TargetRunRecord.MANUAL)
                .containsKey("target.create").containsKey("action.save").containsKey("export.pdfFontMissing");
        jp.akashi.collector.targets.Credential.KINDS.forEach(k -> assertThat(JA).containsKey("credential.kind." + k));
        for (String st : new String[]{"set", "none"}) {
            assertThat(JA).containsKey("credential.state." + st);
        }
        AssetView.REMOTE_SUMMARY.forEach(k -> assertThat(JA).containsKey("remote.fact." + k));
        for (String d : new String[]{"created", "revoked", "saved", "deleted", "unchanged", "ran", "running", "pinreset"}) {
            assertThat(JA).containsKey("done." + d);
        }
        for (String a : new String[]{"snapshot.create", "snapshot.download", "snapshot.share.create", "snapshot.share.revoke",
                "export.download", "attachment.download", "audit_log.export", "target.create", "target.update", "target.delete", "target.host_key_pinned",
                "target.host_key_reset", "credential.create", "credential.delete"}) {
            assertThat(JA).containsKey("audit.action." + a);
        }
        for (int status : new int[]{400, 403, 404, 409, 413, 429, 500, 418}) {
            assertThat(JA).containsKey(ErrorPageFilter.messageKey(status, null));
        }
    }

    static Map<String, String> load(String resource) {
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> m = new HashMap<>();
            p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
            return Map.copyOf(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void japaneseStaysJapaneseOnAServerWhoseDefaultLocaleIsEnglish() {
        Locale before = Locale.getDefault();
        try {
            // ResourceBundle falls back to the JVM's default locale before the root bundle (the Japanese one)
            Locale.setDefault(Locale.US);
            java.util.ResourceBundle.clearCache();
            WebMessages m = new WebMessages();
            assertThat(m.text(Locale.JAPANESE, "nav.assets")).isEqualTo("資産");
            assertThat(m.text(Locale.JAPAN, "nav.assets")).isEqualTo("資産");
            assertThat(m.text(Locale.FRENCH, "nav.assets")).isEqualTo("資産");
            assertThat(m.text(Locale.ENGLISH, "nav.assets")).isEqualTo("Assets");
        } finally {
            Locale.setDefault(before);
            java.util.ResourceBundle.clearCache();
        }
    }

    @Test
    void placeholdersAreFilledAndEnglishFallsBackToJapanese() {
        WebMessages m = new WebMessages();
        assertThat(m.text(Locale.JAPANESE, "time.hoursAgo", 3)).isEqualTo("3時間前");
        assertThat(m.text(Locale.ENGLISH, "time.hoursAgo", 3)).isEqualTo("3 h ago");
        assertThat(m.text(Locale.FRENCH, "nav.assets")).isEqualTo("資産");
        assertThat(m.text(Locale.US, "nav.assets")).isEqualTo("Assets");
        assertThat(m.text(Locale.ENGLISH, "no.such.key")).isEqualTo("no.such.key");
    }
}
