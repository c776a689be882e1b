package org.logitlab.core;

import org.logitlab.text.Refused;
import org.logitlab.text.Sentence;

/**
 * A configuration value that LogitLab cannot use; names the field and says what is allowed, in English as its
 * message and as a {@link org.logitlab.text.Reason} for other languages.
 */
public class InvalidConfigException extends Refused {
    public InvalidConfigException(String field, Sentence sentence, Object... args) {
        super(field, sentence.with(args));
    }
}
