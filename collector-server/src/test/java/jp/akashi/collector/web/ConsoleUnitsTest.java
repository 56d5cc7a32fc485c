package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.security.Role;
import jp.akashi.collector.snapshot.SnapshotStore;

/**
 * Pure helpers of the snapshot, export and network collection pages: the chain state of list rows,
 * the offline verification command, sizes, the target form's translation and change detection,
 * the private key field, and pages that must not carry a share token.
 */
class ConsoleUnitsTest {

    static SnapshotStore.SnapshotRecord snap(long seq, String manifest, String previous, String key) {
        return new SnapshotStore.SnapshotRecord("id-" + seq, seq, 1_795_000_000_000L + seq, "user:admin", "manual", null, manifest,
                previous, key, "x.zip", 1000, 10, 1, 1, 1, 0, 0, 0, "[]");
    }

    @Test
    void aLongChangeFeedIsCutPerKindForThePageAndSaysHowManyLinesItLeftOut() {
        List<ChangeView.CheckLine> checks = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) {
            checks.add(new ChangeView.CheckLine("regression", "a" + i, "host-" + i, "/assets/a" + i, "av.installed", "AV", "/checks/av.installed",
                    "PASS", "FAIL", i, "理由", List.of()));
        }
        List<ChangeView.AssetLine> assets = new java.util.ArrayList<>();
        for (int i = 0; i < 210; i++) {
            assets.add(new ChangeView.AssetLine("new", "n" + i, "new-" + i, "/assets/n" + i, i));
        }
        ChangeView.Feed all = new ChangeView.Feed(0, 1, checks, List.of(), assets, List.of(), List.of(), 250, 0, 0, false, 0);
        ChangeView.Feed page = all.limited(200);
        assertThat(page.checks()).hasSize(200).first().extracting(ChangeView.CheckLine::assetId).isEqualTo("a0");
        assertThat(page.assets()).hasSize(200);
        assertThat(page.hidden()).isEqualTo(60);
        assertThat(page.regressions()).as("the counts stay whole").isEqualTo(250);
        assertThat(all.limited(300)).isSameAs(all);
    }

    @Test
    void listRowsTellTheRecordedChainLink() {
        var s3 = snap(3, "c".repeat(64), "b".repeat(64), "sha256:k2");
        var s2 = snap(2, "b".repeat(64), "a".repeat(64), "sha256:k1");
        var s1 = snap(1, "a".repeat(64), null, "sha256:k1");
        List<SnapshotPages.Row> rows = SnapshotPages.rows(List.of(s3, s2, s1), 50);
        assertThat(rows).extracting(SnapshotPages.Row::chain).containsExactly("linked", "linked", "first");
        assertThat(rows.get(0).keyChanged()).isTrue();
        assertThat(rows.get(1).keyChanged()).isFalse();
        assertThat(rows.get(0).previousId()).isEqualTo("id-2");

        // the page shows two; the third, older one was fetched only for the second's link
        assertThat(SnapshotPages.rows(List.of(s3, s2, s1), 2)).hasSize(2).extracting(SnapshotPages.Row::chain).containsExactly("linked", "linked");
        assertThat(SnapshotPages.rows(List.of(s3, s2), 2).get(1).chain()).as("older one not fetched").isEqualTo("missing");
        var forged = snap(3, "c".repeat(64), "f".repeat(64), "sha256:k1");
        assertThat(SnapshotPages.rows(List.of(forged, s2), 50).get(0).chain()).isEqualTo("broken");
        assertThat(SnapshotPages.chain(snap(4, "d".repeat(64), null, "k"), null)).as("only the first may have no previous").isEqualTo("broken");
    }

    @Test
    void theVerificationCommandNamesTheDownloadedFiles() {
        assertThat(SnapshotPages.verifyCommand("akashi-snapshot-20261201-0000-5ec510c1.zip", null))
                .isEqualTo("java -jar akashi-agent.jar verify akashi-snapshot-20261201-0000-5ec510c1.zip --public-key akashi-snapshot-public-key.pem");
        assertThat(SnapshotPages.verifyCommand("b.zip", "a.zip")).endsWith("--public-key akashi-snapshot-public-key.pem --previous a.zip");
        assertThat(SnapshotPages.shareState(new SnapshotStore.Share("s", "x", "h", "admin", 0, 100, null, null, null, 0, null), 50))
                .isEqualTo("active");
        assertThat(SnapshotPages.shareState(new SnapshotStore.Share("s", "x", "h", "admin", 0, 100, null, null, null, 0, null), 100))
                .isEqualTo("expired");
        assertThat(SnapshotPages.shareState(new SnapshotStore.Share("s", "x", "h", "admin", 0, 100, null, 60L, "sec", 0, null), 50))
                .isEqualTo("revoked");
    }

    @Test
    void scoresOfASnapshotAreReadInThePagesLanguage() {
        String json = "[{\"framework\":\"kubota\",\"version\":\"2.0\",\"application\":\"default\",\"status\":\"not_met\","
                + "\"summary\":{\"ja\":\"必須 100 / 129\",\"en\":\"required 100 / 129\"}}]";
        assertThat(SnapshotPages.scores(json, "ja").get(0).summary()).isEqualTo("必須 100 / 129");
        assertThat(SnapshotPages.scores(json, "en").get(0)).isEqualTo(new SnapshotPages.ScoreLine("kubota", "2.0", "default", "not_met",
                "required 100 / 129"));
    }

    @Test
    void sizesAreShownInBinaryUnits() {
        Fmt f = new Fmt(ZoneId.of("Asia/Tokyo"), Locale.JAPANESE, new WebMessages(), 0);
        assertThat(f.bytes(834)).isEqualTo("834 B");
        assertThat(f.bytes(12_800)).isEqualTo("12.5 KB");
        assertThat(f.bytes(142L * 1024 * 1024)).isEqualTo("142.0 MB");
    }

    @Test
    void theTargetFormBecomesTheServicesJsonAndOnlyChangesAreSent() {
        TargetForm.Fields f = new TargetForm.Fields(" edge-rtr01 ", "192.0.2.1", "", List.of("tls", "snmp"), null, "443, 8443",
                "abc", null, "1161", null, null, null, "", "c1", "true");
        TargetForm typed = TargetForm.read(f);
        Map<String, Object> json = typed.json();
        assertThat(json.get("name")).isEqualTo("edge-rtr01");
        assertThat(json.get("kind")).as("automatic").isNull();
        assertThat(json.get("probes")).isEqualTo(List.of("snmp", "tls"));
        assertThat(json).doesNotContainKey("intervalMinutes").containsEntry("credentialId", "c1").containsEntry("enabled", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) json.get("options");
        assertThat(options).containsEntry("tlsPorts", List.of(443L, 8443L)).containsEntry("snmpPort", 1161L)
                .as("not a number: passed on for the service to name the field").containsEntry("sshPort", "abc")
                .containsEntry("sudo", false).doesNotContainKey("ports");

        Map<String, Object> current = new java.util.LinkedHashMap<>(Map.of("name", "edge-rtr01", "address", "192.0.2.1",
                "kind", "network-device", "probes", List.of("snmp", "tls"), "intervalMinutes", 60, "enabled", true,
                "options", Map.of("tlsPorts", List.of(443, 8443), "snmpPort", 1161, "sudo", false, "sshPort", 22)));
        current.put("credentialId", "c1");
        Map<String, Object> edited = new java.util.LinkedHashMap<>(current);
        edited.put("intervalMinutes", 60L);
        edited.put("options", Map.of("tlsPorts", List.of(443L, 8443L), "snmpPort", 161L, "sudo", false, "sshPort", 22L));
        assertThat(TargetForm.changes(current, edited)).isEqualTo(Map.of("options", Map.of("snmpPort", 161L)));
        edited.put("kind", null);
        assertThat(TargetForm.changes(current, edited)).containsKey("kind");
        assertThat(TargetForm.changes(current, current)).isEmpty();
    }

    @Test
    void thePrivateKeyComesFromTheTextAreaOrOneFile() {
        byte[] pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n".getBytes(StandardCharsets.UTF_8);
        assertThat(CredentialPages.privateKey("pasted", List.of())).isEqualTo("pasted");
        assertThat(CredentialPages.privateKey(null, List.of())).isNull();
        assertThat(CredentialPages.privateKey(null, List.of(new Uploads.File("id", pem.clone()))))
                .startsWith("-----BEGIN OPENSSH");
        assertThatThrownBy(() -> CredentialPages.privateKey("pasted", List.of(new Uploads.File("id", pem))))
                .hasMessage("credentials.error.keyTwice");
        assertThatThrownBy(() -> CredentialPages.privateKey(null, List.of(new Uploads.File("id",
                new byte[CredentialPages.MAX_KEY_FILE + 1])))).hasMessage("credentials.error.keyFile");
        assertThatThrownBy(() -> CredentialPages.privateKey(null, List.of(new Uploads.File("id",
                new byte[]{(byte) 0xff, (byte) 0xfe, 0})))).as("not text").hasMessage("credentials.error.keyFile");
    }

    @Test
    void aShareTokenIsNotCarriedIntoPagesAndCredentialsHighlightTargets() {
        assertThat(ConsoleModel.here("/share/aks_secret-token", null)).isEqualTo("/");
        List<Navigation.Entry> nav = Navigation.forRole(Role.AUDITOR, "/credentials", List.of());
        assertThat(nav).filteredOn(Navigation.Entry::active).extracting(Navigation.Entry::href).containsExactly("/targets");
        assertThat(Navigation.forRole(Role.AUDITOR, "/targets-other", List.of())).noneMatch(Navigation.Entry::active);
    }
}
