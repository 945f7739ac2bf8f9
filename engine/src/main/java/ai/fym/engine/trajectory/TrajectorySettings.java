package ai.fym.engine.trajectory;

import ai.fym.engine.hashgrid.HashGridConfig;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a shot's trajectory field is built and trained (read from the {@code fym.trajectory.*} keys of the one
 * configuration class). {@link #canonical()} lists every value that changes the trained field, and its hash
 * tells stored fields apart, so a field is reused only under the settings it was trained with.
 *
 * @param grid the hash encoding
 * @param hidden width of the decoder's hidden layers
 * @param hiddenLayers number of hidden layers
 * @param workingSize the long side, in pixels, of the frames the field is trained on
 * @param steps optimiser steps per shot
 * @param batch pixels sampled per step (each also evaluated at its predecessor for the smoothness term)
 * @param hashLearningRate Adam step size of the hash tables
 * @param mlpLearningRate Adam step size of the decoder
 * @param annealFraction share of the steps over which levels are switched on, coarse to fine
 * @param photometricWeight weight of the photometric loss (shot's first frame warped by the field vs frame t)
 * @param flowWeight weight of the flow supervision (classical flow t -> first frame, where consistent)
 * @param smoothnessWeight weight of the temporal smoothness (a pixel and its predecessor land together)
 * @param checkpointEvery steps between checkpoints (0: none)
 * @param seed initialisation and sampling seed
 * @param threads CPU threads of the hash kernel
 */
public record TrajectorySettings(HashGridConfig grid, int hidden, int hiddenLayers, int workingSize, int steps,
    int batch, double hashLearningRate, double mlpLearningRate, double annealFraction, double photometricWeight,
    double flowWeight, double smoothnessWeight, int checkpointEvery, long seed, int threads) {

  public TrajectorySettings {
    if (hidden < 1 || hiddenLayers < 1 || workingSize < 16 || steps < 0 || batch < 1 || threads < 1
        || checkpointEvery < 0) {
      throw new IllegalArgumentException("invalid trajectory settings: " + canonicalOf(grid, hidden, hiddenLayers,
          workingSize, steps, batch, hashLearningRate, mlpLearningRate, annealFraction, photometricWeight,
          flowWeight, smoothnessWeight, seed));
    }
  }

  /** Every value that changes the trained field, sorted by name (threads and checkpoints do not). */
  public Map<String, String> canonical() {
    return canonicalOf(grid, hidden, hiddenLayers, workingSize, steps, batch, hashLearningRate, mlpLearningRate,
        annealFraction, photometricWeight, flowWeight, smoothnessWeight, seed);
  }

  /** The first 12 hex digits of the sha256 of {@link #canonical()}. */
  public String hash() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(canonical().toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** These settings with {@code steps} replaced (tests and benchmarks). */
  public TrajectorySettings withSteps(int newSteps) {
    return new TrajectorySettings(grid, hidden, hiddenLayers, workingSize, newSteps, batch, hashLearningRate,
        mlpLearningRate, annealFraction, photometricWeight, flowWeight, smoothnessWeight, checkpointEvery, seed,
        threads);
  }

  /** Settings from a {@link #canonical()} map (as stored with a field), run with the given threads. */
  public static TrajectorySettings fromCanonical(Map<String, String> m, int checkpointEvery, int threads) {
    HashGridConfig grid = new HashGridConfig(Integer.parseInt(m.get("levels")),
        Integer.parseInt(m.get("featuresPerLevel")), Integer.parseInt(m.get("log2TableSize")),
        Integer.parseInt(m.get("baseResolution")), Double.parseDouble(m.get("growth")));
    return new TrajectorySettings(grid, Integer.parseInt(m.get("hidden")), Integer.parseInt(m.get("hiddenLayers")),
        Integer.parseInt(m.get("workingSize")), Integer.parseInt(m.get("steps")), Integer.parseInt(m.get("batch")),
        Double.parseDouble(m.get("hashLearningRate")), Double.parseDouble(m.get("mlpLearningRate")),
        Double.parseDouble(m.get("annealFraction")), Double.parseDouble(m.get("photometricWeight")),
        Double.parseDouble(m.get("flowWeight")), Double.parseDouble(m.get("smoothnessWeight")), checkpointEvery,
        Long.parseLong(m.get("seed")), threads);
  }

  private static Map<String, String> canonicalOf(HashGridConfig g, int hidden, int hiddenLayers, int workingSize,
      int steps, int batch, double hashLr, double mlpLr, double anneal, double wPhoto, double wFlow, double wSmooth,
      long seed) {
    Map<String, String> m = new TreeMap<>();
    m.put("levels", Integer.toString(g.levels()));
    m.put("featuresPerLevel", Integer.toString(g.featuresPerLevel()));
    m.put("log2TableSize", Integer.toString(g.log2TableSize()));
    m.put("baseResolution", Integer.toString(g.baseResolution()));
    m.put("growth", number(g.growth()));
    m.put("hidden", Integer.toString(hidden));
    m.put("hiddenLayers", Integer.toString(hiddenLayers));
    m.put("workingSize", Integer.toString(workingSize));
    m.put("steps", Integer.toString(steps));
    m.put("batch", Integer.toString(batch));
    m.put("hashLearningRate", number(hashLr));
    m.put("mlpLearningRate", number(mlpLr));
    m.put("annealFraction", number(anneal));
    m.put("photometricWeight", number(wPhoto));
    m.put("flowWeight", number(wFlow));
    m.put("smoothnessWeight", number(wSmooth));
    m.put("seed", Long.toString(seed));
    return m;
  }

  private static String number(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
