package jp.akashi.collector.web;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * URLs of the front-end files. Bootstrap and Chart.js come from their WebJars on the classpath (mapped at
 * /webjars/**); its version is read from the jar's Maven metadata, so upgrading the dependency
 * needs no template change. The console's own small CSS and JS are under /static/.
 */
@Singleton
public class WebAssets {
    private final String bootstrapCss;
    private final String bootstrapJs;
    private final String chartJs;

    public WebAssets() {
        String v = webjarVersion("org.webjars.npm", "bootstrap");
        this.bootstrapCss = "/webjars/bootstrap/" + v + "/dist/css/bootstrap.min.css";
        this.bootstrapJs = "/webjars/bootstrap/" + v + "/dist/js/bootstrap.bundle.min.js";
        this.chartJs = "/webjars/chart.js/" + webjarVersion("org.webjars.npm", "chart.js") + "/dist/chart.umd.min.js";
    }

    /** Chart.js (UMD build: it defines {@code window.Chart}), loaded only by pages with trend charts. */
    public String chartJs() {
        return chartJs;
    }

    public String bootstrapCss() {
        return bootstrapCss;
    }

    public String bootstrapJs() {
        return bootstrapJs;
    }

    public String appCss() {
        return "/static/app.css";
    }

    public String appJs() {
        return "/static/app.js";
    }

    static String webjarVersion(String group, String artifact) {
        String path = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("WebJar " + group + ":" + artifact + " is not on the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            if (v == null || !v.matches("[0-9A-Za-z.+-]{1,40}")) {
                throw new IllegalStateException("WebJar " + artifact + " has no usable version in " + path);
            }
            return v;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
