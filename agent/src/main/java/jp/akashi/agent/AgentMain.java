package jp.akashi.agent;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import jp.akashi.agent.cli.CollectCommand;
import jp.akashi.agent.cli.EnrollCommand;
import jp.akashi.agent.cli.RunCommand;
import jp.akashi.agent.cli.RunOnceCommand;
import jp.akashi.agent.cli.StatusCommand;

/** {@code java -jar akashi-agent.jar <command>}: collect evidence on this host and deliver it. */
// INHERIT: every subcommand answers --help and --version too (not "Unknown option")
@Command(name = "akashi-agent", mixinStandardHelpOptions = true, versionProvider = AgentMain.Version.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "Akashi agent: collects security evidence on this host and reports it to the Akashi collector.",
        subcommands = {CollectCommand.class, EnrollCommand.class, RunOnceCommand.class, RunCommand.class,
                StatusCommand.class, jp.akashi.agent.cli.ScanCommand.class, jp.akashi.agent.cli.VerifyCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 unexpected error, 2 usage error, 3 not enrolled, 4 enrollment refused or",
                "collector certificate not trusted, 5 reports kept in the spool (collector unreachable),",
                "6 the collector refused this agent's credential (re-enroll), 75 (run only) a self-update installed",
                "or rolled back a version: restart the daemon (the packaged service does so)."})
public final class AgentMain {
    public static final int EXIT_OK = 0;
    public static final int EXIT_ERROR = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_NOT_ENROLLED = 3;
    public static final int EXIT_ENROLL_REFUSED = 4;
    public static final int EXIT_UNDELIVERED = 5;
    public static final int EXIT_UNAUTHORIZED = 6;
    /** {@code run} after a self-update installed (or rolled back) a version: the service manager restarts it (EX_TEMPFAIL). */
    public static final int EXIT_RESTART = 75;

    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AgentMain());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("akashi-agent: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (ex instanceof jp.akashi.agent.cli.CommonOptions.NotEnrolled notEnrolled) {
                return notEnrolled.exitCode();
            }
            if (ex instanceof jp.akashi.agent.config.AgentConfig.Unreadable) {
                return EXIT_NOT_ENROLLED;
            }
            return ex instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_ERROR;
        });
        return cl;
    }

    public static String version() {
        String v = AgentMain.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Version for --version. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"akashi-agent " + version()};
        }
    }
}
