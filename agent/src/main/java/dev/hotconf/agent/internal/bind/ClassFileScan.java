package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.Names;
import java.nio.charset.StandardCharsets;

/**
 * Tells from a class file's bytes, without parsing it, whether the class may declare bindings: a
 * class that uses an annotation names its descriptor ({@code Ldev/hotconf/Reloadable;}) as an entry
 * of its constant pool. The walk reads each entry's tag and length and compares only entries of the
 * descriptors' exact lengths — a few hundred steps for a typical class, well under a microsecond.
 */
public final class ClassFileScan {
  private static final byte[] RELOADABLE =
      Names.RELOADABLE_DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ON_RELOAD =
      Names.ON_RELOAD_DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);

  private ClassFileScan() {}

  /** Whether the class file names {@code @Reloadable} or {@code @OnReload}. */
  public static boolean mentionsAnnotations(byte[] bytes) {
    if (bytes.length < 10
        || (bytes[0] & 0xFF) != 0xCA
        || (bytes[1] & 0xFF) != 0xFE
        || (bytes[2] & 0xFF) != 0xBA
        || (bytes[3] & 0xFF) != 0xBE) {
      return false;
    }
    int count = u2(bytes, 8);
    int at = 10;
    try {
      for (int i = 1; i < count; i++) {
        switch (bytes[at]) {
          case 1: // Utf8
            int length = u2(bytes, at + 1);
            if (length == RELOADABLE.length && equalAt(bytes, at + 3, RELOADABLE)
                || length == ON_RELOAD.length && equalAt(bytes, at + 3, ON_RELOAD)) {
              return true;
            }
            at += 3 + length;
            break;
          case 7: // Class
          case 8: // String
          case 16: // MethodType
          case 19: // Module
          case 20: // Package
            at += 3;
            break;
          case 15: // MethodHandle
            at += 4;
            break;
          case 3: // Integer
          case 4: // Float
          case 9: // Fieldref
          case 10: // Methodref
          case 11: // InterfaceMethodref
          case 12: // NameAndType
          case 17: // Dynamic
          case 18: // InvokeDynamic
            at += 5;
            break;
          case 5: // Long
          case 6: // Double: two entries
            at += 9;
            i++;
            break;
          default:
            return scanAll(bytes); // a tag of a future class file version: look everywhere
        }
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      return false; // truncated: the JVM will refuse it anyway
    }
    return false;
  }

  private static int u2(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
  }

  private static boolean equalAt(byte[] bytes, int at, byte[] expected) {
    if (at + expected.length > bytes.length) return false;
    for (int k = 0; k < expected.length; k++) {
      if (bytes[at + k] != expected[k]) return false;
    }
    return true;
  }

  /** The slow way, for a constant pool this class cannot walk: every position. */
  private static boolean scanAll(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 'L' && (equalAt(bytes, i, RELOADABLE) || equalAt(bytes, i, ON_RELOAD))) {
        return true;
      }
    }
    return false;
  }
}
