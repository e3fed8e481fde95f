package dev.proximity.system;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Errors Tomcat answers by itself, before any filter (a request line over the size limit, an undecodable
 * path, an encoded slash), as problem+json instead of Tomcat's HTML page. No server name, no stack trace.
 */
class ProblemErrorReportValve extends ErrorReportValve {

    ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json(ProblemErrorController.problem(status, RequestIdFilter.of(request))));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }

    private static String json(Map<String, Object> problem) {
        return problem.entrySet().stream()
                .map(e -> '"' + e.getKey() + "\":" + (e.getValue() instanceof Number ? e.getValue().toString()
                        : '"' + e.getValue().toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"'))
                .collect(Collectors.joining(",", "{", "}"));
    }
}
