package jp.akashi.collector.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import jp.akashi.collector.CollectorMain;
import jp.akashi.collector.config.CollectorFlag;
import jp.akashi.collector.config.Settings;

/** {@code akashi-collector serve [flags]}: starts the collector (also what runs without a command). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the collector: HTTPS (console, API, agents' reports) on --port, data under --data-dir.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Consumer<ApplicationContext> started;

    ServeCommand(Map<String, String> env, Consumer<ApplicationContext> started) {
        this.env = env;
        this.started = started;
    }

    @Override
    public Integer call() throws Exception {
        return serve(CollectorCommand.merged(spec));
    }

    int serve(Map<CollectorFlag, String> flags) throws Exception {
        started.accept(CollectorMain.start(Settings.from(flags, env), Map.of()));
        return 0;
    }
}
