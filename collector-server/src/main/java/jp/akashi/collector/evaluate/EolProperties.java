package jp.akashi.collector.evaluate;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * End-of-life tables ({@code akashi.eol.*}); the default is here and only here (docs/CONFIGURATION.md).
 *
 * @param files the end-of-life tables read (classpath resources, a list)
 */
@ConfigurationProperties("akashi.eol")
public record EolProperties(
        @Bindable(defaultValue = "eol/os.yaml,eol/network.yaml") List<String> files) {
    public EolProperties {
        files = files == null ? List.of() : files.stream().filter(f -> f != null && !f.isBlank()).map(String::strip).toList();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("akashi.eol.files: must name at least one table");
        }
    }
}
