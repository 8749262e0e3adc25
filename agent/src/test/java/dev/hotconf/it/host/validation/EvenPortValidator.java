package dev.hotconf.it.host.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link EvenPort}. */
public final class EvenPortValidator implements ConstraintValidator<EvenPort, Integer> {
  @Override
  public boolean isValid(Integer value, ConstraintValidatorContext context) {
    return value == null || value > 0 && value < 65536 && value % 2 == 0;
  }
}
