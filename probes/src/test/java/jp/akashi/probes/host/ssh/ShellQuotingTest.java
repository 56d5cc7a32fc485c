package jp.akashi.probes.host.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ShellQuotingTest {

    @Test
    void singleQuotesEveryArgumentAndEscapesEmbeddedQuotes() {
        assertThat(ShellQuoting.quote("plain")).isEqualTo("'plain'");
        assertThat(ShellQuoting.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellQuoting.quote("")).isEqualTo("''");
        assertThat(ShellQuoting.quote("$(rm -rf /)`x`")).isEqualTo("'$(rm -rf /)`x`'");
    }

    @Test
    void commandLineFixesLocaleExtendsPathAndOptionallyUsesSudoAndTimeout() {
        assertThat(ShellQuoting.commandLine(List.of("cat", "/etc/os-release"), false, null))
                .isEqualTo("env LC_ALL=C LANG=C \"PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin\" 'cat' '/etc/os-release'");
        assertThat(ShellQuoting.commandLine(List.of("id", "-u"), true, Duration.ofMillis(5500)))
                .isEqualTo("sudo -n env LC_ALL=C LANG=C \"PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin\" timeout -s KILL 5.500s 'id' '-u'");
    }

    @Test
    void refusesWhatCannotBeQuoted() {
        assertThatThrownBy(() -> ShellQuoting.commandLine(List.of(), false, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShellQuoting.commandLine(List.of("echo", "a\0b"), false, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
