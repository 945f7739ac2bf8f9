package ai.fym.udfs.ml;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.errors.Errors;
import ai.fym.udfs.io.Localizer;
import ai.fym.udfs.models.ExecutorDenoisers;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * The {@code fym} consistency correction as a Spark ML {@link Transformer}, so inference over a table of frames is
 * one {@code transform} call, usable in a {@code Pipeline}. Each input row is one frame: {@code identity},
 * {@code clip}, {@code shot} (the clip frame index where its shot starts), {@code frame} (its clip frame index),
 * {@code source} and {@code edited} (encoded images, PNG or any format {@code ImageCodec} decodes) and optionally
 * {@code face_box} (x, y, w, h in frame pixels). The output is every input row with {@link #outputCol()} (default
 * {@code corrected}) appended: the corrected frame as PNG, the size of its source. The rows are regrouped by shot
 * ({@code spark.sql.shuffle.partitions} partitions, fixed so adaptive execution does not pack the costly shots into
 * few tasks) and sorted by frame; the output does not keep the input's order.
 *
 * <p>Why a façade: the engine corrects a shot at a time ({@code Correctors.create("fym", ...)}), and a naive UDF would
 * reload the base denoiser per partition, as the DJL Spark extension's predictors do. Here the stored base denoiser
 * ({@link #denoiserUri()}, written by {@code Denoiser.save}, any Hadoop uri) is read ONCE PER EXECUTOR JVM into a
 * static cache keyed by uri ({@link #loads(String)} counts the reads) and shared, read-only, by every task and
 * thread; each thread's working state (the per-call NDManagers, the ControlNet branch adapted to its shot, the
 * crops) is built inside the engine's correction call, so concurrent tasks need no locks around inference.
 *
 * <p>Each shot's trajectory field is read from the uri in {@link #fieldUriCol()} when set and non-null (and
 * trained under the same settings), else trained on demand. {@link #config()} holds {@code fym.*} configuration keys
 * over the defaults: the {@code fym.diffusion.*} base settings must be those the denoiser was trained with, and the
 * {@code fym.trajectory.*} ones those of the stored fields. {@link #strength()}, {@link #control()},
 * {@link #hashFeatures()}, {@link #reweight()}, {@link #carry()} and {@link #fusion()} are the method's parameters
 * (carry and fusion, unset, take the engine's defaults; hashFeatures and reweight are base settings too, so an
 * ablation needs a denoiser trained with it).
 */
public final class FymCorrector extends Transformer {
  private static final long serialVersionUID = 1L;
  /** The stage's name in error messages. */
  static final String STAGE = "FymCorrector";
  static final String FACE_BOX = "face_box";
  static final String SOURCE = "source";
  static final String EDITED = "edited";

  private final String uid;
  private final Param<String> denoiserUri;
  private final Param<String> fieldUriCol;
  private final DoubleParam strength;
  private final BooleanParam control;
  private final BooleanParam hashFeatures;
  private final BooleanParam reweight;
  private final DoubleParam carry;
  private final DoubleParam fusion;
  private final StringArrayParam config;
  private final Param<String> outputCol;

  public FymCorrector() {
    this(Identifiable$.MODULE$.randomUID("fymCorrector"));
  }

  public FymCorrector(String uid) {
    this.uid = uid;
    denoiserUri = new Param<>(this, "denoiserUri", "uri of the stored base denoiser (.fymd); required");
    fieldUriCol = new Param<>(this, "fieldUriCol",
        "column holding the shot's stored trajectory field uri (null: trained on demand); unset: none stored");
    strength = new DoubleParam(this, "strength", "SDEdit strength, in (0, 1]",
        ParamValidators.inRange(0, 1, false, true));
    control = new BooleanParam(this, "control", "adapt a ControlNet branch to each shot's edit");
    hashFeatures = new BooleanParam(this, "hashFeatures",
        "condition on hash-grid trajectory features (false: positional encoding)");
    reweight = new BooleanParam(this, "reweight", "landmark re-weighted attention (false: W = 1)");
    carry = new DoubleParam(this, "carry", "the inner trajectory-warp's pull towards the shot's first frame, in [0, 1]",
        ParamValidators.inRange(0, 1, true, true));
    fusion = new DoubleParam(this, "fusion", "weight of each frame in the fusion along the motion, in (0, 1]; 1: off",
        ParamValidators.inRange(0, 1, false, true));
    config = new StringArrayParam(this, "config", "fym.* configuration keys as key=value over the defaults");
    outputCol = new Param<>(this, "outputCol", "output column: the corrected frame as PNG");
    setDefault(strength, FymConfig.defaults().diffusionSettings().strength());
    setDefault(control, true);
    setDefault(hashFeatures, true);
    setDefault(reweight, true);
    setDefault(config, new String[0]);
    setDefault(outputCol, "corrected");
  }

  /** How many times this JVM has read the denoiser at {@code uri} (1 after any number of transforms). */
  public static int loads(String uri) {
    return ExecutorDenoisers.loads(uri);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> denoiserUri() {
    return denoiserUri;
  }

  public Param<String> fieldUriCol() {
    return fieldUriCol;
  }

  public DoubleParam strength() {
    return strength;
  }

  public BooleanParam control() {
    return control;
  }

  public DoubleParam carry() {
    return carry;
  }

  public DoubleParam fusion() {
    return fusion;
  }

  public BooleanParam hashFeatures() {
    return hashFeatures;
  }

  public BooleanParam reweight() {
    return reweight;
  }

  public StringArrayParam config() {
    return config;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public String getDenoiserUri() {
    return getOrDefault(denoiserUri);
  }

  public String getFieldUriCol() {
    return getOrDefault(fieldUriCol);
  }

  public double getStrength() {
    return (Double) getOrDefault(strength);
  }

  public boolean getControl() {
    return (Boolean) getOrDefault(control);
  }

  /** The carry set on this stage; throws when it is unset (the engine's default then applies). */
  public double getCarry() {
    return (Double) getOrDefault(carry);
  }

  /** The fusion weight set on this stage; throws when it is unset (the engine's default then applies). */
  public double getFusion() {
    return (Double) getOrDefault(fusion);
  }

  public boolean getHashFeatures() {
    return (Boolean) getOrDefault(hashFeatures);
  }

  public boolean getReweight() {
    return (Boolean) getOrDefault(reweight);
  }

  /** The configuration keys, in the order they were given. */
  public Map<String, String> getConfig() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String entry : getOrDefault(config)) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw Errors.badConfig(STAGE + ".config", entry, "key=value");
      }
      out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }
    return out;
  }

  public String getOutputCol() {
    return getOrDefault(outputCol);
  }

  public FymCorrector setDenoiserUri(String value) {
    set(denoiserUri, value);
    return this;
  }

  public FymCorrector setFieldUriCol(String value) {
    set(fieldUriCol, value);
    return this;
  }

  public FymCorrector setStrength(double value) {
    set(strength, value);
    return this;
  }

  public FymCorrector setControl(boolean value) {
    set(control, value);
    return this;
  }

  public FymCorrector setCarry(double value) {
    set(carry, value);
    return this;
  }

  public FymCorrector setFusion(double value) {
    set(fusion, value);
    return this;
  }

  public FymCorrector setHashFeatures(boolean value) {
    set(hashFeatures, value);
    return this;
  }

  public FymCorrector setReweight(boolean value) {
    set(reweight, value);
    return this;
  }

  /** {@code fym.*} configuration keys (e.g. {@code fym.diffusion.adaptSteps}) over the defaults. */
  public FymCorrector setConfig(Map<String, String> values) {
    set(config, values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    return this;
  }

  public FymCorrector setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  @Override
  public FymCorrector copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    require(schema, "identity", DataTypes.StringType, "string");
    require(schema, "clip", DataTypes.StringType, "string");
    require(schema, "shot", DataTypes.IntegerType, "int, the clip frame index where the shot starts");
    require(schema, "frame", DataTypes.IntegerType, "int, the clip frame index");
    require(schema, SOURCE, DataTypes.BinaryType, "binary, the encoded source frame");
    require(schema, EDITED, DataTypes.BinaryType, "binary, the encoded edited frame");
    if (Arrays.asList(schema.fieldNames()).contains(FACE_BOX)) {
      DataType t = schema.apply(FACE_BOX).dataType();
      if (!t.equals(DataTypes.createArrayType(DataTypes.FloatType))
          && !t.equals(DataTypes.createArrayType(DataTypes.DoubleType))) {
        throw Errors.columnType(STAGE, FACE_BOX, "array<float> (x, y, w, h)", t.simpleString());
      }
    }
    if (isDefined(fieldUriCol)) {
      require(schema, getFieldUriCol(), DataTypes.StringType, "string, the shot's stored trajectory field uri");
    }
    if (!isDefined(denoiserUri)) {
      throw Errors.badConfig(STAGE + ".denoiserUri", null, "the uri of a stored base denoiser (.fymd)");
    }
    CorrectShots.configOf(getConfig());
    if (Arrays.asList(schema.fieldNames()).contains(getOutputCol())) {
      throw Errors.columnExists(STAGE, getOutputCol());
    }
    return schema.add(getOutputCol(), DataTypes.BinaryType, false);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    SparkSession spark = dataset.sparkSession();
    Dataset<Row> shots = dataset.toDF()
        .repartition(Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")),
            functions.col("identity"), functions.col("clip"), functions.col("shot"))
        .sortWithinPartitions("identity", "clip", "shot", "frame");
    StructType in = shots.schema();
    CorrectShots.Columns columns = new CorrectShots.Columns(in.fieldIndex("identity"), in.fieldIndex("clip"),
        in.fieldIndex("shot"), in.fieldIndex("frame"), in.fieldIndex(SOURCE), in.fieldIndex(EDITED),
        index(in, FACE_BOX), isDefined(fieldUriCol) ? in.fieldIndex(getFieldUriCol()) : -1);
    Map<String, String> overrides = new TreeMap<>(Map.of("strength", Double.toString(getStrength()),
        "control", getControl() ? "1" : "0", "hash", getHashFeatures() ? "1" : "0",
        "reweight", getReweight() ? "1" : "0"));
    if (isSet(carry)) {
      overrides.put("carry", Double.toString(getCarry()));
    }
    if (isSet(fusion)) {
      overrides.put("fusion", Double.toString(getFusion()));
    }
    return shots.mapPartitions(new CorrectShots(getConfig(), overrides, getDenoiserUri(),
        new Localizer(hadoopSettings(spark)), columns), Encoders.row(out));
  }

  private static void require(StructType schema, String column, DataType type, String expected) {
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw Errors.missingColumn(STAGE, column, expected, Arrays.asList(schema.fieldNames()));
    }
    DataType actual = schema.apply(column).dataType();
    if (!actual.equals(type)) {
      throw Errors.columnType(STAGE, column, expected, actual.simpleString());
    }
  }

  private static int index(StructType schema, String column) {
    return Arrays.asList(schema.fieldNames()).indexOf(column);
  }

  /** The {@code spark.hadoop.*} settings, so executors open the same file systems (s3a credentials included). */
  private static Map<String, String> hadoopSettings(SparkSession spark) {
    Map<String, String> out = new TreeMap<>();
    for (Tuple2<String, String> kv : spark.sparkContext().getConf().getAll()) {
      if (kv._1().startsWith("spark.hadoop.")) {
        out.put(kv._1().substring("spark.hadoop.".length()), kv._2());
      }
    }
    return out;
  }
}
