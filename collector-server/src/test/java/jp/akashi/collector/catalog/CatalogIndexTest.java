package jp.akashi.collector.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * A shaded jar cannot list a classpath directory, so the collector loads what catalog/index.yaml
 * names. This test lists the directory (available in the build) and fails when the two differ.
 */
class CatalogIndexTest {

    @Test
    void indexListsEveryCatalogFileAndNothingElse() throws IOException, URISyntaxException {
        URL url = getClass().getClassLoader().getResource("catalog/index.yaml");
        assertThat(url).isNotNull();
        assertThat(url.getProtocol()).as("resources are a directory during the build").isEqualTo("file");
        Path dir = Path.of(url.toURI()).getParent();
        Set<String> onDisk;
        try (Stream<Path> files = Files.walk(dir)) {
            onDisk = files.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("index.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        RawCatalog.Index index;
        try (InputStream in = url.openStream()) {
            index = new YAMLMapper().readValue(in, RawCatalog.Index.class);
        }
        Set<String> listed = new TreeSet<>(index.frameworks());
        listed.add(index.equivalences());
        assertThat(listed).as("files in catalog/index.yaml").isEqualTo(onDisk);
        assertThat(onDisk).contains("meti-scs/2025.yaml", "equivalences.yaml");
    }
}
