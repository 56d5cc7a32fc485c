package jp.akashi.collector.catalog.data;

import static jp.akashi.collector.catalog.data.CatalogFiles.list;
import static jp.akashi.collector.catalog.data.CatalogFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Period;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of docs/CATALOG.md that every file written here must keep. */
class CatalogFileStructureTest {

    private static final Set<String> EVIDENCE = Set.of("auto", "hybrid", "manual");

    @ParameterizedTest
    @ValueSource(strings = {"kubota/2.0.yaml", "jaipa-isp/checksheet.yaml", "jaipa-isp/2026-02-16.yaml"})
    void topLevelFieldsArePresent(String file) {
        JsonNode c = CatalogFiles.load(file);
        assertThat(c.path("schema").asInt()).isEqualTo(1);
        assertThat(c.path("framework").asText()).isEqualTo(file.substring(0, file.indexOf('/')));
        assertThat(c.path("version").isTextual()).as("version is a string").isTrue();
        assertThat(text(c.path("name"), "ja")).isNotBlank();
        assertThat(text(c.path("publisher"), "ja")).isNotBlank();
        assertThat(text(c.path("source"), "title")).isNotBlank();
        assertThat(text(c.path("source"), "notes")).isNotBlank();
        assertThat(text(c.path("scoring"), "kind")).isIn("required-optional", "points");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubota/2.0.yaml", "jaipa-isp/checksheet.yaml", "jaipa-isp/2026-02-16.yaml"})
    void namedSeedExists(String file) {
        String seed = text(CatalogFiles.load(file).path("source"), "seed");
        assertThat(CatalogFiles.seed(seed)).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubota/2.0.yaml", "jaipa-isp/checksheet.yaml", "jaipa-isp/2026-02-16.yaml"})
    void idsAreUniqueAndParentsComeFirst(String file) {
        JsonNode c = CatalogFiles.load(file);
        Set<String> ids = new HashSet<>();
        Set<String> groupIds = new HashSet<>();
        for (JsonNode g : list(c.path("groups"))) {
            String id = text(g, "id");
            assertThat(ids.add(id)).as("duplicate id %s", id).isTrue();
            String parent = text(g, "parent");
            assertThat(parent == null || groupIds.contains(parent))
                    .as("group %s: parent %s must be an earlier group", id, parent).isTrue();
            assertThat(text(g, "kind")).as("group %s kind", id).isNotBlank();
            assertThat(text(g, "title")).as("group %s title", id).isNotBlank();
            assertThat(g.path("fields").isObject()).as("group %s fields", id).isTrue();
            groupIds.add(id);
        }
        for (JsonNode cr : list(c.path("criteria"))) {
            String id = text(cr, "id");
            assertThat(ids.add(id)).as("duplicate id %s", id).isTrue();
            assertThat(groupIds).as("parent of %s", id).contains(text(cr, "parent"));
            assertThat(text(cr, "number")).as("number of %s", id).isEqualTo(id);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubota/2.0.yaml", "jaipa-isp/checksheet.yaml", "jaipa-isp/2026-02-16.yaml"})
    void everyCriterionHasTextEvidenceAndReview(String file) {
        for (JsonNode cr : list(CatalogFiles.load(file).path("criteria"))) {
            String id = text(cr, "id");
            if (cr.path("text_missing").asBoolean()) {
                assertThat(text(cr, "note")).as("%s: missing text needs a note", id).isNotBlank();
            } else if (cr.has("blank_in_source") && cr.path("text").isNull()) {
                assertThat(text(cr, "note")).as("%s: a blank source cell needs a note", id).isNotBlank();
            } else {
                assertThat(cr.path("text_missing").isBoolean()).as("%s text_missing", id).isTrue();
                assertThat(text(cr, "text")).as("%s text", id).isNotBlank();
            }
            assertThat(EVIDENCE).as("%s evidence", id).contains(text(cr, "evidence"));
            assertThat(cr.path("checks").isArray()).as("%s checks", id).isTrue();
            assertThat(cr.path("documents").isArray()).as("%s documents", id).isTrue();
            list(cr.path("documents")).forEach(d -> assertThat(d.asText()).as("%s document", id).isNotBlank());
            assertThat(cr.path("fields").isObject()).as("%s fields", id).isTrue();
            String review = text(cr, "review");
            if (review != null) {
                Period p = Period.parse(review);
                assertThat(p.isNegative() || p.isZero()).as("%s review %s", id, review).isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jaipa-isp/checksheet.yaml", "jaipa-isp/2026-02-16.yaml"})
    void ispWeightIsRequiredXorPoints(String file) {
        JsonNode c = CatalogFiles.load(file);
        for (JsonNode cr : list(c.path("criteria"))) {
            String id = text(cr, "id");
            boolean required = cr.path("required").asBoolean(false);
            boolean scored = cr.has("points");
            if (cr.path("weight_unknown").asBoolean(false)) {
                // listed by the association, weight not public: neither may be guessed
                assertThat(required || scored).as("%s: weight_unknown without required / points", id).isFalse();
                continue;
            }
            assertThat(required ^ scored).as("%s: exactly one of required / points", id).isTrue();
            if (scored) {
                assertThat(cr.path("points").asInt()).as("%s points", id).isIn(3, 5);
                assertThat(text(cr, "scoring")).as("%s scoring", id).isIn("check", "graded");
            }
            if (cr.has("options")) {
                assertThat(text(cr, "scoring")).as("%s: options only on graded items", id).isEqualTo("graded");
            }
        }
        Set<String> ids = CatalogFiles.byId(c.path("criteria")).keySet();
        list(c.path("scoring").path("zero_fails")).forEach(z -> assertThat(ids).contains(z.asText()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubota/2.0.yaml"})
    void kubotaWeightIsRequiredFlag(String file) {
        for (JsonNode cr : list(CatalogFiles.load(file).path("criteria"))) {
            assertThat(cr.path("required").isBoolean()).as("%s required", text(cr, "id")).isTrue();
            assertThat(cr.has("points")).isFalse();
        }
    }
}
