package org.logitlab.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives by itself, before or around the app: a request line or URI it cannot parse (400), a
 * request that stalls (408), a body too large or refused from its headers (413, 415), a URL or headers over its
 * 8 KB buffer (414, 431). They come in the app's own shapes ({@link ErrorResponses}): JSON {@code {"error", "field"}} for the API and
 * scripts, the escaped error page for browsers, with the same security headers as every other response. A request
 * Jetty could not read as far as its headers (a broken request line, a URL over 8 KB) cannot say who sent it; it
 * is answered with JSON, which a browser shows as text.
 */
final class JettyErrors extends ErrorHandler {
    /** What a request that stalled is told, by Jetty or by the app when its body stops arriving. */
    static final String LATE = "did not arrive in time; send it again";
    private final ErrorResponses errors;

    JettyErrors(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = (String) request.getAttribute(ERROR_MESSAGE);
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException http) {
            status = http.getCode();
            response.setStatus(status);
            reason = reason != null ? reason : http.getReason();
        }
        HttpFields.Mutable headers = response.getHeaders();
        LogitLabApp.SECURITY_HEADERS.forEach(headers::put);
        generateCacheControl(response);
        if (HttpStatus.hasNoBody(status) || HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        HttpFields asked = request.getHeaders();
        String path = request.getHttpURI().getPath();
        String accept = asked.get(HttpHeader.ACCEPT);
        if (asked.size() == 0 && !"BAD".equals(request.getMethod())) {
            // Jetty dropped the headers of a request it could not finish reading, but kept its path: a path
            // outside the API is the page's, asked for by a browser. With neither, the answer is JSON.
            accept = "text/html";
        }
        ErrorResponses.Answer answer = errors.answer(path, accept, asked.get("HX-Request"), Locale.ENGLISH,
                message(status, reason), field(status));
        if (answer.keepPage()) {
            headers.put("HX-Reswap", "none");
        }
        headers.put(HttpHeader.CONTENT_TYPE, answer.contentType());
        response.write(true, ByteBuffer.wrap(answer.body().getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    /** The part of the request at fault, by status. */
    static String field(int status) {
        return switch (status) {
            case 413 -> "body";
            case 414 -> "url";
            case 415 -> "Content-Type";
            case 431 -> "headers";
            default -> "request";
        };
    }

    private static String message(int status, String reason) {
        return switch (status) {
            case 408 -> LATE;
            case 414 -> "is longer than this server reads (8 KB)";
            case 431 -> "are larger than this server reads (8 KB)";
            case 413 -> LogitLabApp.BODY_TOO_LARGE;
            case 415 -> reason != null ? reason : "is a media type this server does not read; send JSON or a form";
            default -> "is not a request this server can read (" + (reason == null ? HttpStatus.getMessage(status)
                    : reason) + ")";
        };
    }
}
