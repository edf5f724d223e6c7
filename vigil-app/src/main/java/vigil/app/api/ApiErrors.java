package vigil.app.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import vigil.model.RefusedInput;

/**
 * Turns failures into JSON errors: refused files say file, place and problem (422); bad requests
 * say what was wrong (400); anything else is logged and answered without internals (500).
 */
@RestControllerAdvice
class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(RefusedInput.class)
  ResponseEntity<Map<String, Object>> refused(RefusedInput e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.getMessage());
    body.put("file", e.file());
    body.put("place", e.place());
    body.put("problem", e.problem());
    return ResponseEntity.status(HttpStatus.valueOf(422)).body(body);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
  }

  @ExceptionHandler(NotFound.class)
  ResponseEntity<Map<String, Object>> notFound(NotFound e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
  }

  /** Not there, or not visible to the caller: the same answer, so ids of others' objects do not leak. */
  @ExceptionHandler(vigil.store.mobilise.Decisions.NotFound.class)
  ResponseEntity<Map<String, Object>> notVisible(vigil.store.mobilise.Decisions.NotFound e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(vigil.store.security.Actor.Forbidden.class)
  ResponseEntity<Map<String, Object>> forbidden(vigil.store.security.Actor.Forbidden e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", e.getMessage()));
  }

  /** A body that does not parse or bind; the parser's message would name internal classes. */
  @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(org.springframework.http.converter.HttpMessageNotReadableException e) {
    return ResponseEntity.badRequest().body(Map.of("error",
        "the request body is not what this endpoint takes (malformed JSON, or a field of the wrong type)"));
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
    return ResponseEntity.status(HttpStatus.valueOf(413)).body(Map.of("error", "upload larger than the configured limit"));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> internal(Exception e) {
    if (e instanceof org.springframework.web.ErrorResponse) {
      // Spring's own request errors (wrong method, unknown path, missing parameter, media type).
      org.springframework.web.ErrorResponse r = (org.springframework.web.ErrorResponse) e;
      String detail = r.getBody().getDetail();
      return ResponseEntity.status(r.getStatusCode()).body(Map.of("error", detail == null ? "bad request" : detail));
    }
    LOG.error("request failed", e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Map.of("error", "internal error; see the server log"));
  }

  /** A resource that does not exist. */
  static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String what) {
      super(what + " not found");
    }
  }
}
