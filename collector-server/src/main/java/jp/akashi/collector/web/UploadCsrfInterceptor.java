package jp.akashi.collector.web;

import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.core.type.MutableArgumentValue;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;

/**
 * The CSRF check of an {@link UploadCsrf} route: the token in the form's {@code _csrf} part (or the
 * {@code X-CSRF-Token} header) must be the session's, by the same rules as {@link CsrfFilter}
 * (visitors: their pre-session cookie; once a session exists, only the session's token). A
 * missing or wrong token answers the filter's 403 before the route's code runs, so nothing of
 * the upload is read, checked or stored. A method without a {@code _csrf} part is refused too.
 */
@Singleton
@InterceptorBean(UploadCsrf.class)
class UploadCsrfInterceptor implements MethodInterceptor<Object, Object> {
    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        HttpRequest<?> request = ServerRequestContext.currentRequest().orElse(null);
        if (request == null) {
            return CsrfFilter.refused();
        }
        if (CsrfFilter.bearer(request)) {
            return context.proceed();
        }
        String sent = request.getHeaders().get(CsrfFilter.HEADER);
        if (sent == null) {
            for (MutableArgumentValue<?> p : context.getParameters().values()) {
                String part = p.getAnnotationMetadata().stringValue(Part.class).orElse(null);
                if (CsrfFilter.FIELD.equals(part) && p.getValue() instanceof String s) {
                    sent = s;
                }
            }
        }
        if (sent == null || !CsrfFilter.matches(sent, CsrfFilter.expected(request))) {
            return CsrfFilter.refused();
        }
        return context.proceed();
    }
}
