package jp.akashi.collector.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;

import jakarta.inject.Singleton;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.answer.AnswerStore;
import jp.akashi.collector.answer.AttachmentStore;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.Framework;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.evaluate.CheckDefinition;
import jp.akashi.collector.evaluate.CheckLibrary;
import jp.akashi.collector.evaluate.CheckLibraryProvider;
import jp.akashi.collector.evaluate.CriterionVerdict;
import jp.akashi.collector.evaluate.CriterionVerdictStore;
import jp.akashi.collector.evaluate.Score;
import jp.akashi.collector.exception.ComplianceException;
import jp.akashi.collector.exception.ExceptionStore;
import jp.akashi.collector.export.AuditLogExport;
import jp.akashi.collector.export.FrameworkReport;
import jp.akashi.collector.export.FrameworkReports;
import jp.akashi.collector.export.HtmlReport;
import jp.akashi.collector.store.AssetStore;
import jp.akashi.collector.store.AuditChainStatus;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Freshness;
import jp.akashi.collector.store.ReportSettings;
import jp.akashi.collector.evaluate.Text;
import jp.akashi.collector.store.ReportSettingsRecord;
import jp.akashi.collector.store.ReportSettingsStore;
import jp.akashi.probes.snapshot.SnapshotArchiveWriter;
import jp.akashi.probes.util.Hashes;
import jp.akashi.probes.util.Json;

/**
 * Writes one snapshot ZIP from a single consistent read of the database: every criterion
 * verdict with its reasons and the scores, the catalog texts, the check library, every asset
 * with its current facts and per-check results, the raw report bodies they came from, answers
 * with their evidence files, exceptions and the audit log, plus a human-readable report — then
 * the signed manifest. Everything large is streamed from the database into the ZIP, so a fleet
 * of 10,000 assets does not have to fit in memory.
 */
@Singleton
public class SnapshotBuilder {
    public static final int FORMAT = 1;
    static final String DATA = "data/";

    private final Database db;
    private final Catalog catalog;
    private final CheckLibraryProvider checks;
    private final CriterionVerdictStore verdicts;
    private final AnswerStore answers;
    private final ExceptionStore exceptions;
    private final AttachmentStore attachments;
    private final AuditLog audit;
    private final SigningKey key;
    private final Freshness freshness;
    private final Clock clock;
    private final AuditChainStatus chain;
    private final TimeStampClient tsa;
    private final DisplayZone zone;
    private final ReportSettingsStore reportSettings;

    public SnapshotBuilder(Database db, Catalog catalog, CheckLibraryProvider checks, CriterionVerdictStore verdicts, AnswerStore answers,
                           ExceptionStore exceptions, AttachmentStore attachments, AuditLog audit, SigningKey key,
                           Freshness freshness, Clock clock, AuditChainStatus chain, TimeStampClient tsa, DisplayZone zone,
                           ReportSettingsStore reportSettings) {
        this.reportSettings = reportSettings;
        this.zone = zone;
        this.chain = chain;
        this.tsa = tsa;
        this.db = db;
        this.catalog = catalog;
        this.checks = checks;
        this.verdicts = verdicts;
        this.answers = answers;
        this.exceptions = exceptions;
        this.attachments = attachments;
        this.audit = audit;
        this.key = key;
        this.freshness = freshness;
        this.clock = clock;
    }

    /** What to build. {@code warnings} are shown in the snapshot (e.g. evaluation was still running), in Japanese and English. */
    public record Request(String id, String createdBy, String trigger, String note, String previousSha256, List<Text> warnings) {
    }

    /** Counts of what a snapshot holds. */
    public record Counts(int files, int assets, int criteria, int checkResults, int answers, int attachments, int exceptions,
                         int reportBodies, long auditEntries) {
        Counts withFiles(int n) {
            return new Counts(n, assets, criteria, checkResults, answers, attachments, exceptions, reportBodies, auditEntries);
        }
    }

    /** A written (not yet committed) snapshot; {@code reportIds} are the reports behind its facts and results (kept by retention). */
    public record Built(long createdAt, SnapshotArchiveWriter.Finished finished, Counts counts, List<Score> scores,
                        List<String> problems, AuditChainStatus.Status audit, java.util.Set<String> reportIds) {
    }

