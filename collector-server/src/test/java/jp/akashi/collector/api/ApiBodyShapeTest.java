package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;

/**
 * Pins the JSON shape (field names, their order, which are written as null, nesting, empty lists)
 * of the API bodies answered by records (issue #17 §4), so a record that drops or renames a field,
 * or leaves out a null the Map used to write, fails here.
 */
@ExtendWith(SoftAssertionsExtension.class)
public class ApiBodyShapeTest {
    @InjectSoftAssertions
    SoftAssertions soft;
    static TestCollector c;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
        admin = c.adminToken();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    /** Each field's name; "=null" where written as null; nested objects in braces; a list by its first element. */
    public static String shape(JsonNode n) {
        if (n.isObject()) {
            StringBuilder b = new StringBuilder("{");
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                b.append(e.getKey()).append(e.getValue().isNull() ? "=null" : shape(e.getValue()));
                if (it.hasNext()) {
                    b.append(',');
                }
            }
            return b.append('}').toString();
        }
        if (n.isArray()) {
            return n.isEmpty() ? "[]" : "[" + (n.get(0).isContainerNode() ? shape(n.get(0)) : "_") + "]";
        }
        return "";
    }

    static JsonNode ok(Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.json();
    }

    @Test
    void agentUpdateUsersAndCredentials() {
        soft.assertThat(shape(ok(c.get("/api/v1/agent-update", admin), 200))).isEqualTo("{allowed}");
        String user = "{id,username,displayName,role,disabled,mustChangePassword,createdAt}";
        JsonNode u = ok(c.postJson("/api/v1/users", admin, Map.of("username", "shape1", "role", "auditor", "password", "long-enough-password")), 201);
        soft.assertThat(shape(u)).as("a null displayName is written").isEqualTo(user.replace("displayName,", "displayName=null,"));
        soft.assertThat(shape(ok(c.send("PATCH", "/api/v1/users/" + u.get("id").asText(), admin,
                "{\"displayName\":\"Shape\"}".getBytes(), Map.of("Content-Type", "application/json")), 200))).isEqualTo(user);
        soft.assertThat(shape(ok(c.get("/api/v1/users", admin), 200))).isEqualTo("[" + user + "]");

        JsonNode cred = ok(c.postJson("/api/v1/credentials", admin, Map.of("name", "shape pw", "kind", "ssh-password", "username", "u",
                "password", "pw-secret-1")), 201);
        soft.assertThat(shape(cred)).isEqualTo("{id,name,kind,username,settings{},secret,fingerprint=null,keyId,createdBy,createdAt,usedBy[]}");
        soft.assertThat(shape(ok(c.get("/api/v1/credentials", admin), 200))).isEqualTo("[{id,name,kind,username,settings{},secret,fingerprint=null,keyId,createdBy,createdAt,usedBy[]}]");
    }

    @Test
    void auth() {
        String t = c.userToken("shape-auth", "security");
        soft.assertThat(shape(ok(c.postJson("/api/v1/auth/login", null, Map.of("username", "shape-auth", "password", "password-of-shape-auth")), 200)))
                .isEqualTo("{token,tokenType,expiresAt,username,role,mustChangePassword}");
        soft.assertThat(shape(ok(c.get("/api/v1/auth/me", t), 200))).isEqualTo("{username,role}");
        soft.assertThat(shape(ok(c.get("/api/v1/auth/sessions", t), 200))).isEqualTo("{sessions[{id,kind,createdAt,lastSeenAt,expiresAt,client,userAgent,current}]}");
        soft.assertThat(shape(ok(c.postJson("/api/v1/auth/sessions/revoke-all", t, Map.of()), 200))).isEqualTo("{ended}");
    }

    @Test
    void enrollment() {
        JsonNode tok = ok(c.postJson("/api/v1/enrollment-tokens", admin, Map.of("maxUses", 1)), 201);
        soft.assertThat(shape(tok)).isEqualTo("{id,token,expiresAt,maxUses,server,fingerprint=null,enrollCommands{linux,windows},installCommands{linux,windows}}");
        soft.assertThat(shape(ok(c.get("/api/v1/enrollment-tokens", admin), 200))).isEqualTo("[{id,createdAt,expiresAt,maxUses,uses,revoked,note=null}]");
        soft.assertThat(shape(ok(c.postJson("/api/v1/enroll", null, Map.of("token", tok.get("token").asText(), "name", "shape-agent")), 201)))
                .as("the agent reads agentId and credential (cli.EnrollCommand); a Map.of before, in no fixed order")
                .isEqualTo("{agentId,credential}");
        soft.assertThat(shape(ok(c.get("/api/v1/agents", admin), 200))).isEqualTo("[{id,name,assetId=null,createdAt,lastSeenAt=null,version=null,lastAddress=null,revoked,state,missedIntervals,intervalSeconds=null,probeErrors=null,collectMillis=null,clockSkewMillis=null,clockSkewed,failingProbes[],runtime{javaVersion=null,javaVendor=null,bundled=null},peakRssBytes=null,peakRssSource=null,spoolPending=null,update=null,outdated}]");
    }

    @Test
    void snapshots() {
        JsonNode s = ok(c.postJson("/api/v1/snapshots", admin, Map.of()), 201);
        soft.assertThat(shape(s)).isEqualTo("{id,seq,createdAt,createdBy,trigger,note=null,manifestSha256,previousSha256=null,keyFingerprint,size,counts{files,assets,criteria,checkResults,answers,attachments,exceptions},scores[{framework,version,application,status,summary{ja,en}}],auditLog{headSeq,headHash},timeStamp{status,time=null,attempts,error=null,message},download}");
        soft.assertThat(shape(ok(c.get("/api/v1/snapshots", admin), 200))).isEqualTo("{total,offset,limit,items[{id,seq,createdAt,createdBy,trigger,note=null,manifestSha256,previousSha256=null,keyFingerprint,size,counts{files,assets,criteria,checkResults,answers,attachments,exceptions},scores[{framework,version,application,status,summary{ja,en}}],auditLog{headSeq,headHash},timeStamp{status,time=null,attempts,error=null,message},download}],schedule{cron,nextRun},keyFingerprint}");
        String id = s.get("id").asText();
        soft.assertThat(shape(ok(c.get("/api/v1/snapshots/" + id, admin), 200))).isEqualTo("{id,seq,createdAt,createdBy,trigger,note=null,manifestSha256,previousSha256=null,keyFingerprint,size,counts{files,assets,criteria,checkResults,answers,attachments,exceptions},scores[{framework,version,application,status,summary{ja,en}}],auditLog{headSeq,headHash},timeStamp{status,time=null,attempts,error=null,message},download}");
        soft.assertThat(shape(ok(c.get("/api/v1/snapshots/" + id + "?verify=true", admin), 200))).isEqualTo("{id,seq,createdAt,createdBy,trigger,note=null,manifestSha256,previousSha256=null,keyFingerprint,size,counts{files,assets,criteria,checkResults,answers,attachments,exceptions},scores[{framework,version,application,status,summary{ja,en}}],auditLog{headSeq,headHash},timeStamp{status,time=null,attempts,error=null,message},download,verification{ok,problems[],notes[_]}}");
        soft.assertThat(shape(ok(c.postJson("/api/v1/snapshots/" + id + "/share", admin, Map.of("days", 3)), 201))).isEqualTo("{id,snapshotId,createdBy,createdAt,expiresAt,note=null,revokedAt=null,revokedBy=null,downloads,lastUsedAt=null,token,path,url=null}");
        soft.assertThat(shape(ok(c.get("/api/v1/snapshots/" + id + "/shares", admin), 200))).isEqualTo("[{id,snapshotId,createdBy,createdAt,expiresAt,note=null,revokedAt=null,revokedBy=null,downloads,lastUsedAt=null}]");
    }

    @Test
    void targets() {
        JsonNode t = ok(c.postJson("/api/v1/targets", admin, Map.of("name", "shape target", "address", "127.0.0.1", "probes", List.of("ports"),
                "enabled", false)), 201);
        soft.assertThat(shape(t)).isEqualTo("{id,name,address,kind,probes[_],options{ports,tlsPorts[_],sshPort,snmpPort,sudo,testWellKnownCommunities,snmpTimeoutMs,snmpRetries},intervalMinutes,credentialId=null,enabled,hostKey{fingerprint=null,pinnedAt=null},assetId=null,running,nextRunAt=null,lastRunAt=null,lastOutcome=null,lastMessage=null,createdBy,createdAt,updatedAt}");
        String id = t.get("id").asText();
        soft.assertThat(shape(ok(c.get("/api/v1/targets/" + id, admin), 200))).isEqualTo("{id,name,address,kind,probes[_],options{ports,tlsPorts[_],sshPort,snmpPort,sudo,testWellKnownCommunities,snmpTimeoutMs,snmpRetries},intervalMinutes,credentialId=null,enabled,hostKey{fingerprint=null,pinnedAt=null},assetId=null,running,nextRunAt=null,lastRunAt=null,lastOutcome=null,lastMessage=null,createdBy,createdAt,updatedAt}");
        soft.assertThat(shape(ok(c.get("/api/v1/targets", admin), 200))).isEqualTo("[{id,name,address,kind,probes[_],options{ports,tlsPorts[_],sshPort,snmpPort,sudo,testWellKnownCommunities,snmpTimeoutMs,snmpRetries},intervalMinutes,credentialId=null,enabled,hostKey{fingerprint=null,pinnedAt=null},assetId=null,running,nextRunAt=null,lastRunAt=null,lastOutcome=null,lastMessage=null,createdBy,createdAt,updatedAt}]");
        soft.assertThat(shape(ok(c.get("/api/v1/targets/" + id + "/runs", admin), 200))).isEqualTo("[]");
    }
}
