package jp.akashi.agent.cli;

import com.fasterxml.jackson.databind.ObjectWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;

import jp.akashi.agent.AgentMain;
import jp.akashi.agent.collect.FileCommandMemo;
import jp.akashi.agent.collect.ReportBuilder;
import jp.akashi.probes.HostProbes;
import jp.akashi.probes.host.CommandMemo;
import jp.akashi.probes.host.ImageHostAccess;
import jp.akashi.probes.host.LocalHostAccess;
import jp.akashi.probes.host.capture.HostCapture;
import jp.akashi.probes.host.capture.RecordingHostAccess;
import jp.akashi.probes.host.capture.ReplayHostAccess;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.util.Json;

/** Prints this host's report as JSON. Needs no server, no configuration and no enrollment. */
@Command(name = "collect", description = "Collect facts on this host and print the report as JSON (no server needed).")
public final class CollectCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--pretty", description = "Indent the JSON.")
    boolean pretty;

    @Option(names = {"-o", "--output"}, description = "Write the report to this file instead of standard output.")
    Path output;

    @Option(names = "--refresh-package-lists", description = "Let the patch probe refresh package lists over the network first (off by default).")
    boolean refresh;

    @Option(names = "--fresh", description = "Run every command again, even a slow one whose inputs are unchanged since its "
            + "last run (by default its last output is reused, and the evidence says so).")
    boolean fresh;

    @Option(names = "--capture", paramLabel = "FILE", description = "Also write everything the probes read (command output, files; "
            + "password hashes removed) to FILE, to reproduce this report elsewhere or to make a test fixture of this host.")
    Path capture;

    @Option(names = "--replay", paramLabel = "FILE", description = "Collect from a capture written by --capture instead of this host.")
    Path replay;

    @Option(names = "--root", paramLabel = "DIR", description = "Collect from a Linux root file system that is not running "
            + "(a mounted VM image, a container layer, a backup) by reading its files only; nothing in it is executed, "
            + "and facts that need the running system are reported as unsupported.")
    Path root;

    @Override
    public Integer call() throws Exception {
        if (capture != null && replay != null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--capture and --replay cannot be used together");
        }
        if (root != null && (capture != null || replay != null)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--root cannot be used with --capture or --replay");
        }
        Map<String, String> options = refresh ? Map.of("patch.refresh", "true") : Map.of();
        Report r;
        if (root != null) {
            ImageHostAccess image;
            try {
                image = new ImageHostAccess(root);
            } catch (IOException e) {
                System.err.println("cannot collect from " + root + ": " + (e instanceof java.nio.file.NoSuchFileException
                        ? "no such directory" : e.getMessage()));
                return AgentMain.EXIT_USAGE;
            }
            if (!image.read("/etc/os-release").ok() && !image.read("/usr/lib/os-release").ok()) {
                System.err.println("cannot collect from " + root + ": no /etc/os-release or /usr/lib/os-release in it "
                        + "(only Linux root file systems can be collected offline)");
                return AgentMain.EXIT_USAGE;
            }
            r = new ReportBuilder(image, Clock.systemUTC(), AgentMain.version())
                    .collect(jp.akashi.probes.api.ProbeContext.LINUX, null, 0, options, Progress.of(common.verbose));
        } else if (replay != null) {
            HostCapture c;
            try {
                c = HostCapture.read(replay);
            } catch (IOException e) {
                System.err.println("cannot read the capture " + replay + ": "
                        + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
                return AgentMain.EXIT_USAGE;
            }
            // the capture's own time: ages (package lists, logs, signatures) come out as they were then
            r = new ReportBuilder(new ReplayHostAccess(c), Clock.fixed(c.capturedAt(), ZoneOffset.UTC), AgentMain.version())
                    .collect(c.osFamily(), null, 0, options, Progress.of(common.verbose));
        } else if (capture != null) {
            RecordingHostAccess host = new RecordingHostAccess(new LocalHostAccess(), Clock.systemUTC());
            r = new ReportBuilder(host, Clock.systemUTC(), AgentMain.version()).collect(null, 0, options, Progress.of(common.verbose));
            HostCapture c = host.capture(HostProbes.localOsFamily());
            c.write(capture);
            System.err.printf("capture written to %s: %d commands, %d files; it holds this host's configuration as read "
                    + "(password hashes removed): review it before sharing%n", capture, c.commands().size(), c.files().size());
        } else {
            // the agent's own memo (its state directory), as the service's collections use it
            CommandMemo memo = fresh ? CommandMemo.NONE : FileCommandMemo.in(common.paths().stateDir());
            r = new ReportBuilder(new LocalHostAccess(), Clock.systemUTC(), AgentMain.version(), memo)
                    .collect(null, 0, options, Progress.of(common.verbose));
        }
        ObjectWriter w = pretty ? Json.mapper().writerWithDefaultPrettyPrinter() : Json.mapper().writer();
        if (output != null) {
            Files.write(output, w.writeValueAsBytes(r));
        } else {
            System.out.println(w.writeValueAsString(r));
        }
        return AgentMain.EXIT_OK;
    }
}
