package dev.runway.flags.flag;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Four-eyes approval of changes to guarded environments: list, approve (not your own), reject. */
@RestController
@RequestMapping("/api/v1/approvals")
class ApprovalController {
    private final FlagStore flags;
    private final ProposalStore proposals;

    ApprovalController(FlagStore flags, ProposalStore proposals) {
        this.flags = flags;
        this.proposals = proposals;
    }

    @GetMapping
    List<Proposal> list(@RequestParam(required = false) String status) {
        if (status != null && !List.of("PENDING", "APPROVED", "REJECTED").contains(status.toUpperCase(Locale.ROOT))) {
            throw ApiProblem.invalid("status", "must be PENDING, APPROVED or REJECTED");
        }
        return proposals.list(status == null ? null : status.toUpperCase(Locale.ROOT));
    }

    @GetMapping("/{id}")
    Proposal get(@PathVariable long id) {
        return proposals.find(id).orElseThrow(() -> ApiProblem.notFound("proposal", Long.toString(id)));
    }

    @PostMapping("/{id}/approve")
    StoredFlag approve(@PathVariable long id, AuditContext context) {
        return flags.approve(id, context);
    }

    @PostMapping("/{id}/reject")
    Proposal reject(@PathVariable long id, AuditContext context) {
        return flags.reject(id, context);
    }
}
