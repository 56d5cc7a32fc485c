package jp.akashi.collector.web;

import io.micronaut.context.MessageSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.views.thymeleaf.MessageSourceMessageResolver;

import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The templates' {@code #{key}} with each text formatted once. micronaut-views' resolver asks its
 * MessageSource for the message (which fills in {@code {0}} and turns {@code ''} into {@code '})
 * and then interpolates the result again, so a quote was read twice and vanished ("the collectors
 * key"). The resolver is given a view of {@link WebMessages} whose {@code getMessage} hands back
 * the raw text, leaving the one interpolation to the resolver.
 */
@Factory
public class ThymeleafMessages {

    @Singleton
    @Replaces(MessageSourceMessageResolver.class)
    MessageSourceMessageResolver messageResolver(WebMessages messages) {
        return new MessageSourceMessageResolver(new RawFirst(messages));
    }

    /** {@code getMessage} is the raw text; {@code interpolate} formats it (once). */
    record RawFirst(WebMessages messages) implements MessageSource {
        @Override
        public Optional<String> getMessage(String code, MessageContext context) {
            return messages.getRawMessage(code, context);
        }

        @Override
        public Optional<String> getRawMessage(String code, MessageContext context) {
            return messages.getRawMessage(code, context);
        }

        @Override
        public String interpolate(String template, MessageContext context) {
            return messages.interpolate(template, context);
        }
    }
}
