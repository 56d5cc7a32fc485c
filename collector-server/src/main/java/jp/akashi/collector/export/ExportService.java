package jp.akashi.collector.export;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.inject.Singleton;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.answer.AnswerStore;
import jp.akashi.collector.Refusal;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.catalog.Framework;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.evaluate.CheckDefinition;
import jp.akashi.collector.evaluate.CheckLibraryProvider;
import jp.akashi.collector.evaluate.ComplianceService;
import jp.akashi.collector.evaluate.CriterionVerdict;
import jp.akashi.collector.evaluate.CriterionVerdictStore;
import jp.akashi.collector.evaluate.EvaluationService;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.User;
import jp.akashi.collector.security.UserStore;
import jp.akashi.collector.snapshot.SnapshotService;
import jp.akashi.collector.snapshot.SnapshotStore;
import jp.akashi.collector.snapshot.VerifiedSnapshot;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.ReportSettings;
import jp.akashi.collector.store.ReportSettingsRecord;
import jp.akashi.collector.store.ReportSettingsStore;
import jp.akashi.probes.snapshot.SnapshotArchive;
import jp.akashi.probes.util.Json;

/**
 * Exports per framework (Excel shaped like the source table, PDF report in Japanese) and of every
 * check result (CSV), from the current state or from a snapshot's frozen data — a past
 * snapshot's Excel is rendered from what the snapshot holds, so it is the same every time — or of
 * the state at a past date: the latest snapshot taken by the end of that day, else the verdict
 * history of that day (verdicts and scores only, labelled so; never the current state under a past date).
 * Every export is a download and is audit-logged.
 */
@Singleton
public class ExportService {
    /**
     * What an export is: {@code <framework>.xlsx}, {@code <framework>.pdf} or {@code verdicts.csv};
     * {@code remediation}: with the optional remediation (対処方法) of failing and undecided checks:
     * a column in xlsx and csv, a block under each criterion's status in the PDF (current state only).
     */
    public record Target(String framework, String format, boolean remediation, String viewer) {
        public Target(String framework, String format) {
            this(framework, format, false);
        }

        public Target(String framework, String format, boolean remediation) {
            this(framework, format, remediation, null);
        }

        /** This target for a viewer whose console language is {@code lang}: the report language when the settings say "viewer's". */
        public Target forViewer(String lang) {
            return new Target(framework, format, remediation, lang);
        }

        /** This target with the remediation column ({@code ?remediation=true}); refused where there is no such column. */
        public Target withRemediation(Boolean on, boolean snapshot) {
            if (on == null || !on) {
                return this;
            }
            if (snapshot) {
                throw Refusal.badRequest("a snapshot's export shows exactly what was signed; the remediation column is for exports of the current state");
            }
            return new Target(framework, format, true, viewer);
        }

        public static Target parse(String file) {
            if ("verdicts.csv".equals(file)) {
                return new Target(null, "csv");
            }
            int dot = file == null ? -1 : file.lastIndexOf('.');
            String ext = dot < 0 ? "" : file.substring(dot + 1);
            if (dot <= 0 || !(ext.equals("xlsx") || ext.equals("pdf"))) {
                throw Refusal.notFound("exports are <framework>.xlsx, <framework>.pdf and verdicts.csv");
            }
            return new Target(file.substring(0, dot), ext);
        }

        public String contentType() {
            return switch (format) {
                case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                case "pdf" -> "application/pdf";
                default -> "text/csv; charset=UTF-8";
            };
        }
    }

    /** Where an export of the state at a date came from. */
    public enum Source {
        /** today: the current state, with everything */
        CURRENT,
        /** the latest snapshot taken by the end of the day: its full, signed detail */
        SNAPSHOT,
        /** no snapshot by then: the verdict history of the day, verdicts and scores only */
        HISTORY;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What an export of the state at {@code day} shows: the instant of the state shown (the snapshot's, the end of
     * the day for the history, now for today), where it came from and the snapshot (or null).
     */
    public record AsOf(LocalDate day, long at, Source source, String snapshotId) {
    }

    private final Database db;
    private final Catalog catalog;
    private final ComplianceService compliance;
    private final CriterionVerdictStore verdicts;
    private final AnswerStore answers;
    private final CheckLibraryProvider checks;
    private final EvaluationService evaluation;
    private final SnapshotService snapshots;
    private final PdfRenderer pdf;
    private final AuditLog audit;
    private final Clock clock;
    private final DisplayZone zone;
    private final UserStore users;
    private final ReportSettingsStore settings;

