package jp.akashi.collector.evaluate;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the check library and the end-of-life tables once at startup ({@code @Context}: a bad
 * check file stops the collector with the file, the check and the problem). Parameters can be
 * overridden in configuration: {@code akashi.checks.params.max_admins: 3}.
 */
@Context
public class CheckLibraryProvider implements jp.akashi.collector.exception.KnownChecks {
    private static final Logger LOG = LoggerFactory.getLogger(CheckLibraryProvider.class);
    private final CheckLibrary library;
    private final EolTable eol;

    @jakarta.inject.Inject
    public CheckLibraryProvider(Environment env, ChecksProperties checks, EolProperties eol) {
        this(env, checks.root(), eol.files());
    }

    public CheckLibraryProvider(Environment env, String root, List<String> eolFiles) {
        Map<String, Object> overrides = new LinkedHashMap<>(env.getProperties("akashi.checks.params", StringConvention.RAW));
        this.library = CheckLibrary.load(root, overrides);
        this.eol = EolTable.load(eolFiles);
        LOG.info("Check library: {} checks, {} parameters; end-of-life table: {} products (as of {})",
                library.checks().size(), library.params().size(), eol.products().size(), eol.asOf());
    }

    public CheckLibrary get() {
        return library;
    }

    public EolTable eol() {
        return eol;
    }

    /** Whether the library has a check with this id (an exception's target must be one). */
    @Override
    public boolean exists(String checkId) {
        return checkId != null && get().check(checkId).isPresent();
    }
}
