package dev.runway.api.console;

import dev.runway.api.audit.AuditChain;
import dev.runway.api.audit.AuditReader;
import dev.runway.api.frontdoor.Gatekeeper;
import dev.runway.api.frontdoor.Peer;
import dev.runway.api.frontdoor.Peers;
import dev.runway.api.identity.Caller;
import dev.runway.api.insight.MaturityObserver;
import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web console: server-rendered pages whose live parts are fragments that htmx polls. Every action goes
 * through the same authorization as the public API and then calls the owning service with the user's identity.
 */
@Controller
class ConsoleController {
    private final ConsoleAccess access;
    private final Peers peers;
    private final MaturityObserver maturity;
    private final AuditReader audit;
    private final AuditChain chain;
    private final JsonMapper json;
    private final OidcLogin oidc;

    ConsoleController(
            ConsoleAccess access,
            Peers peers,
            MaturityObserver maturity,
            AuditReader audit,
            AuditChain chain,
            JsonMapper json,
            OidcLogin oidc) {
        this.access = access;
        this.peers = peers;
        this.maturity = maturity;
        this.audit = audit;
        this.chain = chain;
        this.json = json;
        this.oidc = oidc;
    }

    @ModelAttribute
    void everyPage(Model model) {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        if (authentication != null
                && authentication.isAuthenticated()
                && !"anonymousUser".equals(authentication.getName())) {
            Caller caller = access.caller();
            model.addAttribute("me", caller.name());
            model.addAttribute("myRole", caller.highest().key());
            model.addAttribute("mayHalt", access.may("POST", "/api/v1/halt"));
        }
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("providers", oidc.providers());
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/console";
    }

    // ---- services

    record ServiceRow(
            String name,
            String team,
            String posture,
            String budget,
            int rung,
            String rungName,
            List<String> nextRungNeeds,
            String activeRollout,
            String activeState) {}

    @GetMapping("/console")
    String services(Model model) {
        model.addAttribute("services", serviceRows());
        return "services";
    }

    @GetMapping("/console/services/table")
    String servicesTable(Model model) {
        model.addAttribute("services", serviceRows());
        return "services :: table";
    }

    private List<ServiceRow> serviceRows() {
        AuditContext context = access.context("console");
        List<ServiceRow> rows = new ArrayList<>();
        for (JsonNode service : quietly(() -> peers.get(Peer.ROLLOUT_CONTROLLER, "/api/v1/services", context))
                .orElse(json.createArrayNode())) {
            String name = service.path("name").asString();
            JsonNode posture = quietly(
                            () -> peers.get(Peer.SLO_ENGINE, "/api/v1/services/" + name + "/posture", context))
                    .orElse(json.createObjectNode());
            var rung = maturity.observe(service, context).rung();
            JsonNode active = quietly(() ->
                            peers.get(Peer.ROLLOUT_CONTROLLER, "/api/v1/rollouts?limit=20&service=" + name, context))
                    .orElse(json.createArrayNode())
                    .valueStream()
                    .filter(r -> !List.of("PROMOTED", "ROLLED_BACK", "FAILED")
                            .contains(r.path("state").asString()))
                    .findFirst()
                    .orElse(null);
            rows.add(new ServiceRow(
                    name,
                    service.path("team").asString(""),
                    posture.path("posture").asString("unknown"),
                    posture.path("budgetRemaining").isNumber()
                            ? String.format(
                                    "%.1f %%",
                                    100 * posture.path("budgetRemaining").asDouble())
                            : "no data",
                    rung.level(),
                    rung.name(),
                    rung.missingForNext(),
                    active == null ? null : active.path("id").asString(),
                    active == null ? null : active.path("state").asString()));
        }
        return rows;
    }

    // ---- rollouts

    @GetMapping("/console/rollouts/{id}")
    String rollout(@PathVariable String id, Model model) {
        live(id, model);
        return "rollout";
    }

    @GetMapping("/console/rollouts/{id}/live")
    String rolloutLive(@PathVariable String id, Model model) {
        live(id, model);
        return "rollout :: live";
    }

    /** Four significant digits: 38.53 ms, 0.004975; the judge's full figures stay in the API's report. */
    static double readable(double value) {
        if (!Double.isFinite(value) || value == 0) {
            return value;
        }
        return new java.math.BigDecimal(value)
                .round(new java.math.MathContext(4))
                .doubleValue();
    }

