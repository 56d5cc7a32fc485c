package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.FactRegistry;

/**
 * Issue 14 §1 "collected but never judged": every fact the probes collect is read by a check or is
 * listed, with the reason, in checks/context-facts.yaml; and nothing listed there is read by a check.
 */
class ContextFactsTest {

    static Map<String, String> contextFacts() throws IOException {
        // read as strictly as the check files: a misspelt key (fact: for facts:) stops with the file and line
        CheckFile file = CheckFile.read("checks/context-facts.yaml");
        file.keys(file.root(), "", "", "schema", "groups");
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode g : file.root().path("groups")) {
            String at = "/groups/" + i++;
            file.keys(g, at, "group", "id", "reason", "facts");
            CheckLibrary.text(file, at + "/reason", g.path("id").asText() + ": reason", g.path("reason"), true);
            for (JsonNode f : g.path("facts")) {
                assertThat(out.put(f.asText(), g.path("id").asText())).as(f.asText() + " listed twice").isNull();
            }
        }
        return out;
    }

    /** Facts a check decides on or shows, and those its detail expressions read (found in the files' text). */
    static Set<String> readByChecks() throws IOException {
        Set<String> read = new HashSet<>();
        EvalFixtures.LIBRARY.checks().forEach(c -> read.addAll(c.facts()));
        StringBuilder details = new StringBuilder();
        List<String> files = new ArrayList<>();
        try (InputStream in = ContextFactsTest.class.getResourceAsStream("/checks/index.yaml")) {
            new ObjectMapper(new YAMLFactory()).readTree(in).path("files").forEach(f -> files.add(f.asText()));
        }
        for (String file : files) {
            try (InputStream in = ContextFactsTest.class.getResourceAsStream("/checks/" + file)) {
                for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
                    if (line.strip().startsWith("detail:")) {
                        details.append(line).append('\n');
                    }
                }
            }
        }
        for (FactRegistry.Entry e : FactRegistry.get().entries()) {
            if (java.util.regex.Pattern.compile("(?<![\\w.])" + java.util.regex.Pattern.quote(e.key()) + "(?![\\w])").matcher(details).find()) {
                read.add(e.key());
            }
        }
        return read;
    }

    @Test
    void everyCollectedFactIsJudgedOrDocumentedAsContext() throws IOException {
        Set<String> read = readByChecks();
        Map<String, String> context = contextFacts();
        List<String> neither = new ArrayList<>();
        List<String> both = new ArrayList<>();
        for (FactRegistry.Entry e : FactRegistry.get().entries()) {
            if (!read.contains(e.key()) && !context.containsKey(e.key())) {
                neither.add(e.key());
            }
            if (read.contains(e.key()) && context.containsKey(e.key())) {
                both.add(e.key() + " (" + context.get(e.key()) + ")");
            }
        }
        assertThat(neither).as("collected facts no check reads and context-facts.yaml does not explain").isEmpty();
        assertThat(both).as("facts listed as context-only although a check reads them").isEmpty();
        assertThat(context.keySet()).as("context-facts.yaml names facts that are not in the registry")
                .allMatch(FactRegistry.get()::contains);
    }

    @Test
    void theFactsOfTheNewAccountChecksAreRead() {
        Set<String> read = new HashSet<>();
        EvalFixtures.LIBRARY.checks().forEach(c -> read.addAll(c.facts()));
        assertThat(read).contains("account.uid0", "account.empty_password", "account.login_accounts");
    }
}
