package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The console's small pure helpers: time formatting, pager arithmetic, safe redirects, CSRF compare, form reading. */
class WebUnitsTest {
    static final long NOW = 1_795_000_000_000L;

    @Test
    void timesAreShownInTheDisplayZoneWithARelativeHint() {
        Fmt ja = new Fmt(ZoneId.of("Asia/Tokyo"), Locale.JAPANESE, new WebMessages(), NOW);
        long noonUtc = java.time.Instant.parse("2026-11-20T03:00:00Z").toEpochMilli();
        assertThat(ja.time(noonUtc)).isEqualTo("2026-11-20 12:00");
        assertThat(ja.timeSec(noonUtc + 5_000)).isEqualTo("2026-11-20 12:00:05");
        assertThat(ja.iso(noonUtc)).isEqualTo("2026-11-20T12:00+09:00");
        assertThat(ja.time(null)).isEqualTo("—");
        assertThat(ja.ago(NOW - 30_000)).isEqualTo("たった今");
        assertThat(ja.ago(NOW - 5 * 60_000)).isEqualTo("5分前");
        assertThat(ja.ago(NOW - 3 * 3_600_000)).isEqualTo("3時間前");
        assertThat(ja.ago(NOW - 3 * 86_400_000L)).isEqualTo("3日前");
        assertThat(ja.ago(NOW + 24 * 3_600_000L)).isEqualTo("あと24時間");
        assertThat(ja.ago(NOW + 10_000)).isEqualTo("たった今");
        assertThat(ja.num(10_000)).isEqualTo("10,000");
        Fmt en = new Fmt(ZoneId.of("UTC"), Locale.ENGLISH, new WebMessages(), NOW);
        assertThat(en.time(noonUtc)).isEqualTo("2026-11-20 03:00");
        assertThat(en.ago(NOW - 3 * 3_600_000)).isEqualTo("3 h ago");
        assertThat(en.ago(NOW + 3 * 86_400_000L)).isEqualTo("in 3 d");
    }

    @Test
    void anOsVersionIsNotRepeatedAfterAPrettyNameThatCarriesIt() {
        Fmt f = new Fmt(ZoneId.of("Asia/Tokyo"), Locale.JAPANESE, new WebMessages(), NOW);
        assertThat(f.osVersion("Debian GNU/Linux 12 (bookworm)", "12")).isEmpty();
        assertThat(f.osVersion("Ubuntu 24.04.1 LTS", "24.04")).isEmpty();
        assertThat(f.osVersion("Ubuntu", "24.04")).isEqualTo("24.04");
        assertThat(f.osVersion("Windows 11 Pro", "1")).isEqualTo("1");
        assertThat(f.osVersion("Windows 11 Pro", "10.0.22631")).isEqualTo("10.0.22631");
        assertThat(f.osVersion(null, "14.5")).isEqualTo("14.5");
        assertThat(f.osVersion("macOS", null)).isEmpty();
    }

    @Test
    void theLanguageSwitchComesBackWithoutTheOneTimeConfirmation() {
        assertThat(ConsoleModel.here("/assets/x", null)).isEqualTo("/assets/x");
        assertThat(ConsoleModel.here("/assets/x", "done=saved")).isEqualTo("/assets/x");
        assertThat(ConsoleModel.here("/assets", "q=a&done=saved&page=2")).isEqualTo("/assets?q=a&page=2");
        assertThat(ConsoleModel.here("/assets", "q=undone=1")).isEqualTo("/assets?q=undone=1");
    }

    @Test
    void pagerKeepsFiltersAndCountsRows() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", "情報 部");
        params.put("os", null);
        params.put("stale", "true");
        Pager p = Pager.of(2, 50, 120, "/assets", "page", params);
        assertThat(p.from()).isEqualTo(51);
        assertThat(p.to()).isEqualTo(100);
        assertThat(p.pages()).isEqualTo(3);
        assertThat(p.hasPrev()).isTrue();
        assertThat(p.hasNext()).isTrue();
        assertThat(p.nextUrl()).isEqualTo("/assets?q=%E6%83%85%E5%A0%B1+%E9%83%A8&stale=true&page=3");
        assertThat(p.prevUrl()).isEqualTo("/assets?q=%E6%83%85%E5%A0%B1+%E9%83%A8&stale=true");
        Pager last = Pager.of(3, 50, 120, "/assets", "page", Map.of());
        assertThat(last.to()).isEqualTo(120);
        assertThat(last.hasNext()).isFalse();
        Pager empty = Pager.of(1, 50, 0, "/agents", "page", Map.of());
        assertThat(empty.from()).isZero();
        assertThat(empty.pages()).isEqualTo(1);
        assertThat(Pager.pageNumber(null)).isEqualTo(1);
        assertThat(Pager.pageNumber(-5)).isEqualTo(1);
        assertThat(Pager.pageNumber(Integer.MAX_VALUE)).isEqualTo(Pager.MAX_PAGE);
    }

    @Test
    void redirectTargetsStayOnTheSite() {
        assertThat(WebRoutes.safeNext("/assets?q=a&page=2")).isEqualTo("/assets?q=a&page=2");
        for (String bad : new String[]{null, "", "assets", "//evil", "/\\evil", "https://evil", "/a\r\nb", "/a b",
                "/login", "/login?next=/x", "/logout", "/" + "x".repeat(2001), "/a\\b"}) {
            assertThat(WebRoutes.safeNext(bad)).as(String.valueOf(bad)).isEqualTo("/");
        }
    }

    @Test
    void csrfTokensMustMatchExactly() {
        assertThat(CsrfFilter.matches("abc", List.of("abc"))).isTrue();
        assertThat(CsrfFilter.matches("abc", List.of("xyz", "abc"))).isTrue();
        assertThat(CsrfFilter.matches("abd", List.of("abc"))).isFalse();
        assertThat(CsrfFilter.matches("", List.of(""))).as("an empty token never matches").isFalse();
        assertThat(CsrfFilter.matches("abc", List.of())).isFalse();
    }

    @Test
    void formFieldsAreReadLeniently() {
        assertThat(Uploads.text("  x ")).isEqualTo("x");
        assertThat(Uploads.text(null)).isNull();
        assertThat(Uploads.text("   ")).isNull();
        assertThat(Uploads.list(List.of("server", " ", "pc"))).containsExactly("server", "pc");
        assertThat(Uploads.list(List.of(" x "))).containsExactly("x");
        assertThat(Uploads.list(null)).isEmpty();
    }

    @Test
    void factFamiliesAreTheFirstKeyPart() {
        assertThat(AssetView.family("auth.password.min_length")).isEqualTo("auth");
        assertThat(AssetView.family("single")).isEqualTo("single");
        assertThat(AssetView.display(List.of("a", "b"))).isEqualTo("[ \"a\", \"b\" ]");
        assertThat(AssetView.display(Map.of("k", 1))).contains("\"k\" : 1");
        assertThat(AssetView.display(8L)).isEqualTo("8");
        assertThat(AssetView.display(null)).isNull();
    }

    @Test
    void webjarVersionComesFromTheJar() {
        assertThat(new WebAssets().bootstrapCss()).matches("/webjars/bootstrap/5\\.[0-9.]+/dist/css/bootstrap\\.min\\.css");
    }
}
