package jp.akashi.collector.export;

import jakarta.inject.Singleton;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.ImageSize;
import jp.akashi.collector.store.ReportSettings;
import jp.akashi.collector.store.ReportSettingsStore;

/**
 * Reading and changing the report settings (レポート設定): every change is checked first (a bad
 * value changes nothing) and audit-logged. A logo must be a PNG or JPEG whose bytes are what its
 * file name says, at most {@link #MAX_LOGO_BYTES} and {@link #MAX_LOGO_SIDE} pixels a side, and
 * must decode; SVG (which can carry scripts) and anything else are refused.
 */
@Singleton
public class ReportSettingsService {
    public static final int MAX_LOGO_BYTES = 512 * 1024;
    public static final int MAX_LOGO_SIDE = 2000;
    static final int MAX_COMPANY = 200;

    private final Database db;
    private final ReportSettingsStore store;
    private final Catalog catalog;
    private final AuditLog audit;
    private final Clock clock;

    public ReportSettingsService(Database db, ReportSettingsStore store, Catalog catalog, AuditLog audit, Clock clock) {
        this.db = db;
        this.store = store;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    public ReportSettings current() {
        return db.read(store::get);
    }

    /** The company saved on the page, or "" when the configured default applies. */
    public String savedCompany() {
        return db.read(store::savedCompany).orElse("");
    }

    public String defaultCompany() {
        return store.defaultCompany();
    }

    /** Saves company, language and default frameworks (each a loaded framework id). */
    public void update(Caller caller, String company, String language, List<String> frameworks) {
        String c = company == null ? "" : company.strip();
        if (c.length() > MAX_COMPANY || c.chars().anyMatch(ch -> ch < 0x20)) {
            throw Refusal.badRequest("the company name is at most " + MAX_COMPANY + " characters on one line",
                    "会社名は改行を含まない " + MAX_COMPANY + " 文字以内で入力してください。");
        }
        if (language == null || !ReportSettings.LANGUAGES.contains(language)) {
            throw Refusal.badRequest("the report language is ja, en or viewer", "レポートの言語は ja、en、viewer のいずれかです。");
        }
        List<String> fw = new ArrayList<>();
        for (String f : frameworks == null ? List.<String>of() : frameworks) {
            if (f == null || f.isBlank()) {
                continue;
            }
            if (catalog.framework(f).isEmpty()) {
                throw Refusal.badRequest("no framework " + f, "フレームワーク " + f + " はありません。");
            }
            if (!fw.contains(f)) {
                fw.add(f);
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("company", c.isEmpty() ? null : c);
        d.put("language", language);
        d.put("frameworks", fw);
        db.write(h -> {
            store.putTexts(h, c, language, fw, caller.name(), clock.millis());
            audit.append(h, caller.actor(), "report-settings.update", "report-settings", d);
            return null;
        });
    }

    /** Checks and saves an uploaded logo; returns it. */
    public ReportSettings.Logo setLogo(Caller caller, String filename, byte[] bytes) {
        ReportSettings.Logo logo = checkLogo(filename, bytes);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", logo.type());
        d.put("bytes", bytes.length);
        d.put("width", logo.width());
        d.put("height", logo.height());
        d.put("sha256", jp.akashi.probes.util.Hashes.sha256Hex(bytes));
        db.write(h -> {
            store.putLogo(h, bytes, logo.type(), caller.name(), clock.millis());
            audit.append(h, caller.actor(), "report-settings.logo", "report-settings", d);
            return null;
        });
        return logo;
    }

    public void removeLogo(Caller caller) {
        db.write(h -> {
            store.putLogo(h, null, null, caller.name(), clock.millis());
            audit.append(h, caller.actor(), "report-settings.logo-removed", "report-settings", Map.of());
            return null;
        });
    }

    /** The logo an upload holds, or a refusal saying why it is not one. */
    static ReportSettings.Logo checkLogo(String filename, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw Refusal.badRequest("choose a PNG or JPEG file for the logo", "ロゴの PNG または JPEG ファイルを選んでください。");
        }
        if (bytes.length > MAX_LOGO_BYTES) {
            throw Refusal.badRequest("the logo is " + bytes.length + " bytes; at most " + MAX_LOGO_BYTES + " (512 KB)",
                    "ロゴのファイルが大きすぎます（" + bytes.length + " バイト、上限 512 KB）。");
        }
        String declared = declaredType(filename);
        if (declared == null) {
            throw Refusal.badRequest("the logo must be a .png, .jpg or .jpeg file (SVG and other formats are not accepted)",
                    "ロゴは .png、.jpg、.jpeg のファイルにしてください（SVG などほかの形式は使えません）。");
        }
        String actual = ImageSize.type(bytes);
        if (!declared.equals(actual)) {
            throw Refusal.badRequest("the file is named as " + declared.toUpperCase(Locale.ROOT) + " but its contents are "
                            + (actual == null ? "not a PNG or JPEG image" : "a " + actual.toUpperCase(Locale.ROOT) + " image"),
                    "ファイル名は " + declared.toUpperCase(Locale.ROOT) + " ですが、内容が"
                            + (actual == null ? " PNG / JPEG の画像ではありません。" : " " + actual.toUpperCase(Locale.ROOT) + " の画像です。"));
        }
        int[] size = ImageSize.of(bytes);
        if (size[0] <= 0 || size[1] <= 0 || size[0] > MAX_LOGO_SIDE || size[1] > MAX_LOGO_SIDE) {
            throw Refusal.badRequest("the logo is " + size[0] + "×" + size[1] + " pixels; each side must be 1 to " + MAX_LOGO_SIDE,
                    "ロゴの大きさが " + size[0] + "×" + size[1] + " ピクセルです（縦横それぞれ 1〜" + MAX_LOGO_SIDE + " ピクセル）。");
        }
        // the header is bounded, so decoding the whole image is too: a truncated or forged body is refused here
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            img = null;
        }
        if (img == null || img.getWidth() != size[0] || img.getHeight() != size[1]) {
            throw Refusal.badRequest("the logo file is damaged: it does not decode as a " + declared.toUpperCase(Locale.ROOT) + " image",
                    "ロゴのファイルが壊れています（" + declared.toUpperCase(Locale.ROOT) + " の画像として読めません）。");
        }
        return new ReportSettings.Logo(bytes, declared, size[0], size[1]);
    }

    private static String declaredType(String filename) {
        String n = filename == null ? "" : filename.toLowerCase(Locale.ROOT).strip();
        if (n.endsWith(".png")) {
            return "png";
        }
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "jpeg";
        }
        return null;
    }
}
