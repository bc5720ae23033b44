package dev.runway.slo.definition;

import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenSLO v1 {@code kind: SLO} documents in and out, for the fields the engine supports, without loss.
 *
 * <p>Import is strict: a field the engine would silently drop (alert policies, a second objective, an
 * indicator reference, labels) is refused with its path, because an SLO that quietly means less than its
 * author wrote is worse than a clear "not supported". The gateway's own metrics are named as metric source
 * type {@code RunwayGateway} with {@code route} and {@code events: good | total | faster-than}.
 */
final class OpenSlo {
    static final String API_VERSION = "openslo/v1";
    static final String GATEWAY_SOURCE = "RunwayGateway";
    static final String PROMETHEUS_SOURCE = "Prometheus";
    static final String PROBE_SOURCE = "RunwayProbe";

    private final List<FieldViolation> violations = new ArrayList<>();

    private OpenSlo() {}

    /** Reads a document; refuses it whole with every unsupported or invalid field named. */
    static SloSpec read(JsonNode document) {
        OpenSlo reader = new OpenSlo();
        SloSpec spec = reader.parse(document);
        if (!reader.violations.isEmpty()) {
            throw ApiProblem.invalid(reader.violations);
        }
        return spec;
    }

    private SloSpec parse(JsonNode doc) {
        if (!doc.isObject()) {
            violations.add(new FieldViolation("$", "must be an OpenSLO document (a YAML mapping)"));
            return null;
        }
        only(doc, "", "apiVersion", "kind", "metadata", "spec");
        if (!API_VERSION.equals(text(doc, "apiVersion"))) {
            violations.add(new FieldViolation("apiVersion", "must be " + API_VERSION));
        }
        if (!"SLO".equals(text(doc, "kind"))) {
            violations.add(new FieldViolation("kind", "must be SLO (other kinds are not imported)"));
        }
        JsonNode metadata = object(doc, "metadata", "");
        only(metadata, "metadata.", "name", "displayName");
        JsonNode spec = object(doc, "spec", "");
        only(spec, "spec.", "description", "service", "indicator", "timeWindow", "budgetingMethod", "objectives");

        JsonNode indicatorNode = object(spec, "indicator", "spec.");
        only(indicatorNode, "spec.indicator.", "metadata", "spec");
        JsonNode indicatorMetadata = indicatorNode.path("metadata");
        only(indicatorMetadata, "spec.indicator.metadata.", "name");
        JsonNode indicatorSpec = object(indicatorNode, "spec", "spec.indicator.");
        only(indicatorSpec, "spec.indicator.spec.", "ratioMetric");
        Indicator indicator = ratio(object(indicatorSpec, "ratioMetric", "spec.indicator.spec."));

        JsonNode windows = spec.path("timeWindow");
        JsonNode window = single(windows, "spec.timeWindow");
        only(window, "spec.timeWindow[0].", "duration", "isRolling", "calendar");
        String duration = text(window, "duration");
        boolean rolling = window.path("isRolling").asBoolean(true);
        JsonNode calendar = window.path("calendar");
        only(calendar, "spec.timeWindow[0].calendar.", "startTime", "timeZone");
        if (rolling == "1M".equals(duration)) {
            violations.add(new FieldViolation(
                    "spec.timeWindow[0].isRolling",
                    rolling
                            ? "a rolling window must be 7d, 28d or 30d"
                            : "only calendar months (duration 1M) can be non-rolling"));
        }

        String budgetingMethod = text(spec, "budgetingMethod");
        SloSpec.Budgeting budgeting =
                switch (budgetingMethod == null ? "Occurrences" : budgetingMethod) {
                    case "Occurrences" -> SloSpec.Budgeting.OCCURRENCES;
                    case "Timeslices" -> SloSpec.Budgeting.TIMESLICES;
                    default -> {
                        violations.add(new FieldViolation(
                                "spec.budgetingMethod",
                                "'" + budgetingMethod + "' is not supported: use Occurrences or Timeslices"));
                        yield SloSpec.Budgeting.OCCURRENCES;
                    }
                };
        JsonNode objective = single(spec.path("objectives"), "spec.objectives");
        only(objective, "spec.objectives[0].", "displayName", "target", "timeSliceTarget", "timeSliceWindow");

        SloSpec result = new SloSpec(
                text(metadata, "name"),
                text(metadata, "displayName"),
                text(spec, "service"),
                text(spec, "description"),
                text(indicatorMetadata, "name"),
                indicator,
                number(objective, "target"),
                text(objective, "displayName"),
                duration,
                text(calendar, "startTime"),
                text(calendar, "timeZone"),
                budgeting,
                number(objective, "timeSliceTarget"),
                text(objective, "timeSliceWindow"),
                Set.of(),
                null);
        if (violations.isEmpty()) {
            // Same rules as the JSON API, with OpenSLO's paths.
            result.violations().forEach(v -> violations.add(new FieldViolation(openSloPath(v.field()), v.reason())));
        }
        return result;
    }

