package dev.lexguard.mailer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubjectTest {

    @Test
    void aValueCannotStartAHeaderNorFillAnotherPlaceholder() {
        assertThat(Postman.subject("A share ends in {days} days: {title}",
                Map.of("days", 5, "title", "Letter\r\nBcc: attacker@example.com {days}")))
                .isEqualTo("A share ends in 5 days: Letter  Bcc: attacker@example.com {days}");
    }

    @Test
    void anUnknownPlaceholderStaysAsWritten() {
        assertThat(Postman.subject("The {firm} feed review is due", Map.of())).isEqualTo("The {firm} feed review is due");
    }
}
