package jp.akashi.collector.web;

import io.micronaut.aop.Around;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a console route that takes a multipart/form-data form (an upload). Its CSRF token is the
 * form's {@code _csrf} part, bound by Micronaut like the other parts (the method declares
 * {@code @Part(CsrfFilter.FIELD) @Nullable String csrf}), and checked by {@link UploadCsrfInterceptor}
 * before the method body runs — so the multipart body is decoded once, by Micronaut, and never by
 * the CSRF filter. {@link CsrfFilter} refuses every multipart console request whose route does not
 * carry this annotation (or the {@code X-CSRF-Token} header), so an upload route cannot forget the check.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Around
public @interface UploadCsrf {
}
