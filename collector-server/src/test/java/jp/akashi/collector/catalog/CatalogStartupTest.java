package jp.akashi.collector.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micronaut.context.ApplicationContext;

/** The catalog is loaded when the application starts, and a bad file stops the start. */
class CatalogStartupTest {

    @Test
    void aBadCatalogFileStopsStartupNamingFileAndProblem() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("akashi.catalog.root", "jp/akashi/collector/catalog/bad")))
                .satisfies(e -> Assertions.assertThat(rootCause(e))
                        .isInstanceOf(CatalogException.class)
                        .hasMessageContaining("jp/akashi/collector/catalog/bad/meti-scs/2025.yaml: criterion 4-4-5-1: "
                                + "parent 2004-4-9 does not exist"));
    }

    @Test
    void theShippedCatalogIsLoadedAtStartup(@TempDir Path dir) {
        // in a directory of the test's own: a file in the shared temp directory stayed behind after every run
        String db = "jdbc:sqlite:" + dir.resolve("akashi-catalog-startup.db");
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("akashi.db.url", db))) {
            assertThat(ctx.getBean(Catalog.class).latest("meti-scs")).isPresent();
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable at = e;
        while (!(at instanceof CatalogException) && at.getCause() != null && at.getCause() != at) {
            at = at.getCause();
        }
        return at;
    }
}
