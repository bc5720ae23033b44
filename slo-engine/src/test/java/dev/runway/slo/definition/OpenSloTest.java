package dev.runway.slo.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.FieldViolation;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class OpenSloTest {
    static final YAMLMapper YAML = YAMLMapper.builder().build();

    @ParameterizedTest(name = "{0} survives import and export unchanged")
    @ValueSource(
            strings = {
                "checkout-availability.yaml",
                "search-latency-prometheus.yaml",
                "pricing-latency.yaml",
                "shop-journey-probe.yaml"
            })
    void aSupportedDocumentComesBackAsItWentIn(String file) throws IOException {
        JsonNode original = load(file);
        SloSpec slo = OpenSlo.read(original);
        assertThat(OpenSlo.write(slo)).isEqualTo(original);
    }

    @ParameterizedTest(name = "{1} is refused by name")
    @CsvSource(
            delimiter = '|',
            value = {
                "spec|alertPolicies|[{\"kind\": \"AlertPolicy\"}]",
                "spec|indicatorRef|\"shared-indicator\"",
                "metadata|labels|{\"team\": \"payments\"}",
            })
    void anUnsupportedFieldIsRefusedWithItsPath(String parent, String field, String json) throws IOException {
        ObjectNode doc = (ObjectNode) load("checkout-availability.yaml");
        ((ObjectNode) doc.get(parent)).set(field, YAML.readTree(json));
        assertThat(fieldsRefused(doc)).contains(parent + "." + field);
    }

    @ParameterizedTest(name = "{0} is refused at {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/spec/objectives/0/target|spec.objectives[0].target|1.5",
                "/spec/timeWindow/0/duration|spec.timeWindow[0].duration|\"14d\"",
                "/spec/budgetingMethod|spec.budgetingMethod|\"RatioTimeslices\"",
                "/apiVersion|apiVersion|\"openslo/v2alpha\"",
                "/spec/indicator/spec/ratioMetric/good/metricSource/type|spec.indicator.spec.ratioMetric.good.metricSource.type|\"Datadog\"",
            })
    void anUnsupportedValueIsRefusedWithItsPath(String pointer, String path, String json) throws IOException {
        ObjectNode doc = (ObjectNode) load("checkout-availability.yaml");
        replace(doc, pointer, YAML.readTree(json));
        assertThat(fieldsRefused(doc)).contains(path);
    }

    @org.junit.jupiter.api.Test
    void aSecondObjectiveIsRefusedRatherThanDropped() throws IOException {
        ObjectNode doc = (ObjectNode) load("checkout-availability.yaml");
        ((tools.jackson.databind.node.ArrayNode) doc.at("/spec/objectives"))
                .addObject()
                .put("target", 0.99);
        assertThat(fieldsRefused(doc)).contains("spec.objectives[1]");
    }

    private static java.util.List<String> fieldsRefused(JsonNode doc) {
        try {
            OpenSlo.read(doc);
        } catch (ApiProblem problem) {
            return problem.violations().stream().map(FieldViolation::field).toList();
        }
        throw new AssertionError("the document was accepted");
    }

    private static void replace(ObjectNode doc, String pointer, JsonNode value) {
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = doc.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else {
            ((tools.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(last), value);
        }
    }

    static JsonNode load(String file) throws IOException {
        try (InputStream in = OpenSloTest.class.getResourceAsStream("/openslo/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test document " + file);
            }
            return YAML.readTree(in);
        }
    }
}
