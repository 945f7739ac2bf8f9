/** FYM compute engine: pure Java + DJL, no Spark. */
package ai.fym.engine;
