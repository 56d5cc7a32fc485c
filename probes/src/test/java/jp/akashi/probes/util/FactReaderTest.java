package jp.akashi.probes.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.MessageCode;

class FactReaderTest {
    private static final ObjectMapper M = Json.mapper();
    private static final Instant T = Instant.parse("2026-11-20T03:00:00.123Z");

    @Test
    void readsBackWhatTheWriterWrote() throws Exception {
        Map<String, Object> socket = new LinkedHashMap<>();
        socket.put("port", 22);
        socket.put("process", "sshd");
        List<Fact> facts = List.of(
                new Fact("os.name", FactStatus.OK, "Ubuntu 日本語", null, T, "linux.os", Evidence.of("file:/etc/os-release", "NAME=Ubuntu")),
                new Fact("patch.pending_count", FactStatus.OK, 12, null, T, "linux.patch", null),
                new Fact("net.listening", FactStatus.OK, List.of(socket), null, T, "linux.net", null),
                new Fact("auth.password.min_length", FactStatus.UNSUPPORTED, null, "no login.defs", T, "linux.auth", null),
                new Fact("av.realtime", FactStatus.OK, true, null, T, null, null),
                new Fact("av.last_scan_at", FactStatus.UNSUPPORTED, null, "no anti-malware product found", T, "linux.av", null,
                        new MessageCode("av.none_found", List.of())),
                new Fact("auth.lockout.threshold", FactStatus.ERROR, null, "cannot read /etc/x: I/O", T, "linux.auth", null,
                        new MessageCode("fact.file_unreadable", List.of("/etc/x", "I/O"))));
        String json = M.writeValueAsString(facts);
        assertThat(M.readValue(json, new TypeReference<List<Fact>>() { })).isEqualTo(facts);
    }

    @Test
    void skipsUnknownFieldsOfAnyShape() throws Exception {
        Fact f = M.readValue("{\"future\":{\"a\":[1,2]},\"key\":\"os.name\",\"status\":\"ok\",\"value\":\"x\","
                + "\"collectedAt\":\"2026-11-20T03:00:00.123Z\",\"other\":[{}]}", Fact.class);
        assertThat(f).isEqualTo(new Fact("os.name", FactStatus.OK, "x", null, T, null, null));
    }

    @Test
    void refusesWhatTheModelRefuses() {
        assertThatThrownBy(() -> M.readValue("{\"key\":\"os.name\",\"status\":\"maybe\"}", Fact.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("unknown fact status: maybe");
        assertThatThrownBy(() -> M.readValue("{\"key\":\"os.name\",\"status\":\"error\",\"value\":1}", Fact.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("carries a value");
        assertThatThrownBy(() -> M.readValue("{\"status\":\"ok\",\"value\":1}", Fact.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> M.readValue("{\"key\":[\"os.name\"],\"status\":\"ok\"}", Fact.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("'key' must be a string");
        assertThatThrownBy(() -> M.readValue("[\"os.name\"]", Fact.class)).isInstanceOf(JsonMappingException.class);
    }

    @Test
    void readsMessageCodesStrictly() {
        String base = "{\"key\":\"os.name\",\"status\":\"error\",\"message\":\"m\",\"messageCode\":";
        assertThatThrownBy(() -> M.readValue(base + "\"fact.x\"}", Fact.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("'messageCode' must be an object");
        assertThatThrownBy(() -> M.readValue(base + "{\"key\":\"fact.x\",\"args\":[1]}}", Fact.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("must hold strings");
        assertThatThrownBy(() -> M.readValue(base + "{\"key\":\"Fact X\"}}", Fact.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("dotted lower-case key");
        assertThatThrownBy(() -> M.readValue(base + "{\"args\":[]}}", Fact.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("messageCode");
        assertThatThrownBy(() -> M.readValue(base + "{\"key\":\"fact.x\",\"args\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"]}}",
                Fact.class)).isInstanceOf(JsonMappingException.class).hasMessageContaining("more than 8");
        assertThatThrownBy(() -> M.readValue("{\"key\":\"os.name\",\"status\":\"error\",\"messageCode\":{\"key\":\"fact.x\"}}",
                Fact.class)).isInstanceOf(JsonMappingException.class).hasMessageContaining("no message");
    }
}