    private Indicator ratio(JsonNode ratio) {
        only(ratio, "spec.indicator.spec.ratioMetric.", "counter", "good", "bad", "total");
        String path = "spec.indicator.spec.ratioMetric.";
        if (!ratio.path("counter").asBoolean(false)) {
            violations.add(new FieldViolation(path + "counter", "must be true: the engine reads counters"));
        }
        Source good = source(ratio.path("good"), path + "good");
        Source bad = source(ratio.path("bad"), path + "bad");
        Source total = source(ratio.path("total"), path + "total");
        if ((good == null) == (bad == null)) {
            violations.add(new FieldViolation(path + "good", "give exactly one of good and bad"));
            return null;
        }
        if (total == null) {
            violations.add(new FieldViolation(path + "total", "is required"));
            return null;
        }
        Source numerator = good != null ? good : bad;
        if (!numerator.type().equals(total.type())) {
            violations.add(new FieldViolation(path + "total", "must use the same metric source type as the numerator"));
            return null;
        }
        if (numerator.type().equals(PROMETHEUS_SOURCE)) {
            return new Indicator.PrometheusRatio(
                    good == null ? null : good.query(), bad == null ? null : bad.query(), total.query());
        }
        if (numerator.type().equals(PROBE_SOURCE)) {
            if (bad != null
                    || !"good".equals(numerator.events())
                    || !"total".equals(total.events())
                    || !total.route().equals(numerator.route())) {
                violations.add(new FieldViolation(
                        path + "total", "RunwayProbe ratios are passed runs (good) over runs (total) of one probe"));
                return null;
            }
            return new Indicator.Probe(numerator.route());
        }
        if (!"total".equals(total.events()) || !total.route().equals(numerator.route()) || bad != null) {
            violations.add(new FieldViolation(
                    path + "total", "RunwayGateway ratios are good events over events: total over the same route"));
            return null;
        }
        return switch (numerator.events()) {
            case "good" -> new Indicator.GatewayAvailability(numerator.route());
            case "faster-than" -> new Indicator.GatewayLatency(numerator.route(), numerator.thresholdMs());
            default -> {
                violations.add(
                        new FieldViolation(path + "good.metricSource.spec.events", "must be good or faster-than"));
                yield null;
            }
        };
    }

    private record Source(String type, String query, String route, String events, Double thresholdMs) {}

    private Source source(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        only(node, path + ".", "metricSource");
        JsonNode source = object(node, "metricSource", path + ".");
        only(source, path + ".metricSource.", "type", "spec");
        String type = text(source, "type");
        JsonNode spec = object(source, "spec", path + ".metricSource.");
        String specPath = path + ".metricSource.spec.";
        if (PROMETHEUS_SOURCE.equals(type)) {
            only(spec, specPath, "query");
            return new Source(type, text(spec, "query"), null, null, null);
        }
        if (GATEWAY_SOURCE.equals(type)) {
            only(spec, specPath, "route", "events", "thresholdMs");
            String route = text(spec, "route");
            if (route == null) {
                violations.add(new FieldViolation(specPath + "route", "is required"));
                route = "";
            }
            return new Source(type, null, route, String.valueOf(text(spec, "events")), number(spec, "thresholdMs"));
        }
        if (PROBE_SOURCE.equals(type)) {
            only(spec, specPath, "probe", "events");
            String probe = text(spec, "probe");
            if (probe == null) {
                violations.add(new FieldViolation(specPath + "probe", "is required"));
                probe = "";
            }
            return new Source(type, null, probe, String.valueOf(text(spec, "events")), null);
        }
        violations.add(new FieldViolation(
                path + ".metricSource.type",
                "'" + type + "' is not supported: use " + GATEWAY_SOURCE + ", " + PROBE_SOURCE + " or "
                        + PROMETHEUS_SOURCE));
        return null;
    }

