package ai.fym.engine.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.errors.FymException;
import org.junit.jupiter.api.Test;

class SafeNamesTest {
  @Test
  void acceptsOrdinaryNames() throws FymException {
    assertEquals("alice_01", SafeNames.check("identity", "alice_01"));
    assertTrue(SafeNames.isSafe("Megamind clip (2010)"));
  }

  @Test
  void rejectsTraversalSeparatorsAndControlCharacters() {
    for (String bad : new String[] {"", " ", ".", "..", "../etc", "a/b", "a\\b", "bell\u0007", "new\nline", ".hidden"}) {
      assertFalse(SafeNames.isSafe(bad), bad);
    }
    FymException e = assertThrows(FymException.class, () -> SafeNames.check("clip", "a\u0001b"));
    assertEquals(FymException.Reason.UNSAFE_NAME, e.reason());
    assertTrue(e.getMessage().contains("\\u0001"), e.getMessage());
  }
}
