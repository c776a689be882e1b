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
import org.logitlab.text.Reason;
import org.logitlab.web.page.Locales;

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
    static final Reason LATE = Reason.of("error.http.late");
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
        String cookie = Request.getCookies(request).stream().filter(c -> "lang".equals(c.getName()))
                .map(org.eclipse.jetty.http.HttpCookie::getValue).findFirst().orElse(null);
        Locale locale = Locales.of(cookie, asked.get(HttpHeader.ACCEPT_LANGUAGE));
        ErrorResponses.Answer answer = errors.answer(path, accept, asked.get("HX-Request"), locale,
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

    private static Reason message(int status, String reason) {
        return switch (status) {
            case 408 -> LATE;
            case 414 -> Reason.of("error.http.urlTooLong");
            case 431 -> Reason.of("error.http.headersTooLarge");
            case 413 -> Reason.of("error.http.tooLarge", LogitLabApp.MAX_BODY_BYTES / 1_000_000);
            case 415 -> Reason.of("error.http.mediaType");
            default -> Reason.of("error.http.unreadable", reason == null ? HttpStatus.getMessage(status) : reason);
        };
    }
}