    /** Writes the document back; {@code read(write(spec))} equals {@code spec}. */
    static ObjectNode write(SloSpec slo) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode doc = f.objectNode();
        doc.put("apiVersion", API_VERSION);
        doc.put("kind", "SLO");
        ObjectNode metadata = doc.putObject("metadata");
        metadata.put("name", slo.name());
        putIfSet(metadata, "displayName", slo.displayName());
        ObjectNode spec = doc.putObject("spec");
        putIfSet(spec, "description", slo.description());
        spec.put("service", slo.service());
        ObjectNode indicator = spec.putObject("indicator");
        if (slo.indicatorName() != null) {
            indicator.putObject("metadata").put("name", slo.indicatorName());
        }
        ObjectNode ratio = indicator.putObject("spec").putObject("ratioMetric");
        ratio.put("counter", true);
        switch (slo.indicator()) {
            case Indicator.GatewayAvailability a -> {
                gateway(ratio.putObject("good"), a.route(), "good", null);
                gateway(ratio.putObject("total"), a.route(), "total", null);
            }
            case Indicator.GatewayLatency l -> {
                gateway(ratio.putObject("good"), l.route(), "faster-than", l.thresholdMs());
                gateway(ratio.putObject("total"), l.route(), "total", null);
            }
            case Indicator.Probe p -> {
                probe(ratio.putObject("good"), p.probe(), "good");
                probe(ratio.putObject("total"), p.probe(), "total");
            }
            case Indicator.PrometheusRatio p -> {
                if (p.good() != null) {
                    prometheus(ratio.putObject("good"), p.good());
                } else {
                    prometheus(ratio.putObject("bad"), p.bad());
                }
                prometheus(ratio.putObject("total"), p.total());
            }
        }
        ArrayNode windows = spec.putArray("timeWindow");
        ObjectNode window = windows.addObject();
        window.put("duration", slo.window());
        window.put("isRolling", !"1M".equals(slo.window()));
        if (slo.calendarStart() != null || slo.calendarTimeZone() != null) {
            ObjectNode calendar = window.putObject("calendar");
            putIfSet(calendar, "startTime", slo.calendarStart());
            putIfSet(calendar, "timeZone", slo.calendarTimeZone());
        }
        spec.put("budgetingMethod", slo.budgeting() == SloSpec.Budgeting.TIMESLICES ? "Timeslices" : "Occurrences");
        ObjectNode objective = spec.putArray("objectives").addObject();
        putIfSet(objective, "displayName", slo.objectiveName());
        objective.put("target", slo.target());
        if (slo.timeSliceTarget() != null) {
            objective.put("timeSliceTarget", slo.timeSliceTarget());
        }
        putIfSet(objective, "timeSliceWindow", slo.timeSliceWindow());
        return doc;
    }

    private static void gateway(ObjectNode side, String route, String events, Double thresholdMs) {
        ObjectNode source = side.putObject("metricSource");
        source.put("type", GATEWAY_SOURCE);
        ObjectNode spec = source.putObject("spec");
        spec.put("route", route);
        spec.put("events", events);
        if (thresholdMs != null) {
            spec.put("thresholdMs", thresholdMs);
        }
    }

    private static void probe(ObjectNode side, String probe, String events) {
        ObjectNode spec =
                side.putObject("metricSource").put("type", PROBE_SOURCE).putObject("spec");
        spec.put("probe", probe);
        spec.put("events", events);
    }

    private static void prometheus(ObjectNode side, String query) {
        ObjectNode source = side.putObject("metricSource");
        source.put("type", PROMETHEUS_SOURCE);
        source.putObject("spec").put("query", query);
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private void only(JsonNode node, String path, String... allowed) {
        if (!node.isObject()) {
            return;
        }
        Set<String> known = Set.of(allowed);
        for (String field : node.propertyNames()) {
            if (!known.contains(field)) {
                violations.add(new FieldViolation(
                        path + field, "is not supported by this engine; remove it or keep the SLO elsewhere"));
            }
        }
    }

    private JsonNode object(JsonNode parent, String field, String path) {
        JsonNode node = parent.path(field);
        if (!node.isObject()) {
            if (parent.isObject()) {
                violations.add(
                        new FieldViolation(path + field, node.isMissingNode() ? "is required" : "must be a mapping"));
            }
            return JsonNodeFactory.instance.objectNode();
        }
        return node;
    }

    private JsonNode single(JsonNode list, String path) {
        if (!list.isArray() || list.isEmpty()) {
            violations.add(new FieldViolation(path, "must be a list with one entry"));
            return JsonNodeFactory.instance.objectNode();
        }
        if (list.size() > 1) {
            violations.add(new FieldViolation(path + "[1]", "only one entry is supported"));
        }
        return list.get(0);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asString() : null;
    }

    private Double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            violations.add(new FieldViolation(field, "must be a number"));
            return null;
        }
        return value.asDouble();
    }

    private static String openSloPath(String field) {
        return switch (field) {
            case "name" -> "metadata.name";
            case "service" -> "spec.service";
            case "target" -> "spec.objectives[0].target";
            case "window" -> "spec.timeWindow[0].duration";
            case "calendarTimeZone" -> "spec.timeWindow[0].calendar.timeZone";
            case "timeSliceTarget" -> "spec.objectives[0].timeSliceTarget";
            case "timeSliceWindow" -> "spec.objectives[0].timeSliceWindow";
            case "budgeting" -> "spec.budgetingMethod";
            default ->
                field.startsWith("indicator")
                        ? "spec.indicator.spec.ratioMetric" + field.substring("indicator".length())
                        : field;
        };
    }
}
