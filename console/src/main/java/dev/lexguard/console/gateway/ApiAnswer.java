package dev.lexguard.console.gateway;

import io.vertx.core.json.JsonObject;

/**
 * The gateway's answer: its status and its JSON body (an empty object when it had none or none that parsed; an array
 * as the {@code items} of an object, as in the API's pages).
 */
public record ApiAnswer(int status, JsonObject body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        // bodies carry tokens: never in a log line
        return "ApiAnswer[status=" + status + "]";
    }
}
