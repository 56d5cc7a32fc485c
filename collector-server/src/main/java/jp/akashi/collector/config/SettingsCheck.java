package jp.akashi.collector.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;

import java.lang.reflect.RecordComponent;
import java.util.Locale;

/**
 * Refuses to start when a setting of a {@code @ConfigurationProperties} record is given but cannot
 * be read as its type ({@code akashi.retention.transitions=-P1D}, {@code akashi.targets.parallelism=four},
 * {@code akashi.tls=perhaps}):
 * Micronaut would bind the record's default instead and say nothing. The message names the key.
 * Every record is also made here, at start, so the checks in its constructor (ranges, durations)
 * stop the start too, not the first use of a setting (a scheduled job's, minutes later).
 */
@Context
public class SettingsCheck {
    /** What Micronaut reads as a boolean; anything else it would read as {@code false} without a word. */
    private static final java.util.Set<String> BOOLEAN = java.util.Set.of("true", "false", "yes", "no", "on", "off", "y", "n");

    public SettingsCheck(ApplicationContext ctx) {
        for (BeanDefinition<?> d : ctx.getBeanDefinitions(Qualifiers.byStereotype(ConfigurationProperties.class))) {
            Class<?> type = d.getBeanType();
            ConfigurationProperties cp = type.getAnnotation(ConfigurationProperties.class);
            if (!type.isRecord() || cp == null || !type.getPackageName().startsWith("jp.akashi.collector")) {
                continue;
            }
            for (RecordComponent c : type.getRecordComponents()) {
                String key = cp.value() + "." + kebab(c.getName());
                if (ctx.containsProperty(key) && (ctx.getProperty(key, boxed(c.getType())).isEmpty()
                        || c.getType() == boolean.class && !BOOLEAN.contains(ctx.getProperty(key, String.class).orElse("").strip()
                                .toLowerCase(Locale.ROOT)))) {
                    throw new IllegalArgumentException(key + ": cannot read '" + ctx.getProperty(key, String.class).orElse("")
                            + "' as " + c.getType().getSimpleName().toLowerCase(Locale.ROOT) + " (docs/CONFIGURATION.md)");
                }
            }
            ctx.getBean(type);
        }
    }

    /** {@code maxClockSkew} → {@code max-clock-skew}, as Micronaut names a record component's property. */
    public static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Class<?> boxed(Class<?> t) {
        if (!t.isPrimitive()) {
            return t;
        }
        return t == int.class ? Integer.class : t == long.class ? Long.class : t == boolean.class ? Boolean.class
                : t == double.class ? Double.class : t;
    }
}
