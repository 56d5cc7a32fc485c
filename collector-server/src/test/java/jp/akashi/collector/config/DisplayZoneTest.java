package jp.akashi.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class DisplayZoneTest {
    static final long NOON_UTC = Instant.parse("2026-11-20T12:00:00Z").toEpochMilli();

    @Test
    void theDefaultIsJapanTime() {
        DisplayZone z = DisplayZone.standard();
        assertThat(z.minute(NOON_UTC)).isEqualTo("2026-11-20 21:00");
        assertThat(z.abbreviation(NOON_UTC)).isEqualTo("JST");
        assertThat(Instant.ofEpochMilli(z.endOf(LocalDate.parse("2027-03-31")))).isEqualTo(Instant.parse("2027-03-31T14:59:59.999Z"));
    }

    @Test
    void aConfiguredZoneDecidesTimesDaysAndFileNames() {
        DisplayZone z = new DisplayZone("Europe/Berlin");
        assertThat(z.minute(NOON_UTC)).isEqualTo("2026-11-20 13:00");
        assertThat(z.abbreviation(NOON_UTC)).isEqualTo("CET");
        assertThat(z.compactMinute(Instant.parse("2026-11-20T23:30:00Z").toEpochMilli())).isEqualTo("20261121-0030");
        assertThat(z.date(Instant.parse("2026-11-20T23:30:00Z").toEpochMilli())).isEqualTo(LocalDate.parse("2026-11-21"));
    }

    @Test
    void anUnknownZoneIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new DisplayZone("Asia/Atlantis"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("akashi.display-zone").hasMessageContaining("Asia/Atlantis");
    }
}
