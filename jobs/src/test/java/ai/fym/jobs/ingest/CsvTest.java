package ai.fym.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void splitsQuotedFieldsWithCommasAndDoubledQuotes() {
    assertEquals(List.of("a", "b,c", "say \"hi\"", ""), Csv.split("a,\"b,c\",\"say \"\"hi\"\"\","));
    assertEquals(List.of("only"), Csv.split("only"));
  }
}
