package dev.lexguard.identity.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base32Test {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(value = {
        "'', ''",
        "f, MY",
        "fo, MZXQ",
        "foo, MZXW6",
        "foob, MZXW6YQ",
        "fooba, MZXW6YTB",
        "foobar, MZXW6YTBOI",
    })
    void encodesTheRfc4648VectorsWithoutPadding(String text, String base32) {
        assertThat(Base32.encode(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(base32);
        assertThat(Base32.decode(base32)).isEqualTo(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void roundTripsEveryLengthFromZeroToSixtyFiveBytes() {
        Random random = new Random(42);
        for (int length = 0; length <= 65; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String encoded = Base32.encode(bytes);
            assertThat(encoded).doesNotContain("=").matches("[A-Z2-7]*");
            assertThat(Base32.decode(encoded)).as("length %d", length).isEqualTo(bytes);
        }
    }

    @Test
    void roundTripsAllZeroAndAllOneBytes() {
        byte[] zeros = new byte[20];
        byte[] ones = new byte[20];
        Arrays.fill(ones, (byte) 0xff);
        assertThat(Base32.decode(Base32.encode(zeros))).isEqualTo(zeros);
        assertThat(Base32.decode(Base32.encode(ones))).isEqualTo(ones);
    }

    @Test
    void decodingIgnoresCaseSpacesAndPadding() {
        byte[] expected = "foobar".getBytes(StandardCharsets.US_ASCII);
        assertThat(Base32.decode("mzxw6ytboi")).isEqualTo(expected);
        assertThat(Base32.decode("MzXw 6yTb oI")).isEqualTo(expected);
        assertThat(Base32.decode(" MZXW\t6YTB\nOI ")).isEqualTo(expected);
        assertThat(Base32.decode("MZXW6YTBOI======")).isEqualTo(expected);
    }

    @Test
    void decodingRejectsCharactersOutsideTheAlphabet() {
        assertThatThrownBy(() -> Base32.decode("MZXW6YT1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base32.decode("MZXW6YT8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base32.decode("MZXW-6YTB")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base32.decode("MZXWÄYTB")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodingRejectsLengthsNoEncodingProduces() {
        assertThatThrownBy(() -> Base32.decode("M")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base32.decode("MZX")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base32.decode("MZXW6Y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodingRejectsNonZeroTrailingBits() {
        assertThatThrownBy(() -> Base32.decode("MZ")).isInstanceOf(IllegalArgumentException.class);
    }
}
