package jp.akashi.collector.api;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.targets.Credential;
import jp.akashi.collector.targets.CredentialService;

/** Credentials for targets: created with their secret, listed without it (only "set" and key fingerprints). */
@Controller("/api/v1/credentials")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CredentialController {
    static final Set<String> FIELDS = Set.of("name", "kind", "username", "password", "privateKey", "passphrase", "community",
            "authProtocol", "authPassphrase", "privProtocol", "privPassphrase");

    private final CredentialService credentials;

    public CredentialController(CredentialService credentials) {
        this.credentials = credentials;
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public List<CredentialView> list() {
        Map<String, List<String>> usage = credentials.usage();
        return credentials.all().stream().map(c -> view(c, usage.getOrDefault(c.id(), List.of()))).toList();
    }

    // the body stays a Map: an unknown field and a non-string are refused by name, where a record would ignore or coerce them
    @Post
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Status(HttpStatus.CREATED)
    public CredentialView create(Caller caller, @Body Map<String, Object> body) {
        if (body == null) {
            throw ApiException.badRequest("JSON body required");
        }
        for (String k : body.keySet()) {
            if (!FIELDS.contains(k)) {
                throw ApiException.badRequest("unknown field " + k + " (known: " + String.join(", ", new TreeSet<>(FIELDS)) + ")");
            }
        }
        Credential c = credentials.create(caller, new CredentialService.NewCredential(str(body, "name"), str(body, "kind"),
                str(body, "username"), str(body, "password"), str(body, "privateKey"), str(body, "passphrase"), str(body, "community"),
                str(body, "authProtocol"), str(body, "authPassphrase"), str(body, "privProtocol"), str(body, "privPassphrase")));
        return view(c, List.of());
    }

    @Delete("/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Status(HttpStatus.NO_CONTENT)
    public void delete(Caller caller, @PathVariable String id) {
        credentials.delete(caller, id);
    }

    /**
     * Everything about a credential except its secret ({@code secret} is always "set"); settings are the
     * kind's own (SNMP protocols…), {@code {}} for the others; a null fingerprint is written.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CredentialView(String id, String name, String kind, String username, Map<String, Object> settings, String secret,
                                 String fingerprint, String keyId, String createdBy, String createdAt, List<String> usedBy) {
    }

    static CredentialView view(Credential c, List<String> usedBy) {
        return new CredentialView(c.id(), c.name(), c.kind(), c.username(), c.settings(), "set", c.fingerprint(), c.sealed().keyId(),
                c.createdBy(), Instant.ofEpochMilli(c.createdAt()).toString(), usedBy);
    }

    private static String str(Map<String, Object> body, String k) {
        Object v = body.get(k);
        if (v != null && !(v instanceof String)) {
            throw ApiException.badRequest(k + " must be a string");
        }
        return (String) v;
    }
}
