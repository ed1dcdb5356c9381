package io.tessera.api.web;

import io.tessera.projections.search.InvalidQueryException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns the errors a caller can cause into RFC 9457 problem responses that say what to fix. */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler({InvalidQueryException.class, BadRequestException.class})
    ProblemDetail badRequest(RuntimeException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName();
        return problem(HttpStatus.BAD_REQUEST, "Bad request",
                "Parameter '" + e.getName() + "' must be " + expected.toLowerCase() + ", got '" + e.getValue() + "'");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missing(MissingServletRequestParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request",
                "Parameter '" + e.getParameterName() + "' is required, e.g. ?" + e.getParameterName() + "=garcia");
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadableBody(HttpMessageNotReadableException e) {
        // The parser's message may quote the body, which can hold personal data: not echoed, not logged.
        return problem(HttpStatus.BAD_REQUEST, "Bad request",
                "The request body is not the JSON object this endpoint takes; see its example in the API docs");
    }

    /** A failure of ours: logged with an id the caller can quote, and answered without internals. */
    @ExceptionHandler(RuntimeException.class)
    ProblemDetail unexpected(RuntimeException e) {
        String incident = UUID.randomUUID().toString();
        log.error("Request failed (incident {})", incident, e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "Tessera could not answer; the server log has the cause under incident " + incident);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
