package jp.akashi.collector.web;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import ognl.OgnlRuntime;
import ognl.enhance.ExpressionCompiler;

import org.thymeleaf.TemplateEngine;

/**
 * Keeps OGNL's "public interface of this class" per class. Thymeleaf evaluates the templates'
 * {@code ${…}} with OGNL, and OGNL (3.3) works that answer out anew for every link of every
 * chain ({@code fmt.num(x)}, {@code n.children().isEmpty()}): {@code Class.getInterfaces()} and a
 * walk through them, each time. In a bench-web profile that was 8.5 % of the request threads'
 * samples. The answer depends on the class alone, so it is computed once per class
 * ({@link ClassValue}: nothing is held past the class's life).
 *
 * <p>Installed when the template engine is created; OGNL's compiler is one per JVM.
 */
@Singleton
class OgnlInterfaceClasses implements BeanCreatedEventListener<TemplateEngine> {

    @Override
    public TemplateEngine onCreated(BeanCreatedEvent<TemplateEngine> event) {
        install();
        return event.getBean();
    }

    static void install() {
        if (!(OgnlRuntime.getCompiler() instanceof Cached)) {
            OgnlRuntime.setCompiler(new Cached());
        }
    }

    /** OGNL's compiler with {@link ExpressionCompiler#getInterfaceClass} remembered per class. */
    static final class Cached extends ExpressionCompiler {
        private final ClassValue<Class<?>> interfaces = new ClassValue<>() {
            @Override
            protected Class<?> computeValue(Class<?> type) {
                return Cached.super.getInterfaceClass(type);
            }
        };

        @Override
        @SuppressWarnings("rawtypes")
        public Class getInterfaceClass(Class type) {
            return type == null ? null : interfaces.get(type);
        }
    }
}
