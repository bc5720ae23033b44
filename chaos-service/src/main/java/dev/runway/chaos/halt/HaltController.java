package dev.runway.chaos.halt;

import dev.runway.common.actor.AuditContext;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** One call halts all chaos; anyone on call may pull it, nobody needs to approve it. */
@RestController
@RequestMapping("/api/v1/halt")
class HaltController {
    private final HaltStore halts;

    HaltController(HaltStore halts) {
        this.halts = halts;
    }

    @GetMapping
    HaltState current() {
        return halts.current();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    HaltState halt(@Valid @RequestBody HaltState.Request request, AuditContext context) {
        return halts.halt(request, context);
    }

    @DeleteMapping
    HaltState release(AuditContext context) {
        return halts.release(context);
    }
}
