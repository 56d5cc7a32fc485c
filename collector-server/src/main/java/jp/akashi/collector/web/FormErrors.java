package jp.akashi.collector.web;

import io.micronaut.http.HttpRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a console form's Bean Validation found ({@code @Body @Valid} records): each field's error
 * in the reader's language, and the form as typed, so the page is shown again with the input kept.
 * A constraint's {@code message} is a message key in braces ({@code "{user.error.displayName}"}),
 * looked up here in the page's bundle (never Hibernate-style default texts, never English on a
 * Japanese page); the page renders it under the field and names the form in its alert.
 */
final class FormErrors {
    private FormErrors() {
    }

    /** Field name → error text in the request's language; the first violation of a field wins. */
    static Map<String, String> messages(ConstraintViolationException e, WebPages pages, HttpRequest<?> request) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            out.putIfAbsent(field(v), pages.text(request, key(v.getMessageTemplate())));
        }
        return out;
    }

    /** The submitted form record (the violation's bean), when it is of {@code type}. */
    static <T> Optional<T> form(ConstraintViolationException e, Class<T> type) {
        return e.getConstraintViolations().stream().map(ConstraintViolation::getLeafBean)
                .filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The first field's error, for a page that names the problem in its alert; empty when there is none. */
    static String first(Map<String, String> fields) {
        return fields.isEmpty() ? "" : fields.values().iterator().next();
    }

    /** The path's part that {@code pattern}'s first group captures (a page's id), when the path matches. */
    static Optional<String> pathId(HttpRequest<?> request, java.util.regex.Pattern pattern) {
        java.util.regex.Matcher m = pattern.matcher(request.getPath());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String field(ConstraintViolation<?> v) {
        String last = "";
        for (Path.Node n : v.getPropertyPath()) {
            last = n.getName() == null ? last : n.getName();
        }
        return last;
    }

    private static String key(String template) {
        return template.startsWith("{") && template.endsWith("}") ? template.substring(1, template.length() - 1) : template;
    }
}
