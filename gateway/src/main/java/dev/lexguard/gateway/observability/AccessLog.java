package dev.lexguard.gateway.observability;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One structured line per request on the {@code dev.lexguard.gateway.access} category: the fields go into
 * the MDC (so the JSON console log carries them as properties) and a short summary into the message.
 * Never a token, a query string (it may carry one) or a body.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger("dev.lexguard.gateway.access");

    public boolean enabled() {
        return LOG.isInfoEnabled();
    }

    public void log(Map<String, Object> fields, String summary) {
        fields.forEach((key, value) -> {
            if (value != null) {
                MDC.put(key, String.valueOf(value));
            }
        });
        try {
            LOG.info(summary);
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }
}
