package dev.runway.common.webflux;

import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.DatabaseOutage;
import dev.runway.common.problem.FieldViolation;
import dev.runway.common.problem.Problems;
import dev.runway.common.problem.RequestBodyErrors;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/** problem+json with field-level reasons for the reactive services, matching the servlet advice. */
// Ahead of any other advice (Boot's own problem-details handler included): one shape everywhere.
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice
final class ReactiveProblemAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ReactiveProblemAdvice.class);

    @ExceptionHandler(ApiProblem.class)
    Mono<ResponseEntity<ProblemDetail>> apiProblem(ApiProblem problem) {
        return Mono.just(respond(Problems.of(problem)));
    }

    /**
     * The database is away (fail-static services keep serving reads from memory): a write cannot be made now
     * but may succeed later, which is a 503 and a retry, not a server bug.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    Mono<ResponseEntity<ProblemDetail>> databaseUnavailable(Exception failure) {
        if (!DatabaseOutage.isCause(failure)) {
            return unexpected(failure);
        }
        log.warn("database unavailable: {}", failure.getMessage());
        return Mono.just(respond(Problems.build(
                503,
                "database-unavailable",
                "Service unavailable",
                "the platform database cannot be reached; nothing was changed, retry shortly",
                List.of())));
    }

    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<ProblemDetail>> unexpected(Exception failure) {
        log.error("unhandled error", failure);
        return Mono.just(respond(Problems.build(
                500,
                "internal-error",
                "Internal error",
                "the service failed to handle this request; the error is logged on the server",
                List.of())));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(
            ServerWebInputException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        FieldViolation violation = ex.getMethodParameter() != null
                        && ex.getCause() == null
                        && ex.getMethodParameter().getParameterName() != null
                ? new FieldViolation(ex.getMethodParameter().getParameterName(), ex.getReason())
                : RequestBodyErrors.describe(ex);
        return Mono.just(asObject(Problems.invalid(List.of(violation))));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(
            WebExchangeBindException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<FieldViolation> violations = new ArrayList<>();
        ex.getFieldErrors().forEach(e -> violations.add(new FieldViolation(e.getField(), e.getDefaultMessage())));
        ex.getGlobalErrors().forEach(e -> violations.add(new FieldViolation("body", e.getDefaultMessage())));
        return Mono.just(asObject(Problems.invalid(violations)));
    }

    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, ServerWebExchange exchange) {
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.addAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return Mono.just(new ResponseEntity<>(body, problemHeaders, statusCode));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<Object> asObject(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
