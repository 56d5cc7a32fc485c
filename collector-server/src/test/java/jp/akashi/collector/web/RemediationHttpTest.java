package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.probes.model.Fact;

/**
 * Remediation from the check data where people act on a failure: the asset page (the asset's own
 * platform), the check page (every platform), the API's check results, and the optional column of
 * the CSV and Excel exports; through HTTP against a real collector.
 */
class RemediationHttpTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static TestCollector c;
    static String debian;
    static String rhel;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
        debian = Seed.asset(c, id -> Reports.host(id, "fix-deb", "mid-fix-deb", sshFacts("fix-deb", "debian", "Debian GNU/Linux", "12")));
        rhel = Seed.asset(c, id -> Reports.host(id, "fix-rhel", "mid-fix-rhel", sshFacts("fix-rhel", "rhel", "Rocky Linux", "9.4")));
        c.awaitEvaluation();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    /** A Linux host whose sshd lets root in. */
    static List<Fact> sshFacts(String hostname, String family, String name, String version) {
        List<Fact> f = new ArrayList<>();
        f.add(Reports.ok("os.family", "linux"));
        f.add(Reports.ok("os.hostname", hostname));
        f.add(Reports.ok("os.name", name));
        f.add(Reports.ok("os.distribution", family.equals("debian") ? "debian" : "rocky"));
        f.add(Reports.ok("os.distribution_family", family));
        f.add(Reports.ok("os.version", version));
        f.add(Reports.ok("account.ssh.server_installed", true));
        f.add(Reports.ok("account.ssh.permit_root_login", "yes"));
        return f;
    }

    @Test
    void theAssetPageShowsHowToFixAFailureForTheAssetsOwnPlatformInJapaneseFirst() {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        String page = w.get("/assets/" + debian).body();
        assertThat(page).contains("SSH で root ログインが可能です").contains("<summary>対処方法</summary>")
                .contains("sshd_config で PermitRootLogin を no にして再読み込みします")
                .contains("sudo sshd -t &amp;&amp; sudo systemctl reload ssh\n")
                .contains("Debian / Ubuntu");
        assertThat(page).as("only the asset's platform").doesNotContain("RHEL 系（").doesNotContain("01-permitrootlogin.conf");
        String rhelPage = w.get("/assets/" + rhel).body();
        assertThat(rhelPage).contains("RHEL 系（").contains("01-permitrootlogin.conf").doesNotContain("Debian / Ubuntu");

        w.submit("/lang", Map.of("lang", "en", "next", "/assets/" + debian));
        String en = w.get("/assets/" + debian).body();
        assertThat(en).contains("<summary>How to fix</summary>").contains("Set PermitRootLogin no in sshd_config and reload")
                .contains("How to confirm").doesNotContain("対処方法");
    }

    @Test
    void theCheckPageShowsEveryPlatformItAppliesTo() {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        String page = w.get("/checks/ssh.no_root_login").body();
        assertThat(page).contains("<h2 id=\"remediation\" class=\"h5\">対処方法</h2>").contains("重要な理由:")
                .contains("Debian / Ubuntu").contains("RHEL 系（").contains("macOS")
                .as("the check does not apply to Windows").doesNotContain("<h4 class=\"h6\">Windows</h4>");
        assertThat(w.get("/checks/snmp.well_known_community_refused").body()).contains("ネットワーク機器")
                .contains("no snmp-server community public");
    }

    @Test
    void theApiGivesEachResultItsRemediationForTheAssetsPlatformAndTheLibraryAllOfIt() {
        JsonNode results = c.get("/api/v1/assets/" + rhel + "/checks", c.adminToken()).json().get("results");
        JsonNode ssh = null;
        for (JsonNode r : results) {
            if (r.get("check").asText().equals("ssh.no_root_login")) {
                ssh = r;
            }
        }
        assertThat(ssh).isNotNull();
        assertThat(ssh.get("status").asText()).isEqualTo("FAIL");
        JsonNode rem = ssh.get("remediation");
        assertThat(rem.get("why").get("ja").asText()).contains("root");
        assertThat(rem.get("platforms")).hasSize(1);
        assertThat(rem.get("platforms").get(0).get("platform").asText()).isEqualTo("rhel");
        assertThat(rem.get("platforms").get(0).get("verify").asText()).isEqualTo("sudo sshd -T | grep -i permitrootlogin");
        assertThat(rem.get("platforms").get(0).get("commands").get(1).asText()).isEqualTo("sudo sshd -t && sudo systemctl reload sshd");

        JsonNode lib = c.get("/api/v1/checks", c.adminToken()).json();
        for (JsonNode check : lib) {
            assertThat(check.get("remediation").get("platforms").size()).as(check.get("id").asText())
                    .isEqualTo(check.get("platforms").size());
        }
    }

    @Test
    void theCsvHasTheRemediationColumnOnlyWhenAskedForWithTheAssetsPlatform() throws Exception {
        String plain = text(get("/api/v1/exports/verdicts.csv"));
        assertThat(plain.lines().findFirst().orElseThrow()).doesNotContain("対処方法");
        String with = text(get("/api/v1/exports/verdicts.csv?remediation=true"));
        assertThat(with.lines().findFirst().orElseThrow()).endsWith(",対処方法");
        List<List<String>> rows = records(with);
        int col = rows.get(0).size() - 1;
        String deb = rows.stream().filter(r -> r.get(0).equals(debian) && r.get(3).equals("ssh.no_root_login")).findFirst().orElseThrow().get(col);
        assertThat(deb).contains("【Debian / Ubuntu】").contains("sudo systemctl reload ssh").doesNotContain("【RHEL 系】");
        String rh = rows.stream().filter(r -> r.get(0).equals(rhel) && r.get(3).equals("ssh.no_root_login")).findFirst().orElseThrow().get(col);
        assertThat(rh).contains("【RHEL 系】").contains("確認: sudo sshd -T | grep -i permitrootlogin").doesNotContain("【Debian / Ubuntu】");
        assertThat(rows.stream().filter(r -> r.get(6).equals("PASS")).map(r -> r.get(col)))
                .as("nothing to fix where the check passes").allMatch(String::isEmpty);
    }

    @Test
    void theWorkbookHasTheRemediationColumnOnlyWhenAskedFor() throws Exception {
        assertThat(allText(get("/api/v1/exports/meti-scs.xlsx").body())).doesNotContain("対処方法（");
        String with = allText(get("/api/v1/exports/meti-scs.xlsx?remediation=true").body());
        assertThat(with).contains("対処方法（不適合・判定不能のチェック）").contains("ssh.no_root_login").contains("PermitRootLogin no");
    }

    @Test
    void thePdfReportHasTheRemediationUnderEachCriterionOnlyWhenAskedFor() throws Exception {
        String plain = pdfText(get("/api/v1/exports/meti-scs.pdf"));
        assertThat(plain).doesNotContain("対処方法");
        String with = pdfText(get("/api/v1/exports/meti-scs.pdf?remediation=true"));
        // pdftotext's text without white space (Japanese lines wrap anywhere)
        assertThat(with).contains("対処方法").contains("ssh.no_root_login").contains("PermitRootLoginno");
    }

    @Test
    void anEnglishPdfReportHasEnglishLabelsVerdictsAndRemediationWhileCriteriaKeepTheirJapaneseText() throws Exception {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        w.get("/report-settings");
        assertThat(w.submit("/report-settings", Map.of("company", "", "language", "en")).status()).isEqualTo(303);
        try {
            WebClient.Download pdf = w.download("/exports/meti-scs.pdf?remediation=true");
            assertThat(pdf.status()).isEqualTo(200);
            String en = pdfText(pdf.body());
            assertThat(en).contains("assessmentreport").contains("Requirement").contains("Verdict").contains("Statusandreasons")
                    .contains("Howtofix").contains("SetPermitRootLoginnoinsshd_config").contains("notmet")
                    .as("the criteria keep their original text").contains("情報セキュリティ")
                    .doesNotContain("評価報告書").doesNotContain("対処方法").doesNotContain("状況・理由").doesNotContain("不適合");
        } finally {
            w.get("/report-settings");
            assertThat(w.submit("/report-settings", Map.of("company", "", "language", "ja")).status()).isEqualTo(303);
        }
    }

    @Test
    void remediationOnASnapshotsExportIsRefusedClearly() throws Exception {
        // a snapshot's export shows exactly what was signed
        HttpResponse<byte[]> r = get("/api/v1/snapshots/none/exports/meti-scs.pdf?remediation=true");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).contains("exactly what was signed");
        assertThat(get("/api/v1/snapshots/none/exports/verdicts.csv?remediation=true").statusCode()).isEqualTo(400);
    }

    private static boolean onPath(String tool) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, tool)));
    }

    private static String pdfText(HttpResponse<byte[]> pdf) throws Exception {
        assertThat(pdf.statusCode()).as(text(pdf)).isEqualTo(200);
        return pdfText(pdf.body());
    }

    private static String pdfText(byte[] pdf) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("pdftotext"),
                "pdftotext (poppler-utils) is installed by scripts/install-test-deps.sh");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("akashi-remediation", ".pdf");
        try {
            java.nio.file.Files.write(file, pdf);
            Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            return out.replaceAll("\\s+", "");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /** RFC 4180 records (quoted cells may hold commas and line breaks); the byte-order mark dropped. */
    static List<List<String>> records(String csv) {
        List<List<String>> out = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        String s = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\r') {
                row.add(cell.toString());
                cell.setLength(0);
                out.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(ch);
            }
        }
        return out;
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(c.uri(path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + c.adminToken()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static String allText(byte[] xlsx) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet s : wb) {
                for (Row row : s) {
                    for (Cell cell : row) {
                        sb.append(cell.toString()).append('\t');
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }
}
