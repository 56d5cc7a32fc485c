package jp.akashi.agent.cli;

import com.fasterxml.jackson.databind.ObjectWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

import jp.akashi.agent.AgentMain;
import jp.akashi.agent.collect.ReportBuilder;
import jp.akashi.probes.host.LocalHostAccess;
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

    @Override
    public Integer call() throws Exception {
        ReportBuilder b = new ReportBuilder(new LocalHostAccess(), Clock.systemUTC(), AgentMain.version());
        Report r = b.collect(null, 0, refresh ? Map.of("patch.refresh", "true") : Map.of(), Progress.of(common.verbose));
        ObjectWriter w = pretty ? Json.mapper().writerWithDefaultPrettyPrinter() : Json.mapper().writer();
        if (output != null) {
            Files.write(output, w.writeValueAsBytes(r));
        } else {
            System.out.println(w.writeValueAsString(r));
        }
        return AgentMain.EXIT_OK;
    }
}
