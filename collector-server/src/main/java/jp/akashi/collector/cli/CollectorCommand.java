package jp.akashi.collector.cli;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.micronaut.context.ApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import jp.akashi.collector.config.CollectorFlag;
import jp.akashi.collector.config.Settings;

/**
 * {@code java -jar akashi-collector.jar [serve|check-db|help] [flags]}: the collector's command
 * line. Without a command it serves, so {@code akashi-collector --data-dir DIR --port 8443} starts
 * the collector as it always did. The flags are {@link CollectorFlag}'s.
 */
@Command(name = "akashi-collector", mixinStandardHelpOptions = true, versionProvider = CollectorCommand.Version.class,
        description = {"Akashi collector: receives the agents' reports, evaluates them against the frameworks, "
                + "and serves the console and the API.", "Without a command: serve."},
        footer = {"", "Environment only:",
                "  AKASHI_ADMIN_PASSWORD  the first admin's password on an empty database (default: random, printed once)",
                "Further settings are Micronaut properties, given as -Dakashi.…=… before -jar (README, docs/*.md).",
                "", "Exit codes: 0 stopped, 1 cannot start, 2 usage error, 3 database refused (empty, unreadable,",
                "not a database, damaged; check-db: damaged)."})
public final class CollectorCommand implements Callable<Integer> {
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    private final ServeCommand serve;

    private CollectorCommand(ServeCommand serve) {
        this.serve = serve;
    }

    @Override
    public Integer call() throws Exception {
        return serve.serve(CollectorFlag.given(spec));
    }

    /**
     * The command line, ready to {@code execute}: {@code started} receives the context of a collector
     * that {@code serve} started (the process then keeps running), {@code out} is where {@code check-db} reports.
     */
    public static CommandLine commandLine(Map<String, String> env, PrintStream out, Consumer<ApplicationContext> started) {
        ServeCommand serve = new ServeCommand(env, started);
        CommandLine cl = new CommandLine(new CollectorCommand(serve));
        CollectorFlag.addTo(cl.getCommandSpec());
        cl.addSubcommand("serve", serve);
        cl.addSubcommand("check-db", new CheckDbCommand(env, out));
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        for (String name : new String[]{"serve", "check-db"}) {
            CollectorFlag.addTo(cl.getSubcommands().get(name).getCommandSpec());
        }
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_USAGE;
        });
        return cl;
    }

    /** Flags given before the command ({@code --data-dir D check-db}) and after it; those after win. */
    static Map<CollectorFlag, String> merged(CommandSpec command) {
        Map<CollectorFlag, String> m = new EnumMap<>(CollectorFlag.class);
        if (command.parent() != null) {
            m.putAll(CollectorFlag.given(command.parent()));
        }
        m.putAll(CollectorFlag.given(command));
        return m;
    }

    static Settings settings(CommandSpec command, Map<String, String> env) {
        return Settings.from(merged(command), env);
    }

    /** Version for --version. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CollectorCommand.class.getPackage().getImplementationVersion();
            return new String[]{"akashi-collector " + (v == null ? "dev" : v)};
        }
    }
}