    /** @param settings the report settings (company, logo, language); the company defaults to {@code akashi.export.company-name} */
    public ExportService(Database db, Catalog catalog, CriterionVerdictStore verdicts, AnswerStore answers, CheckLibraryProvider checks,
                         EvaluationService evaluation, SnapshotService snapshots, PdfRenderer pdf, AuditLog audit, Clock clock,
                         DisplayZone zone, UserStore users, ComplianceService compliance, ReportSettingsStore settings) {
        this.compliance = compliance;
        this.zone = zone;
        this.users = users;
        this.settings = settings;
        this.db = db;
        this.catalog = catalog;
        this.verdicts = verdicts;
        this.answers = answers;
        this.checks = checks;
        this.evaluation = evaluation;
        this.snapshots = snapshots;
        this.pdf = pdf;
        this.audit = audit;
        this.clock = clock;
    }

    /** The submitting company the exports name (report settings, else {@code akashi.export.company-name}); null when neither. */
    public String company() {
        return db.read(settings::get).company();
    }

    /**
     * The report settings a stored snapshot was built with, read from its verified copy (the share
     * page names the company the snapshot names, not today's); empty when the snapshot does not verify.
     */
    public Optional<ReportSettings> recordedSettings(String snapshotId) {
        try (VerifiedSnapshot v = snapshots.openVerified(snapshotId)) {
            return v.ok() ? Optional.of(snapshotSettings(v)) : Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A file name for the download: akashi-kubota-20261120.xlsx. */
    public String filename(Target t, String snapshotId, long at) {
        String day = zone.compactDay(at);
        String what = t.framework() == null ? "verdicts" : t.framework();
        return "akashi-" + what + "-" + day + (snapshotId == null ? "" : "-snapshot-" + snapshotId.substring(0, 8)) + "." + t.format();
    }

    /**
     * A file name for an export of the state at a date: akashi-kubota-asof-20261031-snapshot-1a2b3c4d.xlsx (from a
     * snapshot), akashi-kubota-asof-20261031-verdicts-only.xlsx (from the verdict history); today's is the current one.
     */
    public String filename(Target t, AsOf a) {
        String what = t.framework() == null ? "verdicts" : t.framework();
        String day = a.day().toString().replace("-", "");
        return switch (a.source()) {
            case CURRENT -> filename(t, null, a.at());
            case SNAPSHOT -> "akashi-" + what + "-asof-" + day + "-snapshot-" + a.snapshotId().substring(0, 8) + "." + t.format();
            case HISTORY -> "akashi-" + what + "-asof-" + day + "-verdicts-only." + t.format();
        };
    }

    /** How an export from the verdict history says what it is (in the file and in the console). */
    public static String verdictsOnlyLabel(LocalDate day) {
        return day + " 時点、判定のみ（理由は履歴に残りません） / as of " + day + ", verdicts only; reasons are not kept in the history";
    }

    // ---- the state at a date ----

    /**
     * Writes an export of the state at the end of {@code day} (display zone) and audit-logs it: today is the current
     * state; a past day is the latest snapshot taken by the end of it (full detail, signed evidence), else the verdict
     * history of that day (verdicts and scores only, labelled so; the check results CSV exists only in snapshots). A
     * day after today or before the first data is refused before anything is written.
     */
    public AsOf exportAt(Caller caller, Target t, String version, LocalDate day, OutputStream out) throws IOException {
        compliance.requireNotAfterToday(day);
        if (day.equals(zone.today(clock))) {
            // today's state is the current one, as the past-date view shows it
            awaitEvaluation();
            long now = clock.millis();
            write(caller, t, version, now, out);
            recordDownload(caller, t, version, null, asOfDetails(day, Source.CURRENT));
            return new AsOf(day, now, Source.CURRENT, null);
        }
        if (t.remediation()) {
            throw Refusal.badRequest("the remediation column is for exports of the current state, not of " + day,
                    "対処方法の列は現在の状態のエクスポートにのみ付けられます（" + day + " 時点のエクスポートには付けられません）。");
        }
        long end = zone.endOf(day);
        Optional<SnapshotStore.SnapshotRecord> snapshot = snapshots.latestAtOrBefore(end);
        if (snapshot.isPresent()) {
            SnapshotStore.SnapshotRecord s = snapshot.get();
            String basis = day + " 時点（スナップショット " + s.id() + "、" + zone.minute(s.createdAt()) + " 作成） / as of " + day
                    + ": snapshot " + s.id() + " taken " + zone.minute(s.createdAt());
            long at = fromSnapshot(caller, s.id(), t, version, out, end, basis);
            recordDownload(caller, t, version, s.id(), asOfDetails(day, Source.SNAPSHOT));
            return new AsOf(day, at, Source.SNAPSHOT, s.id());
        }
        Map<String, CriterionVerdict> past = compliance.verdictsAt(day);
        if ("csv".equals(t.format())) {
            throw Refusal.conflict("no snapshot was taken on or before " + day + ", and check results of a past date are kept only in "
                            + "snapshots (the history keeps criterion verdicts): export a framework's Excel or PDF of that date instead",
                    day + " 以前に取得したスナップショットがありません。過去のチェック結果はスナップショットにのみ残ります（履歴に残るのは評価基準の判定です）。"
                            + "その日付の各フレームワークの Excel または PDF をエクスポートしてください。");
        }
        List<FrameworkReport> reports = new ArrayList<>();
        for (FrameworkVersion v : versions(t.framework(), version)) {
            reports.add(FrameworkReports.build(catalog, v, past, Map.of(), id -> null, FrameworkReports.BY_HASH, end, null));
        }
        String label = verdictsOnlyLabel(day);
        render(t, reports, out, null, submission(caller, end, label, db.read(settings::get), t), label, List.of(label));
        recordDownload(caller, t, version, null, asOfDetails(day, Source.HISTORY));
        return new AsOf(day, end, Source.HISTORY, null);
    }

    private static Map<String, Object> asOfDetails(LocalDate day, Source source) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("at", day.toString());
        d.put("source", source.wire());
        return d;
    }

    // ---- current state ----

    /** Writes an export of the current state and audit-logs it; returns the instant it shows. */
    public long exportCurrent(Caller caller, Target t, String version, OutputStream out) throws IOException {
        awaitEvaluation();
        long now = clock.millis();
        write(caller, t, version, now, out);
        recordDownload(caller, t, version, null, Map.of());
        return now;
    }

    private void write(Caller caller, Target t, String version, long now, OutputStream out) throws IOException {
        if ("csv".equals(t.format())) {
            currentCsv(out, t.remediation());
        } else {
            render(t, currentReports(t.framework(), version, now), out, null, submission(caller, now, null, db.read(settings::get), t), null, List.of());
        }
    }

    private List<FrameworkVersion> versions(String framework, String version) {
        Framework f = catalog.framework(framework).orElseThrow(() -> Refusal.notFound("no framework " + framework));
        return version == null ? f.versions()
                : List.of(f.version(version).orElseThrow(() -> Refusal.notFound("no version " + version + " of " + framework)));
    }

    /** The reports of a framework's versions (all, oldest first, or the given one) as they stand now. */
    public List<FrameworkReport> currentReports(String framework, String version, long now) {
        List<FrameworkVersion> versions = versions(framework, version);
        return db.read(h -> {
            Map<String, CriterionVerdict> vm = new HashMap<>();
            Map<String, Long> since = new HashMap<>();
            verdicts.all(h).forEach((id, s) -> {
                vm.put(id, CriterionVerdictStore.parse(s.detailJson()));
                since.put(id, s.since());
            });
            Map<String, Answer> used = usedAnswers(h, vm);
            List<FrameworkReport> out = new ArrayList<>();
            for (FrameworkVersion v : versions) {
                out.add(FrameworkReports.build(catalog, v, vm, since, used::get, FrameworkReports.BY_HASH, now, null));
            }
            return out;
        });
    }

    /** The answers verdicts used, with their evidence files (by id: AnswerStore.latest leaves attachments out). */
    private Map<String, Answer> usedAnswers(Handle h, Map<String, CriterionVerdict> vm) {
        Map<String, Answer> out = new HashMap<>();
        vm.values().stream().filter(v -> v.answer() != null).map(v -> v.answer().answerId()).distinct()
                .forEach(id -> answers.byId(h, id).ifPresent(a -> out.put(a.id(), a)));
        return out;
    }

    private void currentCsv(OutputStream out, boolean remediation) throws IOException {
        Map<String, List<String>> criteriaByCheck = new HashMap<>();
        catalog.frameworks().forEach(f -> f.latest().criteria().forEach(c -> c.checks()
                .forEach(k -> criteriaByCheck.computeIfAbsent(k, x -> new ArrayList<>()).add(c.globalId()))));
        Map<String, String> titles = new HashMap<>();
        for (CheckDefinition c : checks.get().checks()) {
            titles.put(c.id(), c.title().ja());
        }
        try (Handle h = db.open(); VerdictsCsv csv = new VerdictsCsv(out, titles, criteriaByCheck, remediation, zone)) {
            try (var it = h.createQuery("SELECT c.asset_id, COALESCE(NULLIF(a.display_name, ''), a.hostname, a.address, c.asset_id) AS name, "
                            + "a.hostname, c.check_id, c.status, c.reason_ja, c.reason_en, c.report_id, c.since, c.evaluated_at, "
                            + "a.kind, a.os_family, a.os_name "
                            + "FROM check_results c LEFT JOIN assets a ON a.id = c.asset_id ORDER BY name, c.asset_id, c.check_id")
                    .map((rs, ctx) -> {
                        VerdictsCsv.ResultLine line = new VerdictsCsv.ResultLine(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                Labels.iso(rs.getLong(9)), Labels.iso(rs.getLong(10)));
                        // what to do about a failing or undecided result, for the asset's platform
                        String fix = remediation && ("FAIL".equals(line.status()) || "UNKNOWN".equals(line.status()))
                                ? RemediationText.of(checks.get().check(line.checkId()).orElse(null),
                                        jp.akashi.collector.evaluate.Remediation.platformsOfAsset(rs.getString(11), rs.getString(12), rs.getString(13)))
                                : "";
                        return Map.entry(line, fix);
                    }).iterator()) {
                while (it.hasNext()) {
                    Map.Entry<VerdictsCsv.ResultLine, String> e = it.next();
                    csv.write(e.getKey(), e.getValue());
                }
            }
        }
    }

    // ---- from a snapshot ----

    /**
     * Writes an export rendered from a snapshot's frozen data, read from a private copy of the
     * stored snapshot that was verified just now, each member hashed again as it is read (so the
     * export shows exactly what was signed); returns the snapshot's instant.
     */
    public long exportFromSnapshot(Caller caller, String snapshotId, Target t, String version, OutputStream out) throws IOException {
        long at = fromSnapshot(caller, snapshotId, t, version, out, null, null);
        recordDownload(caller, t, version, snapshotId, Map.of());
        return at;
    }

    /**
     * A framework's Excel or PDF rendered from a snapshot for a share link (no account), exactly
     * as {@link #exportFromSnapshot} renders it (every version the snapshot holds), audit-logged
     * under {@code actor} with {@code details} (the link, its creator, the address) beside the
     * snapshot; the workbook's header leaves the exporting person's name to fill in.
     */
    public long exportSharedSnapshot(String actor, String snapshotId, Target t, Map<String, Object> details, OutputStream out)
            throws IOException {
        if (t.framework() == null || "csv".equals(t.format()) || t.remediation()) {
            throw Refusal.notFound("a share link offers the snapshot's <framework>.xlsx and <framework>.pdf");
        }
        long at = fromSnapshot(null, snapshotId, t, null, out, null, null);
        recordDownload(actor, t, null, snapshotId, details);
        return at;
    }

    /** The names of the frameworks whose reports a snapshot holds, from its summary; for offering its exports. */
    public static List<String> frameworksOf(String summaryJson) {
        List<String> out = new ArrayList<>();
        try {
            for (JsonNode n : Json.mapper().readTree(summaryJson)) {
                String f = n.path("framework").asText("");
                if (!f.isEmpty() && !out.contains(f)) {
                    out.add(f);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored snapshot summary unreadable", e);
        }
        return out;
    }

    /**
     * Writes an export from a verified snapshot; returns the snapshot's instant.
     *
     * @param dated the instant whose day the workbooks' date shows, or null: the snapshot's
     * @param basis what the export is the state of (an export of a past date), or null
     */
    private long fromSnapshot(Caller caller, String snapshotId, Target t, String version, OutputStream out, Long dated, String basis)
            throws IOException {
        long at;
        try (VerifiedSnapshot v = snapshots.openVerified(snapshotId)) {
            SnapshotService.requireVerified(v);
            at = v.record().createdAt();
            if ("csv".equals(t.format())) {
                snapshotCsv(v, out);
            } else {
                render(t, snapshotReports(v, t.framework(), version), out, snapshotId,
                        submission(caller, dated == null ? at : dated, basis, snapshotSettings(v), t), basis, List.of());
            }
        } catch (SnapshotArchive.ArchiveException e) {
            throw Refusal.conflict("the stored snapshot changed while it was read, nothing is exported from it: " + e.getMessage(),
                    "保存されているスナップショットが読み取り中に変わったため、エクスポートできません: " + e.getMessage());
        }
        return at;
    }

    /**
     * The report settings a snapshot was built with ({@code data/report-settings.json} and its logo), so its
     * exports name the same company and show the same logo whatever the settings are now; a snapshot from
     * before report settings: the configured company, no logo, Japanese (as its exports always were).
     */
    ReportSettings snapshotSettings(VerifiedSnapshot v) throws IOException {
        if (!v.listed().contains(ReportSettingsRecord.MEMBER)) {
            return new ReportSettings(settings.defaultCompany(), ReportSettings.JA, List.of(), null, null, null);
        }
        JsonNode n = Json.mapper().readTree(whole(v, ReportSettingsRecord.MEMBER));
        ReportSettings.Logo logo = null;
        String member = n.path("logo").path("member").asText("");
        if (!member.isEmpty()) {
            byte[] bytes = whole(v, member);
            int[] size = jp.akashi.collector.store.ImageSize.of(bytes);
            logo = new ReportSettings.Logo(bytes, n.path("logo").path("type").asText(), size[0], size[1]);
        }
        List<String> fw = new ArrayList<>();
        n.path("frameworks").forEach(x -> fw.add(x.asText()));
        return new ReportSettings(n.path("company").isTextual() ? n.path("company").asText() : null,
                n.path("language").asText(ReportSettings.JA), fw, logo, null, null);
    }

    /** The framework reports frozen in a verified snapshot (every version of the framework it holds, or one). */
    public List<FrameworkReport> snapshotReports(VerifiedSnapshot v, String framework, String version) throws IOException {
        String dir = "data/frameworks/" + framework + "/";
        List<FrameworkReport> out = new ArrayList<>();
        for (String name : v.listed()) {
            if (!name.startsWith(dir) || !name.endsWith(".json")) {
                continue;
            }
            FrameworkReport r = Json.mapper().readValue(whole(v, name), FrameworkReport.class);
            if (version == null || version.equals(r.version())) {
                out.add(r);
            }
        }
        if (out.isEmpty()) {
            throw Refusal.notFound("the snapshot holds no " + framework + (version == null ? "" : " version " + version));
        }
        // catalog order (supersedes chain) where the framework is still loaded; else by version id
        List<String> order = catalog.framework(framework).map(f -> f.versions().stream().map(FrameworkVersion::version).toList()).orElse(List.of());
        out.sort(Comparator.comparing((FrameworkReport r) -> order.contains(r.version()) ? order.indexOf(r.version()) : Integer.MAX_VALUE)
                .thenComparing(FrameworkReport::version));
        return out;
    }

    private void snapshotCsv(VerifiedSnapshot v, OutputStream out) throws IOException {
        JsonNode checksDoc = Json.mapper().readTree(whole(v, "data/checks.json"));
        Map<String, String> titles = new HashMap<>();
        Map<String, List<String>> criteriaByCheck = new LinkedHashMap<>();
        for (JsonNode c : checksDoc.path("checks")) {
            titles.put(c.path("id").asText(), c.path("title").path("ja").asText());
            List<String> crit = new ArrayList<>();
            c.path("criteria").forEach(x -> crit.add(x.asText()));
            criteriaByCheck.put(c.path("id").asText(), crit);
        }
        try (VerdictsCsv csv = new VerdictsCsv(out, titles, criteriaByCheck, zone);
             BufferedReader lines = new BufferedReader(new InputStreamReader(required(v, "data/check-results.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    csv.write(Json.mapper().readValue(line, VerdictsCsv.ResultLine.class));
                }
            }
        }
    }

    /** A member read to its end, so its hash has been checked before any of it is used (a JSON parser stops early). */
    private static byte[] whole(VerifiedSnapshot v, String name) throws IOException {
        try (InputStream in = required(v, name)) {
            return in.readAllBytes();
        }
    }

    private static InputStream required(VerifiedSnapshot v, String name) throws IOException {
        InputStream in = v.member(name);
        if (in == null) {
            throw Refusal.conflict("the snapshot has no " + name);
        }
        return in;
    }

    // ---- rendering ----

    /** The remediation of a criterion row's checks that fail or are undecided on some asset (every platform of each). */
    private String rowRemediation(FrameworkReport.Row row, boolean en) {
        StringBuilder sb = new StringBuilder();
        for (FrameworkReport.CheckRef c : row.checkCoverage() == null ? List.<FrameworkReport.CheckRef>of() : row.checkCoverage()) {
            if (c.fail() + c.unknown() == 0) {
                continue;
            }
            String text = RemediationText.of(checks.get().check(c.checkId()).orElse(null), null, en);
            if (!text.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : "\n\n").append("■ ").append(c.title()).append(en ? " (" : "（").append(c.checkId())
                        .append(en ? ")\n" : "）\n").append(text);
            }
        }
        return sb.toString();
    }

    /**
     * The workbooks' header block: the configured company, the exporting person's display name (a line
     * to fill in for others: agents, share links, a person without one) and the day of {@code at}
     * (the export, or the snapshot's instant).
     */
    WorkbookWriter.Submission submission(Caller caller, long at, String basis, ReportSettings rs, Target t) {
        String who = null;
        if (caller != null && caller.isUser() && caller.name() != null) {
            who = db.read(h -> users.byUsername(h, caller.name())).map(User::displayName)
                    .filter(n -> !n.isBlank()).orElse(null);
        }
        return new WorkbookWriter.Submission(rs.company(), who, zone.day(at), basis, rs.logo(),
                ReportSettings.EN.equals(rs.languageFor(t.viewer())));
    }

    /**
     * @param basis    what a past date's export is the state of, or null
     * @param problems what the reader must know (a verdicts-only export says so), or empty
     */
    private void render(Target t, List<FrameworkReport> reports, OutputStream out, String snapshotId,
                        WorkbookWriter.Submission submission, String basis, List<String> problems) throws IOException {
        boolean en = submission.en();
        java.util.function.Function<FrameworkReport.Row, String> fix = t.remediation() ? row -> rowRemediation(row, en) : null;
        if ("xlsx".equals(t.format())) {
            WorkbookWriter.write(reports, out, fix, submission, zone);
            return;
        }
        FrameworkReport first = reports.get(0);
        Map<String, String> facts = new LinkedHashMap<>();
        ReportSettingsRecord.brand(facts, submission.company(), submission.logo(), en);
        facts.put(Labels.w(en, "発行者", "Publisher"), first.publisher() == null ? "" : first.publisher());
        if (basis != null) {
            facts.put(SheetLayout.basis(en), basis);
        }
        facts.put(Labels.w(en, "スナップショット", "Snapshot"), snapshotId != null ? snapshotId : basis == null
                ? Labels.w(en, "（現在の状態から作成）", "(made from the current state)")
                : Labels.w(en, "なし（判定の履歴から作成）", "none (made from the verdict history)"));
        String html = HtmlReport.render(reports, new HtmlReport.Meta(first.name() + Labels.w(en, "　評価報告書", " — assessment report"),
                first.asOf(), facts, problems, false, en), PdfRenderer.FAMILY, fix, zone);
        pdf.render(html, out);
    }

    /** Checks the PDF renderer can run (its Japanese font is there) before a response is started. */
    public void requirePdfFont() {
        pdf.font();
    }

    /** Written only once the export exists: a refused or failed export is not a download. */
    private void recordDownload(Caller caller, Target t, String version, String snapshotId, Map<String, Object> more) {
        recordDownload(caller.actor(), t, version, snapshotId, more);
    }

    private void recordDownload(String actor, Target t, String version, String snapshotId, Map<String, Object> more) {
        db.write(h -> audit.append(h, actor, "export.download", t.framework() == null ? "verdicts.csv"
                : t.framework() + "." + t.format(), details(version, snapshotId, more)));
    }

    private static Map<String, Object> details(String version, String snapshotId, Map<String, Object> more) {
        Map<String, Object> d = new LinkedHashMap<>(more);
        if (version != null) {
            d.put("version", version);
        }
        if (snapshotId != null) {
            d.put("snapshot", snapshotId);
        }
        return d;
    }

    private void awaitEvaluation() {
        try {
            evaluation.awaitIdle(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
