package dev.runway.api.audit;

import dev.runway.common.problem.ApiProblem;
import java.time.Instant;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The platform-wide audit log, read from the shared table, and the check of its hash chain. */
@RestController
class AuditController {
    private final AuditReader reader;
    private final AuditChain chain;

    AuditController(AuditReader reader, AuditChain chain) {
        this.reader = reader;
        this.chain = chain;
    }

    @GetMapping("/api/v1/audit")
    List<AuditReader.Entry> search(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.invalid("limit", "must be between 1 and 1000");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiProblem.invalid("to", "must not be before from");
        }
        return reader.search(new AuditReader.Filter(actor, service, subject, from, to, limit));
    }

    @GetMapping("/api/v1/audit/verify")
    AuditChain.Verification verify() {
        return chain.verify();
    }
}
