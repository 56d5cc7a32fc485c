package jp.akashi.collector.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every property of the collector's {@code @ConfigurationProperties} records is a row of
 * docs/CONFIGURATION.md with the record's default, and every row there is such a property.
 */
class ConfigurationDocumentedTest {
    static final Pattern ROW = Pattern.compile("^\\| `(akashi\\.[a-z0-9.-]+)` \\| `([^`]*)` \\| .+\\|$");

    @Test
    void theConfigurationTableListsExactlyTheRecordsPropertiesWithTheirDefaults() throws Exception {
        Map<String, String> inCode = new TreeMap<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jp.akashi.collector")) {
            if (!c.isAnnotatedWith(ConfigurationProperties.class)) {
                continue;
            }
            Class<?> type = c.reflect();
            assertThat(type.isRecord()).as("%s: configuration is a record", type.getName()).isTrue();
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            RecordComponent[] parts = type.getRecordComponents();
            Constructor<?> canonical = type.getDeclaredConstructor(Arrays.stream(parts).map(RecordComponent::getType).toArray(Class[]::new));
            Parameter[] params = canonical.getParameters();
            for (int i = 0; i < parts.length; i++) {
                Bindable b = params[i].getAnnotation(Bindable.class);
                assertThat(b).as("%s.%s has its default in @Bindable", type.getSimpleName(), parts[i].getName()).isNotNull();
                inCode.put(prefix + "." + SettingsCheck.kebab(parts[i].getName()), b.defaultValue());
            }
        }
        assertThat(inCode).as("records found").hasSizeGreaterThan(20);

        Path doc = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/CONFIGURATION.md");
        Map<String, String> documented = new TreeMap<>();
        for (String line : Files.readAllLines(doc)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                documented.put(m.group(1), m.group(2));
            }
        }
        StringBuilder expected = new StringBuilder();
        inCode.forEach((k, v) -> expected.append("| `").append(k).append("` | `").append(v).append("` | … |\n"));
        assertThat(documented).as("docs/CONFIGURATION.md's rows; they should be:%n%s", expected).isEqualTo(inCode);
    }
}
