package dev.lexguard.permissions.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TemporalTest {

    @Test
    void nowMeansTheCurrentRows() {
        assertThat(Temporal.at("select 1 from t x where {valid:x} and {active:u}", null))
                .isEqualTo("select 1 from t x where x.valid_to is null and u.status <> 'deactivated'");
    }

    @Test
    void atMeansTheRowsValidThen() {
        assertThat(Temporal.at("where {valid:gm}", Instant.EPOCH)).isEqualTo(
                "where (gm.valid_from <= cast(:at as timestamptz) and (gm.valid_to is null or gm.valid_to > cast(:at as timestamptz)))");
    }

    @Test
    void anUnknownPlaceholderIsABug() {
        assertThatThrownBy(() -> Temporal.at("{nope:x}", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
