package ai.fym.jobs.tables;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** A Delta table of the project: its name (also its folder and SQL view name), schema and natural key. */
public record TableDef(String name, StructType schema, List<String> keys) {}
