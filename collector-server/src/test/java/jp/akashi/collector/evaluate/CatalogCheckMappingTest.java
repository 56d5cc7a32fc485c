package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.CatalogLoader;

/** A catalog criterion naming a check the library lacks is reported with the file and the line of that entry. */
class CatalogCheckMappingTest {

    private static final Pattern PROBLEM = Pattern.compile("^(catalog/[^:]+):(\\d+): criterion (\\S+): check (\\S+) is not in the check library$");

    @Test
    void theShippedCatalogNamesOnlyChecksOfTheShippedLibrary() {
        assertThat(CatalogCheckMapping.problems(new Catalog(CatalogLoader.DEFAULT_ROOT), CheckLibrary.load("checks", Map.of()))).isEmpty();
    }

    @Test
    void aCheckMissingFromTheLibraryIsReportedAtItsLineInTheCatalogFile() throws IOException {
        // a library of one check: every check the shipped catalog names is "missing"
        List<String> problems = CatalogCheckMapping.problems(new Catalog(CatalogLoader.DEFAULT_ROOT),
                CheckLibrary.load("checks-version/a", Map.of()));
        assertThat(problems).hasSizeGreaterThan(20);
        for (String p : problems) {
            Matcher m = PROBLEM.matcher(p);
            assertThat(m.matches()).as(p).isTrue();
            String[] lines = read(m.group(1)).split("\n", -1);
            int line = Integer.parseInt(m.group(2));
            String text = lines[line - 1];
            // the line named is the check's own entry (block list item or inline list that holds it)
            assertThat(text).as(p).contains(m.group(4));
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = CatalogCheckMappingTest.class.getResourceAsStream("/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
