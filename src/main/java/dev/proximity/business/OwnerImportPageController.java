package dev.proximity.business;

import java.io.IOException;
import java.util.Map;

import dev.proximity.account.AuthenticatedOwner;
import dev.proximity.system.Ids;
import dev.proximity.system.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The owner pages' CSV import: a page whose script sends the chosen file as the body (session cookie and CSRF
 * header, like any owner form) and then follows the background job it started. The upload and progress calls
 * answer JSON, problems as problem+json, for that script; they run the API's import with its caps.
 */
@Controller
@RequestMapping("/owner/businesses")
class OwnerImportPageController {

    static final String UPLOAD_PATH = "/owner/businesses/import";

    private final BackgroundImports imports;

    OwnerImportPageController(BackgroundImports imports) {
        this.imports = imports;
    }

    @GetMapping("/import")
    String page() {
        return "owner/business-import";
    }

    /** The file, as a {@code text/csv} body: 202 with where to follow its job. */
    @PostMapping(path = "/import", consumes = BusinessImportController.CSV)
    @ResponseBody
    ResponseEntity<?> upload(HttpServletRequest request, @AuthenticationPrincipal AuthenticatedOwner owner)
            throws IOException {
        try {
            long job = imports.start(owner.id(), BusinessImportService.Format.CSV, request.getInputStream());
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("job", Ids.format(job),
                    "progress", "/owner/businesses/imports/" + job + "/progress"));
        } catch (ProblemException refused) {
            return problem(refused);
        }
    }

    @GetMapping(path = "/imports/{id}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<?> progress(@PathVariable String id, @AuthenticationPrincipal AuthenticatedOwner owner) {
        try {
            long jobId = Ids.parse(id, "id").orElseThrow(ImportJobNotFoundException::forUnknownId);
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(imports.job(owner.id(), jobId));
        } catch (ProblemException notFound) {
            return problem(notFound);
        }
    }

    private static ResponseEntity<?> problem(ProblemException problem) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(problem.headers());
        return ResponseEntity.status(problem.status()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.toProblemDetail());
    }
}
