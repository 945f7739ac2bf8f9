package ai.fym.engine.hashgrid;

/**
 * Shape of a multi-resolution hash encoding of (x, y, t) in [0,1]^3 (instant-ngp): {@code levels} grids whose
 * resolution grows geometrically from {@code baseResolution} by {@code growth} per level, each storing
 * {@code featuresPerLevel} features per vertex in a table of at most 2^{@code log2TableSize} entries.
 *
 * <p>Level l has resolution N_l = floor(N_min * b^l) cells per axis, so (N_l+1)^3 vertices.
 *
 * @param levels L, number of levels (1..32)
 * @param featuresPerLevel F, features per vertex (1..8)
 * @param log2TableSize log2 of the table size T (4..24)
 * @param baseResolution N_min, resolution of level 0 (1..4096)
 * @param growth b, resolution growth per level (1..4]
 */
public record HashGridConfig(int levels, int featuresPerLevel, int log2TableSize, int baseResolution, double growth) {

  /** Validates the ranges above and that the finest resolution stays below 2^20. */
  public HashGridConfig {
    check(levels >= 1 && levels <= 32, "levels must be in 1..32, got " + levels);
    check(featuresPerLevel >= 1 && featuresPerLevel <= 8, "featuresPerLevel must be in 1..8, got " + featuresPerLevel);
    check(log2TableSize >= 4 && log2TableSize <= 24, "log2TableSize must be in 4..24, got " + log2TableSize);
    check(baseResolution >= 1 && baseResolution <= 4096, "baseResolution must be in 1..4096, got " + baseResolution);
    check(growth >= 1.0 && growth <= 4.0, "growth must be in [1, 4], got " + growth);
    check(Math.floor(baseResolution * Math.pow(growth, levels - 1)) < (1 << 20),
        "finest resolution must stay below 2^20");
  }

  /** The configuration CoDeF used: L=16, F=2, T=2^19, N_min=16, b=1.38. */
  public static HashGridConfig codef() {
    return new HashGridConfig(16, 2, 19, 16, 1.38);
  }

  /** N_l = floor(N_min * b^l), the number of cells per axis of level {@code level}. */
  public int resolution(int level) {
    return (int) Math.floor(baseResolution * Math.pow(growth, level));
  }

  /** T = 2^log2T, the largest number of entries of one level's table. */
  public int tableSize() {
    return 1 << log2TableSize;
  }

  /** True when level {@code level} has no more vertices than T and is indexed directly, without hashing. */
  public boolean isDirect(int level) {
    long side = resolution(level) + 1L;
    return side * side * side <= tableSize();
  }

  /** Entries of level {@code level}'s table: min(T, (N_l+1)^3). */
  public int levelEntries(int level) {
    long side = resolution(level) + 1L;
    return (int) Math.min(tableSize(), side * side * side);
  }

  /** Features per point: L * F. */
  public int outputSize() {
    return levels * featuresPerLevel;
  }

  /** Total number of parameters: F times the sum of the level table entries. */
  public int paramCount() {
    long total = 0;
    for (int l = 0; l < levels; l++) {
      total += levelEntries(l);
    }
    return Math.toIntExact(total * featuresPerLevel);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
