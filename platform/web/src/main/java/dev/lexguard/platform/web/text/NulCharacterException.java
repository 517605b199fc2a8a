package dev.lexguard.platform.web.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string with the NUL character (U+0000); its message never repeats the value. */
public class NulCharacterException extends MismatchedInputException {

    private static final long serialVersionUID = 1L;

    public NulCharacterException(JsonParser parser) {
        super(parser, "text " + NulCharacters.MESSAGE, String.class);
    }
}
