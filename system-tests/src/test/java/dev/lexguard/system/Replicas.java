package dev.lexguard.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many processes of each service a story needs ({@link TheSystem} restarts the services when the running system
 * has another number); stories without it get one of each.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Replicas {

    int value();
}
