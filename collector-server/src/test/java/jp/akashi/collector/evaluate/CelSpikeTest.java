package jp.akashi.collector.evaluate;

import dev.cel.common.CelOptions;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CelSpikeTest {
    @Test
    void spike() throws Exception {
        CelOptions opts = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
        CelCompiler c = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(opts)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("auth.password.min_length", SimpleType.INT)
                .addVar("av.installed", SimpleType.BOOL)
                .addVar("net.listening", ListType.create(MapType.create(SimpleType.STRING, SimpleType.DYN)))
                .addVar("params", MapType.create(SimpleType.STRING, SimpleType.DYN))
                .build();
        CelRuntime rt = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(opts).build();
        String[] exprs = {
            "auth.password.min_length >= 8",
            "auth.password.min_length >= params.min",
            "net.listening.exists(s, s.port in params.legacy)",
            "net.listening.filter(s, s.port in params.legacy).map(s, s.proto + '/' + string(s.port))",
            "av.installed",
        };
        Map<String, Object> act = new HashMap<>(Map.of("auth.password.min_length", 8L,
                "net.listening", List.of(Map.of("proto", "tcp", "port", 23L), Map.of("proto", "tcp", "port", 22L)),
                "av.installed", true, "params", Map.of("legacy", List.of(23L, 21L), "min", 8.5)));
        for (String e : exprs) {
            var res = c.compile(e);
            if (res.hasError()) { System.out.println(e + " => COMPILE ERROR " + res.getErrorString()); continue; }
            var prog = rt.createProgram(res.getAst());
            Object r = null;
            for (int i = 0; i < 20000; i++) r = prog.eval(act);
            long t0 = System.nanoTime();
            for (int i = 0; i < 20000; i++) r = prog.eval(act);
            System.out.println(e + " => " + r + " " + (System.nanoTime() - t0) / 20000 + " ns/eval");
        }
        var bad = c.compile("auth.password.min_length >= 'x'");
        System.out.println("type error => " + bad.hasError() + " " + bad.getErrorString());
        var undeclared = c.compile("auth.lockout.threshold <= 10");
        System.out.println("undeclared => " + undeclared.hasError() + " " + undeclared.getErrorString());
    }
}
