package jp.akashi.collector.web;

import jakarta.validation.constraints.Size;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.enroll.EnrollmentService;
import jp.akashi.collector.security.Caller;

/**
 * The console's "create an enrollment token" form, as the enrollment and the deployment pages
 * share it: a token, or the status and the message to show the form again with. The form carries
 * a one-time value, so a reload of the answer (or a second click) makes no second token.
 */
record TokenForm(EnrollmentService.NewToken token, HttpStatus status, String error) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh one-time value for a rendering of the form (32 hex digits). */
    static String nonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * The form as typed: numbers kept as text (one that is not a number is explained on the page,
     * not refused by the binding), the note any text (Japanese included), the one-time value.
     */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Typed(@Nullable String ttlHours, @Nullable String maxUses,
                        @Nullable @Size(max = 255, message = "{enrollment.error.note}") String note, @Nullable String formNonce) {
    }

    static TokenForm submit(EnrollmentService enrollment, WebPages pages, HttpRequest<?> request, Caller caller, Typed form) {
        try {
            Integer hours = integer(form.ttlHours());
            return new TokenForm(enrollment.createToken(caller, hours == null ? null : Duration.ofHours(hours),
                    integer(form.maxUses()), Uploads.text(form.note()), Uploads.text(form.formNonce())), HttpStatus.CREATED, null);
        } catch (EnrollmentService.AlreadyCreated e) {
            return new TokenForm(null, HttpStatus.CONFLICT, pages.text(request, "enrollment.error.alreadyCreated"));
        } catch (NumberFormatException e) {
            return new TokenForm(null, HttpStatus.BAD_REQUEST, pages.text(request, "enrollment.error.number"));
        } catch (Refusal e) {
            return new TokenForm(null, HttpStatus.BAD_REQUEST,
                    pages.text(request, "enrollment.error.rejected", pages.message(request, e)));
        }
    }

    /** A whole number; null when blank; {@link NumberFormatException} when not a number. */
    private static Integer integer(String field) {
        String s = Uploads.text(field);
        return s == null ? null : Integer.valueOf(s);
    }

    /** The token form's violation (a note too long) as the form's refusal: the status and the field's error in the reader's language. */
    static TokenForm invalid(WebPages pages, HttpRequest<?> request, jakarta.validation.ConstraintViolationException e) {
        return new TokenForm(null, HttpStatus.BAD_REQUEST,
                pages.text(request, "enrollment.error.rejected", FormErrors.first(FormErrors.messages(e, pages, request))));
    }

    /** Whether the form was refused because it already made its token (shown without the typed values). */
    boolean alreadyCreated() {
        return status == HttpStatus.CONFLICT;
    }
}
