package org.logitlab.data;

import org.logitlab.text.Refused;
import org.logitlab.text.Sentence;

/**
 * A dataset request that cannot be met; names the field and says what is allowed, in English as its message and
 * as a {@link org.logitlab.text.Reason} for other languages.
 */
public class InvalidDatasetException extends Refused {
    public InvalidDatasetException(String field, Sentence sentence, Object... args) {
        super(field, sentence.with(args));
    }
}
