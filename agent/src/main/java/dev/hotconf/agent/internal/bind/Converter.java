package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.Quantities;
import dev.hotconf.agent.internal.load.Node;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts a configuration value to a field's declared type, from the text the user wrote. The
 * results are immutable (collections included), so one converted value can be shared by every
 * instance of a class.
 */
final class Converter {
  private Converter() {}

  /** Whether {@code type} is one this converter handles: checked once, when a field is bound. */
  static boolean supports(Type type) {
    return supports(type, new HashSet<>());
  }

  private static boolean supports(Type type, Set<Class<?>> visiting) {
    if (type instanceof Class) {
      Class<?> c = (Class<?>) type;
      if (isScalar(c)) return true;
      StructuredType structure = StructuredType.of(c);
      if (structure == null || !visiting.add(c)) return false; // a type that contains itself
      for (StructuredType.Property p : structure.properties.values()) {
        if (!supports(p.type, visiting)) return false;
      }
      visiting.remove(c);
      return true;
    }
    if (type instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) type;
      Type raw = p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (raw == List.class || raw == Set.class || raw == Collection.class) {
        return args[0] instanceof Class && supports(args[0], visiting);
      }
      if (raw == Map.class) {
        return args[0] == String.class && args[1] instanceof Class && supports(args[1], visiting);
      }
    }
    return false;
  }

  private static boolean isScalar(Class<?> c) {
    return c == String.class
        || c.isPrimitive() && c != void.class
        || box(c) != null
        || c.isEnum()
        || c == Duration.class
        || c == Path.class
        || c == URI.class
        || c == BigDecimal.class
        || c == BigInteger.class;
  }

  /**
   * Whether a value of {@code type} takes the configuration key {@code rest} below its own path:
   * any key for a map, the properties of a structure, nothing below a scalar or a list.
   */
  static boolean covers(Type type, List<String> rest) {
    if (rest.isEmpty()) return true;
    if (type instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) type;
      if (p.getRawType() != Map.class) return false;
      return covers(p.getActualTypeArguments()[1], rest.subList(1, rest.size()));
    }
    if (!(type instanceof Class) || isScalar((Class<?>) type)) return false;
    StructuredType structure = StructuredType.of((Class<?>) type);
    if (structure == null) return false;
    StructuredType.Property property = structure.property(rest.get(0));
    return property != null && covers(property.type, rest.subList(1, rest.size()));
  }

  /** The type as a reader of a message would write it: {@code int}, {@code List<Duration>}. */
  static String describe(Type type) {
    if (type instanceof Class) return ((Class<?>) type).getSimpleName();
    if (type instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) type;
      StringBuilder out = new StringBuilder(describe(p.getRawType())).append('<');
      Type[] args = p.getActualTypeArguments();
      for (int i = 0; i < args.length; i++) {
        if (i > 0) out.append(',');
        out.append(describe(args[i]));
      }
      return out.append('>').toString();
    }
    if (type instanceof WildcardType) return "?";
    return type.getTypeName();
  }

  /**
   * Converts {@code node} to {@code type}.
   *
   * @param secret whether the value must not appear in the message
   * @throws ConversionException saying what was expected and what was found
   */
  static Object convert(Node node, Type type, boolean secret) throws ConversionException {
    if (type instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) type;
      Type raw = p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (raw == Map.class) return toMap(node, type, args[1], secret);
      List<Object> items = toList(node, type, args[0], secret);
      if (raw == List.class) return Collections.unmodifiableList(items);
      return Collections.unmodifiableSet(new LinkedHashSet<>(items));
    }
    Class<?> c = (Class<?>) type;
    if (!isScalar(c)) {
      if (!(node instanceof Node.Mapping)) {
        throw new ConversionException(
            node.origin(),
            "expected " + describe(type) + " (a mapping), got " + kind(node, secret));
      }
      return StructuredType.of(c).build((Node.Mapping) node, secret);
    }
    String text = scalar(node, type, secret);
    try {
      return convertScalar(text, c);
    } catch (IllegalArgumentException | ArithmeticException e) {
      // Our own hints ("one of A, B") help; the JDK's number-format texts only repeat the input.
      String detail =
          e.getMessage() == null || e instanceof NumberFormatException
              ? ""
              : " (" + e.getMessage() + ")";
      throw new ConversionException(
          node.origin(), "expected " + describe(c) + ", got " + shown(text, secret) + detail);
    }
  }

  private static List<Object> toList(Node node, Type type, Type element, boolean secret)
      throws ConversionException {
    if (!(node instanceof Node.Sequence)) {
      throw new ConversionException(
          node.origin(), "expected " + describe(type) + " (a list), got " + kind(node, secret));
    }
    List<Node> items = ((Node.Sequence) node).items();
    List<Object> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      if (item.isNull()) throw new ConversionException(item.origin(), "is null").at(i);
      try {
        out.add(convert(item, element, secret));
      } catch (ConversionException e) {
        throw e.at(i);
      }
    }
    return out;
  }

  private static Map<String, Object> toMap(Node node, Type type, Type value, boolean secret)
      throws ConversionException {
    if (!(node instanceof Node.Mapping)) {
      throw new ConversionException(
          node.origin(), "expected " + describe(type) + " (a mapping), got " + kind(node, secret));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : ((Node.Mapping) node).entries().entrySet()) {
      Node item = e.getValue();
      if (item.isNull()) throw new ConversionException(item.origin(), "is null").under(e.getKey());
      try {
        out.put(e.getKey(), convert(item, value, secret));
      } catch (ConversionException x) {
        throw x.under(e.getKey());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static String scalar(Node node, Type type, boolean secret) throws ConversionException {
    if (node instanceof Node.Scalar) return ((Node.Scalar) node).text();
    throw new ConversionException(
        node.origin(), "expected " + describe(type) + ", got " + kind(node, secret));
  }

  private static String kind(Node node, boolean secret) {
    if (node instanceof Node.Sequence) return "a list";
    if (node instanceof Node.Mapping) return "a mapping";
    return shown(((Node.Scalar) node).text(), secret);
  }

  private static String shown(String text, boolean secret) {
    return secret ? "a value (hidden: the key looks secret)" : "'" + text + "'";
  }

  private static Object convertScalar(String text, Class<?> c) {
    if (c == String.class) return text;
    Class<?> boxed = c.isPrimitive() ? box(c) : c;
    String t = text.trim();
    if (boxed == Integer.class) return (int) integer(t, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (boxed == Long.class) return integer(t, Long.MIN_VALUE, Long.MAX_VALUE);
    if (boxed == Short.class) return (short) integer(t, Short.MIN_VALUE, Short.MAX_VALUE);
    if (boxed == Byte.class) return (byte) integer(t, Byte.MIN_VALUE, Byte.MAX_VALUE);
    if (boxed == Double.class) return Double.parseDouble(number(t));
    if (boxed == Float.class) return Float.parseFloat(number(t));
    if (boxed == Boolean.class) return bool(t);
    if (boxed == Character.class) {
      if (text.length() != 1) throw new IllegalArgumentException("use exactly one character");
      return text.charAt(0);
    }
    if (c.isEnum()) return enumConstant(c, t);
    if (c == Duration.class) return Quantities.duration(t);
    if (c == Path.class) {
      try {
        return Path.of(text);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException(e.getReason());
      }
    }
    if (c == URI.class) {
      try {
        return new URI(t);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(e.getReason());
      }
    }
    if (c == BigDecimal.class) return new BigDecimal(number(t));
    if (c == BigInteger.class) return new BigInteger(number(t));
    throw new IllegalStateException("unsupported type " + c);
  }

  /** Decimal or {@code 0x} hexadecimal, {@code _} allowed between digits, range checked. */
  private static long integer(String t, long min, long max) {
    String s = number(t);
    boolean negative = s.startsWith("-");
    String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
    long value;
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      value = new BigInteger(digits.substring(2), 16).longValueExact();
    } else {
      if (!allDigits(digits)) throw new NumberFormatException();
      value = new BigInteger(digits).longValueExact();
    }
    if (negative) value = -value;
    if (value < min || value > max) {
      throw new IllegalArgumentException("out of range " + min + ".." + max);
    }
    return value;
  }

  private static boolean allDigits(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
    }
    return true;
  }

  private static String number(String t) {
    if (t.startsWith("_") || t.endsWith("_") || t.contains("__")) throw new NumberFormatException();
    return t.replace("_", "");
  }

  private static boolean bool(String t) {
    switch (t.toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
        return true;
      case "false":
      case "no":
      case "off":
        return false;
      default:
        throw new IllegalArgumentException("use true or false");
    }
  }

  private static Object enumConstant(Class<?> c, String t) {
    List<String> names = new ArrayList<>();
    for (Object constant : c.getEnumConstants()) {
      String name = ((Enum<?>) constant).name();
      if (name.equalsIgnoreCase(t) || name.equalsIgnoreCase(t.replace('-', '_'))) return constant;
      names.add(name);
    }
    throw new IllegalArgumentException("use one of " + String.join(", ", names));
  }

  private static Class<?> box(Class<?> c) {
    if (c == int.class || c == Integer.class) return Integer.class;
    if (c == long.class || c == Long.class) return Long.class;
    if (c == boolean.class || c == Boolean.class) return Boolean.class;
    if (c == double.class || c == Double.class) return Double.class;
    if (c == float.class || c == Float.class) return Float.class;
    if (c == short.class || c == Short.class) return Short.class;
    if (c == byte.class || c == Byte.class) return Byte.class;
    if (c == char.class || c == Character.class) return Character.class;
    return null;
  }
}
