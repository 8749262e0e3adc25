package dev.hotconf.it.host.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A custom constraint, as applications write them: an even port number. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = EvenPortValidator.class)
public @interface EvenPort {
  String message() default "must be an even port number";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
