package jp.akashi.collector.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.api.RefusalStatus;
import jp.akashi.collector.Refusal;
import jp.akashi.collector.api.ApiException;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.targets.Credential;
import jp.akashi.collector.targets.CredentialService;
import jp.akashi.probes.snmp.SnmpV3User;

/**
 * Credentials for targets: the list (name, kind, user, settings, "set", the SSH key's public
 * fingerprint, which targets use it — never a secret) and the form to add one: an SSH password,
 * an SSH private key pasted or uploaded (with its passphrase), or SNMP (a v2c community and/or a
 * v3 user with its authentication and privacy settings). Secrets are posted once, validated and
 * encrypted by {@link CredentialService}, and never rendered back: a rejected form keeps only the
 * non-secret fields. The form is multipart (for the key file): its token is the form's
 * {@code _csrf} part, checked ({@link UploadCsrf}) before the method runs.
 */
@Controller("/credentials")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CredentialPages {
    /** The longest private key file taken (the service's own limit for the PEM text). */
    static final int MAX_KEY_FILE = 16 * 1024;
    private final CredentialService credentials;
    private final WebPages pages;

    public CredentialPages(CredentialService credentials, WebPages pages) {
        this.credentials = credentials;
        this.pages = pages;
    }

    /** The non-secret fields of the form, kept when it is shown again. */
    public record Typed(String name, String kind, String username, String v3Username, String authProtocol, String privProtocol) {
        static final Typed EMPTY = new Typed("", Credential.SSH_PASSWORD, "", "", "", "");
    }

    /** A credential in the list with the targets that use it. */
    public record Row(Credential c, List<String> usedBy) {
        /** A setting of the credential as text ("set"/"none", protocol names, security level); null when absent. */
        public String setting(String key) {
            Object v = c.settings().get(key);
            return v == null ? null : v.toString();
        }
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> list(HttpRequest<?> request) {
        return page(request, Typed.EMPTY, null, HttpStatus.OK);
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @UploadCsrf
    public HttpResponse<?> create(HttpRequest<?> request, Caller caller, @Part(CsrfFilter.FIELD) @Nullable String csrf,
                                  @Part("name") @Nullable String name, @Part("kind") @Nullable String kindTyped,
                                  @Part("username") @Nullable String username, @Part("password") @Nullable String password,
                                  @Part("privateKey") @Nullable String pastedKey, @Part("privateKeyFile") @Nullable CompletedFileUpload keyFile,
                                  @Part("passphrase") @Nullable String passphrase, @Part("community") @Nullable String community,
                                  @Part("v3Username") @Nullable String v3Username, @Part("authProtocol") @Nullable String authProtocol,
                                  @Part("authPassphrase") @Nullable String authPassphrase, @Part("privProtocol") @Nullable String privProtocol,
                                  @Part("privPassphrase") @Nullable String privPassphrase) {
        String kind = Uploads.text(kindTyped);
        Typed typed = new Typed(nz(Uploads.text(name)), kind == null ? "" : kind, nz(Uploads.text(username)), nz(Uploads.text(v3Username)),
                nz(Uploads.text(authProtocol)), nz(Uploads.text(privProtocol)));
        String privateKey;
        try {
            privateKey = privateKey(secret(pastedKey), Uploads.files(keyFile));
        } catch (IllegalArgumentException e) {
            return page(request, typed, pages.text(request, e.getMessage(), MAX_KEY_FILE / 1024), HttpStatus.BAD_REQUEST);
        }
        boolean snmp = Credential.SNMP.equals(kind);
        try {
            credentials.create(caller, new CredentialService.NewCredential(Uploads.text(name), kind,
                    blankToNull(snmp ? typed.v3Username() : typed.username()), secret(password), privateKey,
                    secret(passphrase), secret(community), blankToNull(typed.authProtocol()),
                    secret(authPassphrase), blankToNull(typed.privProtocol()), secret(privPassphrase)));
        } catch (Refusal e) {
            if (RefusalStatus.of(e) != HttpStatus.BAD_REQUEST && RefusalStatus.of(e) != HttpStatus.CONFLICT) {
                throw e;
            }
            return page(request, typed, pages.text(request, "credentials.error.rejected", pages.message(request, e)), RefusalStatus.of(e));
        }
        return HttpResponse.seeOther(URI.create("/credentials?done=created"));
    }

    @Post("/{id}/delete")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> delete(HttpRequest<?> request, Caller caller, @PathVariable String id) {
        try {
            credentials.delete(caller, id);
        } catch (Refusal e) {
            if (RefusalStatus.of(e) != HttpStatus.CONFLICT) {
                throw e;
            }
            return page(request, Typed.EMPTY, pages.text(request, "credentials.error.inUse", pages.message(request, e)), HttpStatus.CONFLICT);
        }
        return HttpResponse.seeOther(URI.create("/credentials?done=deleted"));
    }

    /**
     * The private key from the text area or the uploaded file (one of them); null when neither.
     *
     * @throws IllegalArgumentException with the message key of the problem
     */
    static String privateKey(String pasted, List<Uploads.File> files) {
        if (files.isEmpty()) {
            return pasted;
        }
        if (pasted != null || files.size() > 1) {
            throw new IllegalArgumentException("credentials.error.keyTwice");
        }
        byte[] content = files.get(0).content();
        if (content.length > MAX_KEY_FILE) {
            throw new IllegalArgumentException("credentials.error.keyFile");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("credentials.error.keyFile");
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private HttpResponse<?> page(HttpRequest<?> request, Typed typed, String error, HttpStatus status) {
        Map<String, Object> m = pages.model(request, "credentials.title");
        Map<String, List<String>> usage = credentials.usage();
        m.put("rows", credentials.all().stream().map(c -> new Row(c, usage.getOrDefault(c.id(), List.of()))).toList());
        m.put("typed", typed);
        m.put("kinds", Credential.KINDS);
        m.put("authProtocols", Arrays.stream(SnmpV3User.Auth.values()).filter(a -> a != SnmpV3User.Auth.NONE).map(SnmpV3User.Auth::label).toList());
        m.put("privProtocols", Arrays.stream(SnmpV3User.Priv.values()).filter(p -> p != SnmpV3User.Priv.NONE).map(SnmpV3User.Priv::label).toList());
        m.put("maxKeyKb", MAX_KEY_FILE / 1024);
        if (error != null) {
            m.put("error", error);
        }
        return pages.page(request, status, "credentials", m);
    }

    /** A secret exactly as typed (spaces are part of it); an empty field is no value. */
    private static String secret(String raw) {
        return raw == null || raw.isEmpty() ? null : raw;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
