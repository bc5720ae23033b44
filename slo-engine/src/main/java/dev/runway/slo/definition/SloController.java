package dev.runway.slo.definition;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import dev.runway.slo.access.Editors;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

@RestController
@RequestMapping("/api/v1/slos")
class SloController {
    static final String YAML = "application/yaml";

    private final SloStore slos;
    private final YAMLMapper yaml = YAMLMapper.builder().build();

    SloController(SloStore slos) {
        this.slos = slos;
    }

    @GetMapping
    List<SloSpec> list() {
        return slos.all();
    }

    @GetMapping("/{name}")
    SloSpec get(@PathVariable String name) {
        return slos.find(name).orElseThrow(() -> ApiProblem.notFound("SLO", name));
    }

    @PostMapping
    ResponseEntity<SloSpec> create(@RequestBody SloSpec slo, AuditContext context) {
        Editors.requireSre(context, "define SLOs");
        if (slo.name() != null && slos.find(slo.name()).isPresent()) {
            throw ApiProblem.conflict(
                    "slo-exists", "SLO '" + slo.name() + "' exists: PUT /api/v1/slos/" + slo.name() + " replaces it");
        }
        SloSpec created = slos.put(slo, context);
        return ResponseEntity.created(URI.create("/api/v1/slos/" + created.name()))
                .body(created);
    }

    @PutMapping("/{name}")
    SloSpec replace(@PathVariable String name, @RequestBody SloSpec slo, AuditContext context) {
        Editors.requireSre(context, "change SLOs");
        if (slo.name() != null && !slo.name().equals(name)) {
            throw ApiProblem.invalid("name", "does not match the path ('" + name + "')");
        }
        return slos.put(withName(slo, name), context);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name, AuditContext context) {
        Editors.requireSre(context, "delete SLOs");
        slos.delete(name, context);
        return ResponseEntity.noContent().build();
    }

    /** Imports an OpenSLO v1 SLO document (YAML); creates or replaces the SLO it names. */
    @PostMapping(
            path = "/openslo",
            consumes = {YAML, "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<SloSpec> importOpenSlo(@RequestBody String document, AuditContext context) {
        Editors.requireSre(context, "import SLOs");
        JsonNode tree;
        try {
            tree = yaml.readTree(document);
        } catch (JacksonException malformed) {
            var at = malformed.getLocation();
            throw ApiProblem.invalid(
                    "body",
                    "malformed YAML"
                            + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
        SloSpec imported = slos.put(OpenSlo.read(tree), context);
        return ResponseEntity.created(URI.create("/api/v1/slos/" + imported.name()))
                .body(imported);
    }

    @GetMapping(path = "/{name}/openslo", produces = YAML)
    String exportOpenSlo(@PathVariable String name) {
        return yaml.writeValueAsString(OpenSlo.write(get(name)));
    }

    private static SloSpec withName(SloSpec slo, String name) {
        return new SloSpec(
                name,
                slo.displayName(),
                slo.service(),
                slo.description(),
                slo.indicatorName(),
                slo.indicator(),
                slo.target(),
                slo.objectiveName(),
                slo.window(),
                slo.calendarStart(),
                slo.calendarTimeZone(),
                slo.budgeting(),
                slo.timeSliceTarget(),
                slo.timeSliceWindow(),
                slo.disabledAlerts(),
                slo.minimumEvents());
    }
}
