package dev.runway.common.web;

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
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * One error shape for every servlet service: RFC 9457 problem+json with field-level reasons, and never a
 * stack trace or a bare 500 for input the caller can fix.
 */
// Ahead of any other advice (Boot's own problem-details handler included): one shape everywhere.
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice
final class MvcProblemAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(MvcProblemAdvice.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        return respond(Problems.of(problem));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> parameterType(MethodArgumentTypeMismatchException mismatch) {
        String expected = mismatch.getRequiredType() == null
                ? "a different value"
                : mismatch.getRequiredType().getSimpleName();
        return respond(Problems.invalid(List.of(new FieldViolation(
                mismatch.getName(), "expected " + expected + " but got '" + mismatch.getValue() + "'"))));
    }

    /**
     * The database is away: a write cannot be made now but may succeed later, which is a 503 and a retry,
     * not a server bug.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception failure) {
        if (!DatabaseOutage.isCause(failure)) {
            return unexpected(failure);
        }
        log.warn("database unavailable: {}", failure.getMessage());
        return respond(Problems.build(
                503,
                "database-unavailable",
                "Service unavailable",
                "the platform database cannot be reached; nothing was changed, retry shortly",
                List.of()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        log.error("unhandled error", failure);
        return respond(Problems.build(
                500,
                "internal-error",
                "Internal error",
                "the service failed to handle this request; the error is logged on the server",
                List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problemBody(Problems.invalid(List.of(RequestBodyErrors.describe(ex))));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        ex.getBindingResult()
                .getFieldErrors()
                .forEach(error -> violations.add(new FieldViolation(error.getField(), error.getDefaultMessage())));
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> violations.add(new FieldViolation("body", error.getDefaultMessage())));
        return problemBody(Problems.invalid(violations));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors()
                    .forEach(error -> violations.add(new FieldViolation(name, error.getDefaultMessage())));
        });
        return problemBody(Problems.invalid(violations));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.addAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, problemHeaders, statusCode);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<Object> problemBody(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