    public Built build(Request req, Path target) throws IOException, GeneralSecurityException {
        try (Handle h = db.open()) {
            if (!db.sqlite()) {
                h.setTransactionIsolationLevel(TransactionIsolationLevel.REPEATABLE_READ);
            }
            h.begin();
            try {
                // the first read fixes what this transaction sees (SQLite WAL and PostgreSQL REPEATABLE READ);
                // the snapshot's instant is taken after it, so nothing in the snapshot is newer than its time
                h.createQuery("SELECT COUNT(*) FROM assets").mapTo(Long.class).one();
                long createdAt = clock.millis();
                try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
                     SnapshotArchiveWriter w = new SnapshotArchiveWriter(file, Instant.ofEpochMilli(createdAt))) {
                    return new Writing(h, w, req, createdAt).run();
                }
            } finally {
                h.rollback();
            }
        }
    }

    /** One build: the state read so far and the archive being written. */
    private final class Writing {
        final Handle h;
        final SnapshotArchiveWriter w;
        final Request req;
        final long createdAt;
        /** What the reader must know, as recorded in meta.json (Japanese) … */
        final List<String> problems = new ArrayList<>();
        /** … and the same in English for an English report.html. */
        final List<String> problemsEn = new ArrayList<>();
        final EvidenceNames names = new EvidenceNames();
        final Map<String, FrameworkReport.FileRef> filesByNameAndHash = new HashMap<>();
        int attachmentCount;
        final java.util.Set<String> reportIds = new java.util.HashSet<>();
        ReportSettings settings;

        Writing(Handle h, SnapshotArchiveWriter w, Request req, long createdAt) {
            this.h = h;
            this.w = w;
            this.req = req;
            this.createdAt = createdAt;
            req.warnings().forEach(this::problem);
        }

        void problem(Text t) {
            problems.add(t.ja());
            problemsEn.add(t.en() == null ? t.ja() : t.en());
        }

        Built run() throws IOException, GeneralSecurityException {
            Map<String, CriterionVerdictStore.Stored> stored = verdicts.all(h);
            Map<String, CriterionVerdict> verdictMap = new HashMap<>();
            Map<String, Long> since = new HashMap<>();
            stored.forEach((id, s) -> {
                verdictMap.put(id, CriterionVerdictStore.parse(s.detailJson()));
                since.put(id, s.since());
            });
            List<Answer> allAnswers = allAnswers();
            Map<String, Answer> answerById = new HashMap<>();
            allAnswers.forEach(a -> answerById.put(a.id(), a));
            List<ComplianceException> allExceptions = exceptions.all(h);

            settings = reportSettings.get(h);
            List<FrameworkReport> reports = new ArrayList<>();
            // the frameworks the settings show in report.html by default (data/frameworks/ holds them all)
            List<FrameworkReport> shown = new ArrayList<>();
            for (Framework f : catalog.frameworks()) {
                for (FrameworkVersion v : f.versions()) {
                    FrameworkReport r = FrameworkReports.build(catalog, v, verdictMap, since, answerById::get, this::evidenceFile,
                            createdAt, req.id());
                    json(DATA + "frameworks/" + EvidenceNames.clean(v.framework()) + "/" + EvidenceNames.clean(v.version()) + ".json", r);
                    reports.add(r);
                    if (settings.shows(v.framework())) {
                        shown.add(r);
                    }
                }
            }
            List<Score> scores = reports.stream().flatMap(r -> r.scores().stream()).toList();
            json(DATA + "scores.json", scores);
            writeCriteria(stored, verdictMap);
            writeChecks();
            json(DATA + "answers.json", allAnswers);
            json(DATA + "exceptions.json", allExceptions);
            int assets = writeAssets();
            int results = writeCheckResults();
            int bodies = writeReportBodies();
            AuditSummary auditSummary = writeAuditLog();
            // the number of files is known only once the manifest is written
            Counts counts = new Counts(0, assets, verdictMap.size(), results, allAnswers.size(), attachmentCount,
                    allExceptions.size(), bodies, auditSummary.entries());
            writeReportSettings();
            writeReport(shown.isEmpty() ? reports : shown, counts);
            writeMeta(counts, auditSummary);
            w.put("README.txt", readme().getBytes(StandardCharsets.UTF_8));
            SnapshotArchiveWriter.Finished done = w.finish(req.id(), Instant.ofEpochMilli(createdAt), req.previousSha256(),
                    zone.zone(), key.publicKey(), key::sign);
            return new Built(createdAt, done, counts.withFiles(done.manifest().files().size()), scores, List.copyOf(problems),
                    auditSummary.status(), java.util.Set.copyOf(reportIds));
        }

        /** Every answer ever given, oldest first (answers are append-only; auditors see the history). */
        private List<Answer> allAnswers() {
            List<String> ids = h.createQuery("SELECT DISTINCT criterion_id FROM answers ORDER BY criterion_id").mapTo(String.class).list();
            List<Answer> out = new ArrayList<>();
            for (String id : ids) {
                List<Answer> hist = new ArrayList<>(answers.history(h, id));
                java.util.Collections.reverse(hist);
                out.addAll(hist);
            }
            return out;
        }

        /** Copies an answer's evidence file into the ZIP under the criterion's number (once per name and content). */
        private FrameworkReport.FileRef evidenceFile(Criterion c, Answer.AttachmentRef f) {
            EvidenceNames.Name n = names.name(c.framework(), c.number(), f.filename(), f.sha256());
            String key = n.path() + "\u0000" + f.sha256();
            FrameworkReport.FileRef known = filesByNameAndHash.get(key);
            if (known != null) {
                return known;
            }
            String problem = null;
            String problemEn = null;
            try {
                Path p = attachments.path(f.sha256());
                if (!Files.exists(p)) {
                    problem = "証跡ファイルが収集サーバー上に見つかりません";
                    problemEn = "the evidence file is missing on the collector";
                } else {
                    byte[] content = Files.readAllBytes(p);
                    if (!Hashes.sha256Hex(content).equals(f.sha256())) {
                        problem = "収集サーバー上の証跡ファイルが SHA-256 と一致しません（破損）";
                        problemEn = "the evidence file on the collector does not match its SHA-256 (damaged)";
                    } else {
                        w.put(n.path(), content);
                        attachmentCount++;
                    }
                }
            } catch (IOException e) {
                problem = "証跡ファイルを読めません: " + e.getMessage();
                problemEn = "the evidence file cannot be read: " + e.getMessage();
            }
            if (problem != null) {
                String where = c.globalId() + ": " + f.filename() + " (" + f.sha256() + "): ";
                problem(new Text(where + problem, where + problemEn));
            }
            FrameworkReport.FileRef ref = new FrameworkReport.FileRef(f.filename(), f.sha256(), f.contentType(), f.size(),
                    problem == null ? n.path() : null, problem);
            filesByNameAndHash.put(key, ref);
            return ref;
        }

        private void writeCriteria(Map<String, CriterionVerdictStore.Stored> stored, Map<String, CriterionVerdict> verdictMap)
                throws IOException {
            List<Map<String, Object>> list = new ArrayList<>();
            stored.keySet().stream().sorted().forEach(id -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("criterion", id);
                m.put("verdict", verdictMap.get(id).verdict().wire());
                m.put("since", Instant.ofEpochMilli(stored.get(id).since()).toString());
                m.put("evaluatedAt", Instant.ofEpochMilli(stored.get(id).evaluatedAt()).toString());
                m.put("detail", verdictMap.get(id));
                list.add(m);
            });
            json(DATA + "criteria.json", list);
        }

        private void writeChecks() throws IOException {
            CheckLibrary lib = checks.get();
            Map<String, List<String>> criteriaByCheck = new HashMap<>();
            catalog.frameworks().forEach(f -> f.latest().criteria().forEach(c -> c.checks()
                    .forEach(k -> criteriaByCheck.computeIfAbsent(k, x -> new ArrayList<>()).add(c.globalId()))));
            List<Map<String, Object>> list = new ArrayList<>();
            for (CheckDefinition c : lib.checks()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", c.id());
                m.put("file", c.file());
                m.put("version", c.version());
                m.put("title", c.title());
                m.put("description", c.description());
                m.put("applies", c.applies());
                m.put("facts", c.facts());
                m.put("rules", c.rules().stream().map(r -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("facts", r.facts());
                    x.put(r.when() != null ? "when" : "expr", r.source());
                    if (r.result() != null) {
                        x.put("result", r.result().name());
                    }
                    if (r.message() != null) {
                        x.put("message", r.message());
                    }
                    return x;
                }).toList());
                m.put("criteria", criteriaByCheck.getOrDefault(c.id(), List.of()));
                list.add(m);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("version", lib.version());
            out.put("params", lib.params());
            out.put("eolTableAsOf", checks.eol().asOf());
            out.put("checks", list);
            json(DATA + "checks.json", out);
        }

        private int writeAssets() throws IOException {
            try (OutputStream o = w.begin(DATA + "assets.jsonl"); JsonLines lines = new JsonLines(o)) {
                JsonGenerator g = lines.g();
                try (var it = h.createQuery("SELECT a.*, f.report_id AS f_report, f.updated_at AS f_updated, f.facts AS f_facts, "
                                + "r.body_sha256 AS f_body FROM assets a LEFT JOIN asset_facts f ON f.asset_id = a.id "
                                + "LEFT JOIN reports r ON r.id = f.report_id ORDER BY a.id")
                        .map((rs, ctx) -> new Object[]{AssetStore.mapRow(rs), rs.getString("f_report"), rs.getObject("f_updated"),
                                rs.getString("f_facts"), rs.getString("f_body")}).iterator()) {
                    while (it.hasNext()) {
                        Object[] row = it.next();
                        AssetStore.Asset a = (AssetStore.Asset) row[0];
                        if (row[1] != null) {
                            reportIds.add((String) row[1]);
                        }
                        g.writeStartObject();
                        g.writeStringField("id", a.id());
                        g.writeStringField("name", a.name());
                        g.writeStringField("kind", a.kind());
                        g.writeStringField("hostname", a.hostname());
                        g.writeStringField("address", a.address());
                        g.writeStringField("machineId", a.machineId());
                        g.writeStringField("hardwareUuid", a.hardwareUuid());
                        g.writeStringField("snmpEngineId", a.snmpEngineId());
                        g.writeStringField("osFamily", a.osFamily());
                        g.writeStringField("osName", a.osName());
                        g.writeStringField("osVersion", a.osVersion());
                        g.writeStringField("owner", a.owner());
                        g.writeStringField("department", a.department());
                        g.writeStringField("location", a.location());
                        g.writeObjectField("roles", a.roles());
                        g.writeStringField("source", a.source());
                        g.writeStringField("agentId", a.agentId());
                        g.writeStringField("firstSeenAt", Instant.ofEpochMilli(a.firstSeenAt()).toString());
                        g.writeStringField("lastSeenAt", Instant.ofEpochMilli(a.lastSeenAt()).toString());
                        g.writeBooleanField("stale", freshness.stale(a, createdAt));
                        g.writeStringField("decommissionedAt", a.decommissionedAt() == null ? null
                                : Instant.ofEpochMilli(a.decommissionedAt()).toString());
                        g.writeStringField("factsReportId", (String) row[1]);
                        g.writeStringField("factsUpdatedAt", row[2] == null ? null
                                : Instant.ofEpochMilli(((Number) row[2]).longValue()).toString());
                        g.writeStringField("evidence", row[4] == null ? null : evidencePath((String) row[4]));
                        writeSources(g, a.id());
                        g.writeBooleanField("confirmed", a.confirmed());
                        g.writeFieldName("facts");
                        if (row[3] == null) {
                            g.writeNull();
                        } else {
                            // stored by the collector as JSON: copied as it is
                            g.writeRawValue((String) row[3]);
                        }
                        g.writeEndObject();
                        lines.endLine();
                    }
                }
                g.flush();
                return lines.lines();
            }
        }

        /**
         * The asset's sources (each fact's {@code src} names one; its {@code r} the report): who, when,
         * and the evidence file of the report, so that every fact's evidence names its real source.
         */
        private void writeSources(JsonGenerator g, String assetId) throws IOException {
            List<String[]> rows = h.createQuery("SELECT s.source_key, s.source, s.label, s.report_id, s.updated_at, s.confirmed_at, "
                            + "r.body_sha256 FROM asset_source_facts s LEFT JOIN reports r ON r.id = s.report_id "
                            + "WHERE s.asset_id = :a ORDER BY s.source_key")
                    .bind("a", assetId)
                    .map((rs, ctx) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)).toString(), rs.getObject(6) == null ? null
                            : Instant.ofEpochMilli(rs.getLong(6)).toString(), rs.getString(7)}).list();
            g.writeArrayFieldStart("sources");
            for (String[] r : rows) {
                reportIds.add(r[3]);
                g.writeStartObject();
                g.writeStringField("key", r[0]);
                g.writeStringField("source", r[1]);
                g.writeStringField("label", r[2]);
                g.writeStringField("reportId", r[3]);
                g.writeStringField("updatedAt", r[4]);
                g.writeStringField("confirmedAt", r[5]);
                g.writeStringField("evidence", r[6] == null ? null : evidencePath(r[6]));
                g.writeEndObject();
            }
            g.writeEndArray();
        }

        private int writeCheckResults() throws IOException {
            try (OutputStream o = w.begin(DATA + "check-results.jsonl"); JsonLines lines = new JsonLines(o)) {
                JsonGenerator g = lines.g();
                try (var it = h.createQuery("SELECT c.*, a.display_name, a.hostname, a.address, r.body_sha256 FROM check_results c "
                                + "LEFT JOIN assets a ON a.id = c.asset_id LEFT JOIN reports r ON r.id = c.report_id "
                                + "ORDER BY c.asset_id, c.check_id")
                        .map((rs, ctx) -> new String[]{rs.getString("asset_id"), name(rs), rs.getString("hostname"),
                                rs.getString("check_id"), rs.getString("status"), rs.getString("reason_ja"), rs.getString("reason_en"),
                                rs.getString("facts"), rs.getString("report_id"), rs.getString("body_sha256"),
                                Instant.ofEpochMilli(rs.getLong("since")).toString(), Instant.ofEpochMilli(rs.getLong("evaluated_at")).toString()})
                        .iterator()) {
                    while (it.hasNext()) {
                        String[] r = it.next();
                        if (r[8] != null) {
                            reportIds.add(r[8]);
                        }
                        g.writeStartObject();
                        g.writeStringField("assetId", r[0]);
                        g.writeStringField("assetName", r[1]);
                        g.writeStringField("hostname", r[2]);
                        g.writeStringField("checkId", r[3]);
                        g.writeStringField("status", r[4]);
                        g.writeStringField("reasonJa", r[5]);
                        g.writeStringField("reasonEn", r[6]);
                        g.writeFieldName("facts");
                        g.writeRawValue(r[7]);
                        g.writeStringField("reportId", r[8]);
                        g.writeStringField("evidence", r[9] == null ? null : evidencePath(r[9]));
                        g.writeStringField("since", r[10]);
                        g.writeStringField("evaluatedAt", r[11]);
                        g.writeEndObject();
                        lines.endLine();
                    }
                }
                g.flush();
                return lines.lines();
            }
        }

        /** The report bodies (gzip JSON exactly as the agents sent them) behind the current facts and results. */
        private int writeReportBodies() throws IOException {
            int n = 0;
            try (var it = h.createQuery("SELECT b.sha256, b.body FROM report_bodies b WHERE b.sha256 IN (SELECT r.body_sha256 FROM reports r "
                            + "WHERE r.id IN (SELECT report_id FROM asset_facts UNION SELECT report_id FROM asset_source_facts "
                            + "UNION SELECT report_id FROM check_results "
                            + "WHERE report_id IS NOT NULL)) ORDER BY b.sha256")
                    .map((rs, ctx) -> new Object[]{rs.getString(1), rs.getBytes(2)}).iterator()) {
                while (it.hasNext()) {
                    Object[] b = it.next();
                    w.putStored(evidencePath((String) b[0]), (byte[]) b[1]);
                    n++;
                }
            }
            return n;
        }

        private record AuditSummary(long entries, Long headSeq, String headHash, AuditChainStatus.Status status) {
        }

        private AuditSummary writeAuditLog() throws IOException {
            long[] count = {0};
            try (OutputStream o = w.begin(DATA + "audit-log.jsonl");
                 Writer out = new OutputStreamWriter(o, StandardCharsets.UTF_8)) {
                audit.forEach(h, e -> {
                    out.write(AuditLogExport.line(e));
                    out.write('\n');
                    count[0]++;
                });
            }
            Optional<AuditLog.Entry> head = audit.head(h);
            // the full check (anchors of earlier snapshots, signed head and checkpoints, the chain) in this same read
            AuditChainStatus.Status status = chain.check(h);
            if (!status.verified()) {
                problem(new Text("監査ログのハッシュ連鎖を検証できません: " + status.messageJa(),
                        "the audit log's hash chain does not verify: " + status.message()));
            }
            return new AuditSummary(count[0], head.map(AuditLog.Entry::seq).orElse(null), head.map(AuditLog.Entry::hash).orElse(null),
                    status);
        }

        /** The report settings in this same read, recorded so the report and later exports of the snapshot stay as built. */
        private void writeReportSettings() throws IOException {
            json(ReportSettingsRecord.MEMBER, ReportSettingsRecord.of(settings));
            if (settings.logo() != null) {
                w.put(ReportSettingsRecord.logoMember(settings), settings.logo().bytes());
            }
        }

        private void writeReport(List<FrameworkReport> reports, Counts counts) throws IOException {
            boolean en = ReportSettings.EN.equals(settings.languageFor(null));
            Map<String, String> facts = new LinkedHashMap<>();
            ReportSettingsRecord.brand(facts, settings.company(), settings.logo(), en);
            facts.put(en ? "Snapshot ID" : "スナップショット ID", req.id());
            facts.put(en ? "Created by" : "作成者", req.createdBy() + ("scheduled".equals(req.trigger()) ? (en ? " (scheduled)" : "（定期作成）") : ""));
            if (req.note() != null) {
                facts.put(en ? "Note" : "メモ", req.note());
            }
            facts.put(en ? "Signing key (Ed25519)" : "署名鍵（Ed25519）", key.fingerprint());
            facts.put(en ? "Previous snapshot (SHA-256 of manifest.txt)" : "前のスナップショット（manifest.txt の SHA-256）",
                    req.previousSha256() != null ? req.previousSha256() : en ? "none (the first snapshot)" : "なし（最初のスナップショット）");
            facts.put(en ? "External time stamp (RFC 3161)" : "外部タイムスタンプ（RFC 3161）", en ? timeStampLineEn() : timeStampLine());
            facts.put(en ? "Contents" : "収録内容", en
                    ? counts.assets() + " assets, " + counts.checkResults() + " check results, " + counts.criteria() + " criterion verdicts, "
                    + counts.answers() + " answers, " + counts.attachments() + " evidence files, " + counts.exceptions() + " exceptions, "
                    + counts.reportBodies() + " original reports, " + counts.auditEntries() + " audit log entries"
                    : "資産 " + counts.assets() + " 台、チェック結果 " + counts.checkResults() + " 件、評価基準の判定 " + counts.criteria()
                    + " 件、回答 " + counts.answers() + " 件、証跡ファイル " + counts.attachments() + " 件、例外 " + counts.exceptions()
                    + " 件、レポート原本 " + counts.reportBodies() + " 件、監査ログ " + counts.auditEntries() + " 件");
            String html = HtmlReport.render(reports, new HtmlReport.Meta(en ? "Compliance evidence snapshot" : "コンプライアンス証跡スナップショット",
                    Instant.ofEpochMilli(createdAt).toString(), facts, en ? problemsEn : problems, true, en), null, zone);
            w.put("report.html", html.getBytes(StandardCharsets.UTF_8));
        }

        private String timeStampLine() {
            return tsa.configured()
                    ? "要求先 " + tsa.url() + "。発行されたトークンは manifest.tsr に入ります（作成後に発行された場合は後から追加されます）。"
                    + "時刻は認証局の証明書で検証してください: akashi-agent verify … --tsa-cert"
                    : "なし / no external time stamp: 時刻認証局が設定されていないため、日付は収集サーバーの時計と署名鍵だけに基づきます";
        }

        private String timeStampLineEn() {
            return tsa.configured()
                    ? "requested from " + tsa.url() + "; the token is in manifest.tsr (added later when it is issued after the snapshot). "
                    + "Verify the time with the authority's certificate: akashi-agent verify … --tsa-cert"
                    : "none: no time-stamp authority is configured, so the date rests only on the collector's clock and signing key";
        }

        private void writeMeta(Counts counts, AuditSummary auditSummary) throws IOException {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", FORMAT);
            m.put("id", req.id());
            m.put("createdAt", Instant.ofEpochMilli(createdAt).toString());
            m.put("createdBy", req.createdBy());
            m.put("trigger", req.trigger());
            m.put("note", req.note());
            m.put("previousManifestSha256", req.previousSha256());
            m.put("collectorKey", key.fingerprint());
            m.put("collectorVersion", Optional.ofNullable(SnapshotBuilder.class.getPackage().getImplementationVersion()).orElse("dev"));
            List<Map<String, Object>> cat = new ArrayList<>();
            for (Framework f : catalog.frameworks()) {
                for (FrameworkVersion v : f.versions()) {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("framework", v.framework());
                    x.put("version", v.version());
                    x.put("file", v.file());
                    x.put("name", v.name().ja());
                    x.put("criteria", v.criteria().size());
                    x.put("latest", f.latest() == v);
                    // which source the version was transcribed from, so a snapshot names what it was assessed against
                    Map<String, Object> src = new LinkedHashMap<>();
                    src.put("seed", v.source().seed());
                    src.put("title", v.source().title());
                    src.put("date", v.source().date());
                    src.put("url", v.source().url());
                    x.put("source", src);
                    cat.add(x);
                }
            }
            m.put("catalog", cat);
            m.put("checkLibraryVersion", checks.get().version());
            m.put("eolTableAsOf", checks.eol().asOf());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("assets", counts.assets());
            c.put("criteria", counts.criteria());
            c.put("checkResults", counts.checkResults());
            c.put("answers", counts.answers());
            c.put("attachments", counts.attachments());
            c.put("exceptions", counts.exceptions());
            c.put("reportBodies", counts.reportBodies());
            m.put("counts", c);
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("entries", auditSummary.entries());
            a.put("headSeq", auditSummary.headSeq());
            a.put("headHash", auditSummary.headHash());
            AuditChainStatus.Status st = auditSummary.status();
            a.put("chainVerified", st.verified());
            a.put("firstBrokenSeq", st.firstBrokenSeq());
            a.put("reason", st.reason());
            a.put("message", st.message());
            a.put("messageJa", st.messageJa());
            a.put("repairedAtSeq", st.repairedAtSeq());
            m.put("auditLog", a);
            Map<String, Object> t = new LinkedHashMap<>();
            // the token itself cannot be inside what it stamps: it joins the archive as manifest.tsr
            t.put("authority", tsa.url());
            t.put("member", tsa.configured() ? "manifest.tsr" : null);
            t.put("note", tsa.configured() ? "RFC 3161 time stamp of manifest.txt requested; manifest.tsr holds it once granted"
                    : "no external time stamp (no time-stamp authority configured)");
            m.put("timeStamp", t);
            m.put("reportSettings", ReportSettingsRecord.of(settings));
            m.put("problems", problems);
            json("snapshot.json", m);
        }

        private void json(String path, Object value) throws IOException {
            try (OutputStream o = w.begin(path)) {
                Json.mapper().writerWithDefaultPrettyPrinter().writeValue(new NonClosing(o), value);
            }
        }
    }

    static String evidencePath(String bodySha256) {
        return "evidence/reports/" + bodySha256 + ".json.gz";
    }

    private static String name(java.sql.ResultSet rs) throws java.sql.SQLException {
        for (String col : new String[]{"display_name", "hostname", "address"}) {
            String v = rs.getString(col);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return rs.getString("asset_id");
    }

    private static String readme() {
        return """
                Akashi（証）コンプライアンス証跡スナップショット / compliance evidence snapshot

                report.html        人が読む報告書（各フレームワークの評価、評価基準ごとの判定・理由・根拠）
                snapshot.json      このスナップショットの概要（時点、作成者、カタログとチェックの版、件数、前のスナップショット）
                data/frameworks/   フレームワークの版ごとの評価基準・判定・回答・根拠（JSON、Excel/PDF 出力の元データ）
                data/criteria.json 評価基準ごとの判定と、その根拠（チェックの集計、回答、例外）
                data/scores.json   スコア（METI ★3/★4、クボタ 必須/任意、安全・安心マーク 必須と得点）
                data/checks.json   チェック定義（式、対象、対応する評価基準）
                data/assets.jsonl  資産ごとの属性と現在の事実（1行1資産）
                data/check-results.jsonl  資産×チェックごとの判定、理由、使った事実（1行1件）
                data/answers.json  回答の全履歴、data/exceptions.json 例外（申請中・有効・期限切れ・却下・取消、承認者と判断日時）
                data/audit-log.jsonl 監査ログ（ハッシュチェーン付き）
                data/report-settings.json 報告書を作成したレポート設定（会社名、ロゴ、フレームワーク、言語）と data/report-logo.*
                evidence/reports/  エージェントが送ったレポートの原本（gzip JSON、生の証跡を含む）
                attachments/       回答の証跡ファイル（評価基準の番号を先頭に付けた名前）
                manifest.txt       全ファイルのサイズと SHA-256、manifest.sig はその Ed25519 署名、
                collector-public-key.pem は署名した鍵（信頼するには公開された鍵と照合してください）
                manifest.tsr       時刻認証局（RFC 3161）による manifest.txt のタイムスタンプ（設定されている場合。
                                   後から追加されることがあります。ない場合は外部タイムスタンプなし）

                検証する（日本語）:
                  収集サーバーが公開している公開鍵（GET /api/v1/snapshots/public-key）で検証します。結果を日本語で表示:
                    java -jar akashi-agent.jar verify <this.zip> --lang ja --public-key <公開鍵.pem>
                  時刻は収集サーバーの表示タイムゾーン（manifest.txt の display-zone）で、UTC の時刻とともに表示されます。
                  別のタイムゾーンで表示するには --zone Asia/Tokyo のように指定します。
                  時刻認証局のタイムスタンプも確かめる: 上のコマンドに --tsa-cert <時刻認証局の証明書> を追加
                  終了コード: 0 検証成功、2 ファイルや鍵が読めない、7 検証失敗（改ざんなど。表示言語によらず同じ）
                  検証ツールを使わずに、各ファイルの SHA-256 を manifest.txt の file 行と照合することもできます:
                    Linux/macOS: sed -n 's/^file \\([0-9a-f]*\\) [0-9]* /\\1  /p' manifest.txt | sha256sum -c
                    Windows（PowerShell）: Get-FileHash -Algorithm SHA256 <ファイル>
                    Windows（コマンド プロンプト）: certutil -hashfile <ファイル> SHA256
                    （表示されたハッシュを manifest.txt の同じファイルの行と比べます。大文字・小文字の違いは無視してください）
                  署名: openssl pkeyutl -verify -pubin -inkey <公開鍵.pem> -rawin -in manifest.txt -sigfile manifest.sig
                  タイムスタンプ: openssl ts -verify -in manifest.tsr -data manifest.txt -CAfile <時刻認証局の証明書>

                To verify (English):
                  with the collector's published public key (GET /api/v1/snapshots/public-key):
                    java -jar akashi-agent.jar verify <this.zip> --public-key <collector-public-key.pem from the collector>
                  add --lang ja for the output in Japanese, --zone <zone> to show times in another zone (default: the
                  collector's display zone, display-zone in manifest.txt; the UTC instant is always shown too), and
                  --tsa-cert <the authority's certificate> to check the RFC 3161 time stamp.
                  exit codes: 0 verified, 2 file or key unreadable, 7 does not verify (the same in either language)
                  or without the verifier, each file's SHA-256 against its file line in manifest.txt:
                    Linux/macOS: sed -n 's/^file \\([0-9a-f]*\\) [0-9]* /\\1  /p' manifest.txt | sha256sum -c
                    Windows (PowerShell): Get-FileHash -Algorithm SHA256 <file>
                    Windows (Command Prompt): certutil -hashfile <file> SHA256
                    (compare the hash shown with the file's line in manifest.txt; ignore upper/lower case)
                  signature: openssl pkeyutl -verify -pubin -inkey <key.pem> -rawin -in manifest.txt -sigfile manifest.sig
                  time stamp: openssl ts -verify -in manifest.tsr -data manifest.txt -CAfile <the authority's certificate>
                """;
    }

    /** Lets Jackson write into a ZIP member without closing it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
