/** Spark-facing functions over the engine. */
package ai.fym.udfs;
