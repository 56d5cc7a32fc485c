package jp.akashi.collector.web;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import nz.net.ultraq.thymeleaf.layoutdialect.LayoutDialect;
import org.thymeleaf.TemplateEngine;

/**
 * Adds the Thymeleaf Layout Dialect to micronaut-views' template engine, so that every console
 * page decorates one shell ({@code views/shell.html}: head, header with menu and banners,
 * footer) with {@code layout:decorate="~{shell}"} instead of repeating it.
 */
@Singleton
public class PageShell implements BeanCreatedEventListener<TemplateEngine> {
    @Override
    public TemplateEngine onCreated(BeanCreatedEvent<TemplateEngine> event) {
        TemplateEngine engine = event.getBean();
        engine.addDialect(new LayoutDialect());
        return engine;
    }
}