    private void live(String id, Model model) {
        requireId(id);
        AuditContext context = access.context("console");
        JsonNode rollout = peers.find(Peer.ROLLOUT_CONTROLLER, "/api/v1/rollouts/" + id, context)
                .orElseThrow(() -> ApiProblem.notFound("rollout", id));
        String service = rollout.path("service").asString();
        String routeId = peers.find(Peer.ROLLOUT_CONTROLLER, "/api/v1/services/" + service, context)
                .map(s -> s.path("routeId").asString(null))
                .orElse(null);
        JsonNode route = routeId == null
                ? json.createObjectNode()
                : quietly(() -> peers.get(Peer.TRAFFIC_GATEWAY, "/api/v1/routes/" + routeId, context))
                        .orElse(json.createObjectNode());
        JsonNode report = rollout.path("lastReport");
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (JsonNode m : report.path("metrics")) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("metric", m.path("metric").asString());
            row.put("outcome", m.path("outcome").asString());
            row.put(
                    "canary",
                    m.path("canaryEstimate").isNumber()
                            ? readable(m.path("canaryEstimate").asDouble())
                            : null);
            row.put(
                    "baseline",
                    m.path("baselineEstimate").isNumber()
                            ? readable(m.path("baselineEstimate").asDouble())
                            : null);
            row.put("unit", m.path("estimateUnit").asString(""));
            row.put("canarySamples", m.path("canarySamples").asLong());
            row.put("baselineSamples", m.path("baselineSamples").asLong());
            row.put("reason", m.path("reason").asString(""));
            metrics.add(row);
        }
        List<JsonNode> steps = new ArrayList<>();
        rollout.path("strategy").path("steps").forEach(steps::add);
        List<JsonNode> transitions = new ArrayList<>();
        rollout.path("transitions").forEach(transitions::add);
        model.addAttribute("rollout", rollout);
        model.addAttribute("id", id);
        model.addAttribute("steps", steps);
        model.addAttribute("transitions", transitions.reversed());
        model.addAttribute("metrics", metrics);
        model.addAttribute("metricsJson", json.writeValueAsString(metrics));
        model.addAttribute(
                "canaryWeight",
                route.path("canaryWeight").isNumber()
                        ? percent(route.path("canaryWeight").asInt())
                        : null);
        // the judge's report: its outcome, and the summary that says why
        model.addAttribute("verdict", report.path("outcome").asString(""));
        model.addAttribute("verdictSummary", report.path("summary").asString(""));
        String base = "/api/v1/rollouts/" + id + "/";
        String state = rollout.path("state").asString();
        boolean live = List.of("PENDING", "PROGRESSING", "PAUSED").contains(state);
        // "Roll back" is one button whatever the state: an abort while the canary runs, a revert once promoted
        model.addAttribute("mayRollback", (live || "PROMOTED".equals(state)) && access.may("POST", base + "rollback"));
        model.addAttribute("mayPromote", live && access.may("POST", base + "promote"));
        model.addAttribute("mayPause", "PROGRESSING".equals(state) && access.may("POST", base + "pause"));
        model.addAttribute("mayResume", "PAUSED".equals(state) && access.may("POST", base + "resume"));
    }

    @PostMapping("/console/rollouts/{id}/{action}")
    String act(
            @PathVariable String id,
            @PathVariable String action,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        requireId(id);
        if (!List.of("rollback", "promote", "pause", "resume").contains(action)) {
            throw ApiProblem.notFound("action", action);
        }
        String why = reason.isBlank() ? action + " from the console" : reason.strip();
        AuditContext context = access.context(why);
        access.require("POST", "/api/v1/rollouts/" + id + "/" + action, null, context);
        if (action.equals("rollback")) {
            // the controller aborts a rollout in flight and reverts a promoted one: two verbs, one intent
            String state = peers.get(Peer.ROLLOUT_CONTROLLER, "/api/v1/rollouts/" + id, context)
                    .path("state")
                    .asString();
            action = "PROMOTED".equals(state) ? "rollback" : "abort";
        }
        String path = "/api/v1/rollouts/" + id + "/" + action;
        report(redirect, peers.send(Peer.ROLLOUT_CONTROLLER, "POST", path, Map.of("reason", why), context), action);
        return "redirect:/console/rollouts/" + id;
    }

    // ---- flags

    /** One environment of a flag as the console shows it: its switch and who gets which variant. */
    record FlagEnvironment(String name, String state, String split, Integer percent) {}

    /**
     * @param service the owning service, {@code null} for a flag no team owns
     * @param mayChange whether this user may change this flag: the team owning its service, or sre
     */
    record FlagRow(
            String key,
            String service,
            String version,
            String defaultVariant,
            String offVariant,
            List<FlagEnvironment> environments,
            boolean mayChange) {}

    @GetMapping("/console/flags")
    String flags(Model model) {
        AuditContext context = access.context("console");
        List<FlagRow> flags = new ArrayList<>();
        quietly(() -> peers.get(Peer.FLAG_SERVICE, "/api/v1/flags", context))
                .ifPresent(list -> list.forEach(stored -> flags.add(flagRow(stored))));
        model.addAttribute("flags", flags);
        model.addAttribute("mayChangeAnyFlag", flags.stream().anyMatch(FlagRow::mayChange));
        return "flags";
    }

    /** Each flag's controls are decided by its own kill route, so a deployer sees them on their team's flags. */
    private FlagRow flagRow(JsonNode stored) {
        JsonNode flag = stored.has("flag") ? stored.path("flag") : stored;
        String on = flag.path("defaultVariant").asString("");
        List<FlagEnvironment> environments = new ArrayList<>();
        for (var environment : flag.path("environments").properties()) {
            JsonNode config = environment.getValue();
            List<String> split = new ArrayList<>();
            Integer percent = null;
            for (JsonNode weight : config.path("rollout").path("weights")) {
                int basisPoints = weight.path("basisPoints").asInt();
                split.add(weight.path("variant").asString() + " " + percent(basisPoints) + " %");
                if (weight.path("variant").asString().equals(on)) {
                    percent = basisPoints / 100;
                }
            }
            environments.add(new FlagEnvironment(
                    environment.getKey(),
                    config.path("state").asString("OFF"),
                    split.isEmpty() ? "default variant" : String.join(" / ", split),
                    percent));
        }
        String key = flag.path("key").asString();
        return new FlagRow(
                key,
                flag.path("service").isString() ? flag.path("service").asString() : null,
                stored.path("version").asString(""),
                on,
                flag.path("offVariant").asString(""),
                environments,
                access.may("POST", "/api/v1/flags/" + key + "/kill"));
    }

    @PostMapping("/console/flags/{key}/environments/{environment}/state")
    String flagState(
            @PathVariable String key,
            @PathVariable String environment,
            @RequestParam String state,
            RedirectAttributes redirect) {
        requireId(key);
        requireId(environment);
        if (!List.of("ON", "OFF").contains(state)) {
            throw ApiProblem.invalid("state", "must be ON or OFF (the kill switch is its own control)");
        }
        AuditContext context = access.context("switched " + state + " from the console");
        String path = "/api/v1/flags/" + key + "/environments/" + environment + "/state";
        access.require("PUT", path, null, context);
        report(
                redirect,
                peers.send(Peer.FLAG_SERVICE, "PUT", path, Map.of("state", state), context),
                key + " " + state);
        return "redirect:/console/flags";
    }

    /** The share of users on the flag's default variant, the rest on its off variant. */
    @PostMapping("/console/flags/{key}/environments/{environment}/percent")
    String flagPercent(
            @PathVariable String key,
            @PathVariable String environment,
            @RequestParam String percent,
            @RequestParam String on,
            @RequestParam String off,
            RedirectAttributes redirect) {
        requireId(key);
        requireId(environment);
        int share = (int) Math.round(number("percent", percent) * 100);
        if (share < 0 || share > 10_000) {
            throw ApiProblem.invalid("percent", "must be between 0 and 100");
        }
        AuditContext context = access.context("rollout set to " + percent + " % from the console");
        String path = "/api/v1/flags/" + key + "/environments/" + environment + "/rollout";
        access.require("PUT", path, null, context);
        var weights = List.of(
                Map.of("variant", on, "basisPoints", share), Map.of("variant", off, "basisPoints", 10_000 - share));
        report(
                redirect,
                peers.send(Peer.FLAG_SERVICE, "PUT", path, Map.of("weights", weights), context),
                key + " at " + percent + " %");
        return "redirect:/console/flags";
    }

    @PostMapping("/console/flags/{key}/kill")
    String kill(@PathVariable String key, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        requireId(key);
        AuditContext context = access.context(reason.isBlank() ? "kill switch from the console" : reason);
        String path = "/api/v1/flags/" + key + "/kill";
        access.require("POST", path, null, context);
        report(redirect, peers.send(Peer.FLAG_SERVICE, "POST", path, null, context), "kill " + key);
        return "redirect:/console/flags";
    }

    @PostMapping("/console/flags/{key}/versions/{version}/restore")
    String restore(
            @PathVariable String key,
            @PathVariable int version,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        requireId(key);
        AuditContext context = access.context(reason.isBlank() ? "restored from the console" : reason);
        String path = "/api/v1/flags/" + key + "/versions/" + version + "/restore";
        access.require("POST", path, null, context);
        report(redirect, peers.send(Peer.FLAG_SERVICE, "POST", path, null, context), "restore " + key);
        return "redirect:/console/flags";
    }

    // ---- SLOs and policy

    @GetMapping("/console/slos")
    String slos(Model model) {
        AuditContext context = access.context("console");
        List<Map<String, Object>> slos = new ArrayList<>();
        for (JsonNode slo : quietly(() -> peers.get(Peer.SLO_ENGINE, "/api/v1/slos", context))
                .orElse(json.createArrayNode())) {
            String name = slo.path("name").asString();
            JsonNode status = quietly(() -> peers.get(Peer.SLO_ENGINE, "/api/v1/slos/" + name + "/status", context))
                    .orElse(json.createObjectNode());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("service", slo.path("service").asString(""));
            row.put("status", status);
            row.put("statusJson", status.toString());
            slos.add(row);
        }
        model.addAttribute("slos", slos);
        model.addAttribute(
                "alerts",
                quietly(() -> peers.get(Peer.SLO_ENGINE, "/api/v1/alerts", context))
                        .orElse(json.createArrayNode()));
        model.addAttribute(
                "policy",
                quietly(() -> peers.get(Peer.SLO_ENGINE, "/api/v1/policy", context))
                        .orElse(json.createObjectNode()));
        model.addAttribute("mayEditPolicy", access.may("POST", "/api/v1/policy"));
        return "slos";
    }

    @PostMapping("/console/policy")
    String editPolicy(
            @RequestParam String aggressiveAbove,
            @RequestParam String normalAbove,
            @RequestParam String freezeAtOrBelow,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        AuditContext context = access.context(reason.isBlank() ? "policy edited in the console" : reason);
        access.require("POST", "/api/v1/policy", null, context);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("aggressiveAbove", number("aggressiveAbove", aggressiveAbove));
        body.put("normalAbove", number("normalAbove", normalAbove));
        body.put("freezeAtOrBelow", number("freezeAtOrBelow", freezeAtOrBelow));
        report(redirect, peers.send(Peer.SLO_ENGINE, "POST", "/api/v1/policy", body, context), "policy saved");
        return "redirect:/console/slos";
    }

    // ---- chaos

    @PostMapping("/console/halt")
    String halt(@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        String why = reason.isBlank() ? "halt-all from the console" : reason;
        AuditContext context = access.context(why);
        access.require("POST", "/api/v1/halt", null, context);
        report(
                redirect,
                peers.send(Peer.CHAOS_SERVICE, "POST", "/api/v1/halt", Map.of("reason", why), context),
                "all chaos halted");
        return "redirect:/console/chaos";
    }

    @GetMapping("/console/chaos")
    String chaos(Model model) {
        AuditContext context = access.context("console");
        model.addAttribute(
                "halt",
                quietly(() -> peers.get(Peer.CHAOS_SERVICE, "/api/v1/halt", context))
                        .orElse(json.createObjectNode()));
        return "chaos";
    }

    // ---- audit and capability

    @GetMapping("/console/audit")
    String audit(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model) {
        model.addAttribute(
                "entries",
                audit.search(new AuditReader.Filter(actor, service, null, day("from", from), day("to", to), 200)));
        model.addAttribute("verification", chain.verify());
        model.addAttribute("actor", actor);
        model.addAttribute("service", service);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "audit";
    }

    // ---- refusals

    @ExceptionHandler(Gatekeeper.Forbidden.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden(Gatekeeper.Forbidden forbidden, Model model) {
        model.addAttribute("message", forbidden.getMessage());
        return "refused";
    }

    @ExceptionHandler(ApiProblem.class)
    String problem(ApiProblem problem, Model model, jakarta.servlet.http.HttpServletResponse response) {
        response.setStatus(problem.status());
        model.addAttribute("message", problem.getMessage());
        return "refused";
    }

    private void report(RedirectAttributes redirect, Peers.Answer answer, String what) {
        if (answer.ok()) {
            redirect.addFlashAttribute("notice", what + ": done");
        } else {
            String detail = answer.body();
            try {
                detail = json.readTree(answer.body()).path("detail").asString(answer.body());
            } catch (RuntimeException notJson) {
                // keep the raw text
            }
            redirect.addFlashAttribute("error", what + " refused (" + answer.status() + "): " + detail);
        }
    }

    static String percent(int basisPoints) {
        return basisPoints % 100 == 0
                ? Integer.toString(basisPoints / 100)
                : java.math.BigDecimal.valueOf(basisPoints, 2)
                        .stripTrailingZeros()
                        .toPlainString();
    }

    private static double number(String field, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException notANumber) {
            throw ApiProblem.invalid(field, "expected a number but got '" + text + "'");
        }
    }

    private static Instant day(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (java.time.format.DateTimeParseException notADate) {
            try {
                return Instant.parse(text.strip());
            } catch (java.time.format.DateTimeParseException neither) {
                throw ApiProblem.invalid(field, "expected a date (2026-11-22) or an ISO-8601 instant");
            }
        }
    }

    private static void requireId(String id) {
        if (!id.matches("[A-Za-z0-9._-]{1,128}")) {
            throw ApiProblem.invalid("id", "is not an identifier");
        }
    }

    private static <T> Optional<T> quietly(Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (RuntimeException unavailable) {
            return Optional.empty();
        }
    }
}
