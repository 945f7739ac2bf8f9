package ai.fym.engine.config;

import ai.fym.engine.avatar.AvatarSettings;
import ai.fym.engine.diffusion.DenoiserSettings;
import ai.fym.engine.errors.Errors;
import ai.fym.engine.hashgrid.HashGridConfig;
import ai.fym.engine.ingest.IngestSettings;
import ai.fym.engine.trajectory.TrajectorySettings;
import ai.fym.engine.video.VideoLimits;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The one configuration class: every key the project reads is a {@code KEY} + {@code KEY_DEFAULT}
 * pair here. Values come from the defaults, then a properties file ({@code --conf}, e.g.
 * {@code conf/local.conf}), then command-line overrides. Keys starting with {@code spark.} pass
 * through to Spark unchanged; unknown {@code fym.} keys are rejected so that typos fail early.
 * Immutable and serializable: the driver ships it to executors.
 */
public final class FymConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String OUT = "fym.out";
  public static final String OUT_DEFAULT = "./fym-data";
  public static final String MASTER = "fym.master";
  public static final String MASTER_DEFAULT = "local[*]";
  public static final String CACHE = "fym.cache";
  public static final String CACHE_DEFAULT = System.getProperty("user.home") + "/.cache/fym";

  public static final String INGEST_MAX_WIDTH = "fym.ingest.maxWidth";
  public static final String INGEST_MAX_WIDTH_DEFAULT = "3840";
  public static final String INGEST_MAX_HEIGHT = "fym.ingest.maxHeight";
  public static final String INGEST_MAX_HEIGHT_DEFAULT = "2160";
  public static final String INGEST_MAX_FRAMES = "fym.ingest.maxFrames";
  public static final String INGEST_MAX_FRAMES_DEFAULT = "100000";
  public static final String INGEST_MAX_DURATION = "fym.ingest.maxDurationSeconds";
  public static final String INGEST_MAX_DURATION_DEFAULT = "3600";
  public static final String INGEST_MAX_FILE_BYTES = "fym.ingest.maxFileBytes";
  public static final String INGEST_MAX_FILE_BYTES_DEFAULT = String.valueOf(8L << 30);
  public static final String INGEST_CLIP_TIMEOUT = "fym.ingest.clipTimeoutSeconds";
  public static final String INGEST_CLIP_TIMEOUT_DEFAULT = "1800";
  public static final String INGEST_FRAME_FOLDER_FPS = "fym.ingest.frameFolderFps";
  public static final String INGEST_FRAME_FOLDER_FPS_DEFAULT = "25";
  public static final String INGEST_CROP_SIZE = "fym.ingest.cropSize";
  public static final String INGEST_CROP_SIZE_DEFAULT = "256";
  public static final String INGEST_CROP_SCALE = "fym.ingest.cropScale";
  public static final String INGEST_CROP_SCALE_DEFAULT = "1.8";
  public static final String INGEST_MIN_FACE_SCORE = "fym.ingest.minFaceScore";
  public static final String INGEST_MIN_FACE_SCORE_DEFAULT = "0.5";
  public static final String INGEST_TRACK_MIN_IOU = "fym.ingest.track.minIou";
  public static final String INGEST_TRACK_MIN_IOU_DEFAULT = "0.3";
  public static final String INGEST_TRACK_MAX_GAP = "fym.ingest.track.maxGapFrames";
  public static final String INGEST_TRACK_MAX_GAP_DEFAULT = "5";
  public static final String INGEST_TRACK_MIN_LENGTH = "fym.ingest.track.minFrames";
  public static final String INGEST_TRACK_MIN_LENGTH_DEFAULT = "12";
  public static final String INGEST_MERGE_DISTANCE = "fym.ingest.identityMergeDistance";
  public static final String INGEST_MERGE_DISTANCE_DEFAULT = "0.36";
  public static final String INGEST_THREADS = "fym.ingest.threadsPerTask";
  /** 0 = the executor's cores divided by the tasks that run at once. */
  public static final String INGEST_THREADS_DEFAULT = "0";
  public static final String INGEST_PARTITIONS = "fym.ingest.partitions";
  /** 0 = one partition per clip. */
  public static final String INGEST_PARTITIONS_DEFAULT = "0";

  public static final String QC_MAX_WARP_SHORT = "fym.qc.maxWarpShort";
  public static final String QC_MAX_WARP_SHORT_DEFAULT = "0.3";
  public static final String QC_MAX_WARP_LONG = "fym.qc.maxWarpLong";
  public static final String QC_MAX_WARP_LONG_DEFAULT = "5";
  public static final String QC_MAX_FLICKER = "fym.qc.maxFlicker";
  public static final String QC_MAX_FLICKER_DEFAULT = "0.5";
  public static final String QC_MIN_EDIT_FIDELITY = "fym.qc.minEditFidelity";
  public static final String QC_MIN_EDIT_FIDELITY_DEFAULT = "30";
  public static final String QC_MAX_LANDMARK_ERROR = "fym.qc.maxLandmarkError";
  public static final String QC_MAX_LANDMARK_ERROR_DEFAULT = "0.02";
  public static final String SWEEP_BATCH = "fym.sweep.batchItems";
  /** 0 = twice the default parallelism. */
  public static final String SWEEP_BATCH_DEFAULT = "0";

  public static final String TRAJECTORY_LEVELS = "fym.trajectory.levels";
  public static final String TRAJECTORY_LEVELS_DEFAULT = "16";
  public static final String TRAJECTORY_FEATURES = "fym.trajectory.featuresPerLevel";
  public static final String TRAJECTORY_FEATURES_DEFAULT = "2";
  public static final String TRAJECTORY_LOG2_TABLE = "fym.trajectory.log2TableSize";
  public static final String TRAJECTORY_LOG2_TABLE_DEFAULT = "17";
  public static final String TRAJECTORY_BASE_RESOLUTION = "fym.trajectory.baseResolution";
  public static final String TRAJECTORY_BASE_RESOLUTION_DEFAULT = "16";
  public static final String TRAJECTORY_GROWTH = "fym.trajectory.growth";
  public static final String TRAJECTORY_GROWTH_DEFAULT = "1.38";
  public static final String TRAJECTORY_HIDDEN = "fym.trajectory.hidden";
  public static final String TRAJECTORY_HIDDEN_DEFAULT = "64";
  public static final String TRAJECTORY_HIDDEN_LAYERS = "fym.trajectory.hiddenLayers";
  public static final String TRAJECTORY_HIDDEN_LAYERS_DEFAULT = "2";
  public static final String TRAJECTORY_WORKING_SIZE = "fym.trajectory.workingSize";
  public static final String TRAJECTORY_WORKING_SIZE_DEFAULT = "360";
  public static final String TRAJECTORY_STEPS = "fym.trajectory.steps";
  public static final String TRAJECTORY_STEPS_DEFAULT = "1000";
  public static final String TRAJECTORY_BATCH = "fym.trajectory.batch";
  public static final String TRAJECTORY_BATCH_DEFAULT = "4096";
  public static final String TRAJECTORY_HASH_LR = "fym.trajectory.hashLearningRate";
  public static final String TRAJECTORY_HASH_LR_DEFAULT = "0.01";
  public static final String TRAJECTORY_MLP_LR = "fym.trajectory.mlpLearningRate";
  public static final String TRAJECTORY_MLP_LR_DEFAULT = "0.003";
  public static final String TRAJECTORY_ANNEAL = "fym.trajectory.annealFraction";
  public static final String TRAJECTORY_ANNEAL_DEFAULT = "0.5";
  public static final String TRAJECTORY_PHOTOMETRIC = "fym.trajectory.photometricWeight";
  public static final String TRAJECTORY_PHOTOMETRIC_DEFAULT = "1";
  public static final String TRAJECTORY_FLOW = "fym.trajectory.flowWeight";
  public static final String TRAJECTORY_FLOW_DEFAULT = "1";
  public static final String TRAJECTORY_SMOOTHNESS = "fym.trajectory.smoothnessWeight";
  public static final String TRAJECTORY_SMOOTHNESS_DEFAULT = "4";
  public static final String TRAJECTORY_CHECKPOINT_EVERY = "fym.trajectory.checkpointEvery";
  public static final String TRAJECTORY_CHECKPOINT_EVERY_DEFAULT = "200";
  public static final String TRAJECTORY_SEED = "fym.trajectory.seed";
  public static final String TRAJECTORY_SEED_DEFAULT = "7";
  /** 0 = automatic: the cores divided by the shots that train at once (all cores for a lone shot). */
  public static final String TRAJECTORY_THREADS = "fym.trajectory.threads";
  public static final String TRAJECTORY_THREADS_DEFAULT = "0";
  public static final String TRAJECTORY_REGION = "fym.trajectory.region";
  public static final String TRAJECTORY_REGION_DEFAULT = "frame";
  public static final String AVATAR_RESOLUTION = "fym.avatar.resolution";
  public static final String AVATAR_RESOLUTION_DEFAULT = "128";
  public static final String AVATAR_SPACING = "fym.avatar.spacing";
  public static final String AVATAR_SPACING_DEFAULT = "2";
  public static final String AVATAR_MAX_GAUSSIANS = "fym.avatar.maxGaussians";
  public static final String AVATAR_MAX_GAUSSIANS_DEFAULT = "10000";
  public static final String AVATAR_STEPS = "fym.avatar.steps";
  public static final String AVATAR_STEPS_DEFAULT = "12000";
  public static final String AVATAR_CODE_DIMS = "fym.avatar.codeDims";
  public static final String AVATAR_CODE_DIMS_DEFAULT = "12";
  public static final String AVATAR_HIDDEN = "fym.avatar.hidden";
  public static final String AVATAR_HIDDEN_DEFAULT = "64";
  public static final String AVATAR_HELD_OUT_EVERY = "fym.avatar.heldOutEvery";
  public static final String AVATAR_HELD_OUT_EVERY_DEFAULT = "10";
  public static final String AVATAR_SSIM_WEIGHT = "fym.avatar.ssimWeight";
  public static final String AVATAR_SSIM_WEIGHT_DEFAULT = "0.2";
  public static final String AVATAR_CODE_SMOOTHING = "fym.avatar.codeSmoothing";
  public static final String AVATAR_CODE_SMOOTHING_DEFAULT = "1";
  public static final String AVATAR_DENSIFY_EVERY = "fym.avatar.densifyEvery";
  public static final String AVATAR_DENSIFY_EVERY_DEFAULT = "300";
  public static final String AVATAR_CHECKPOINT_EVERY = "fym.avatar.checkpointEvery";
  public static final String AVATAR_CHECKPOINT_EVERY_DEFAULT = "500";
  public static final String AVATAR_SEED = "fym.avatar.seed";
  public static final String AVATAR_SEED_DEFAULT = "11";
  /** 0 = automatic: the cores divided by the identities that train at once. */
  public static final String AVATAR_THREADS = "fym.avatar.threads";
  public static final String AVATAR_THREADS_DEFAULT = "0";

  /** The consistency-correction denoiser (docs/CORRECTION.md). */
  public static final String DIFFUSION_SIZE = "fym.diffusion.size";
  public static final String DIFFUSION_SIZE_DEFAULT = "64";
  public static final String DIFFUSION_CHANNELS = "fym.diffusion.channels";
  public static final String DIFFUSION_CHANNELS_DEFAULT = "32";
  public static final String DIFFUSION_BASE_STEPS = "fym.diffusion.baseSteps";
  public static final String DIFFUSION_BASE_STEPS_DEFAULT = "2000";
  public static final String DIFFUSION_ADAPT_STEPS = "fym.diffusion.adaptSteps";
  public static final String DIFFUSION_ADAPT_STEPS_DEFAULT = "150";
  public static final String DIFFUSION_BATCH = "fym.diffusion.batch";
  public static final String DIFFUSION_BATCH_DEFAULT = "4";
  public static final String DIFFUSION_LEARNING_RATE = "fym.diffusion.learningRate";
  public static final String DIFFUSION_LEARNING_RATE_DEFAULT = "0.0005";
  public static final String DIFFUSION_STRENGTH = "fym.diffusion.strength";
  public static final String DIFFUSION_STRENGTH_DEFAULT = "0.6";
  public static final String DIFFUSION_SAMPLE_STEPS = "fym.diffusion.sampleSteps";
  public static final String DIFFUSION_SAMPLE_STEPS_DEFAULT = "4";
  public static final String DIFFUSION_HINT_WINDOW = "fym.diffusion.hintWindow";
  public static final String DIFFUSION_HINT_WINDOW_DEFAULT = "8";
  public static final String DIFFUSION_WEIGHT_RATE = "fym.diffusion.weightRate";
  public static final String DIFFUSION_WEIGHT_RATE_DEFAULT = "0.1";
  public static final String DIFFUSION_WEIGHT_MAX = "fym.diffusion.weightMax";
  public static final String DIFFUSION_WEIGHT_MAX_DEFAULT = "4";
  public static final String DIFFUSION_CHECKPOINT_EVERY = "fym.diffusion.checkpointEvery";
  public static final String DIFFUSION_CHECKPOINT_EVERY_DEFAULT = "500";
  public static final String DIFFUSION_SEED = "fym.diffusion.seed";
  public static final String DIFFUSION_SEED_DEFAULT = "13";

  /**
   * Stage-level resources on a cluster (ignored locally): {@code none} = Spark's defaults; {@code task} = task
   * profiles (a CPU profile for ingest and evaluation, a GPU profile for training and correction) on the executors
   * there are, for clusters without dynamic allocation; {@code executor} = executor profiles too, so GPU executors
   * are started for the GPU stages (needs dynamic allocation).
   */
  public static final String RESOURCES_PROFILES = "fym.resources.profiles";
  public static final String RESOURCES_PROFILES_DEFAULT = "none";
  public static final String RESOURCES_CPU_TASK_CPUS = "fym.resources.cpu.taskCpus";
  public static final String RESOURCES_CPU_TASK_CPUS_DEFAULT = "1";
  public static final String RESOURCES_CPU_EXECUTOR_CORES = "fym.resources.cpu.executorCores";
  public static final String RESOURCES_CPU_EXECUTOR_CORES_DEFAULT = "4";
  public static final String RESOURCES_CPU_EXECUTOR_MEMORY = "fym.resources.cpu.executorMemory";
  public static final String RESOURCES_CPU_EXECUTOR_MEMORY_DEFAULT = "8g";
  /** CPUs of a GPU task; every GPU task takes one whole GPU. */
  public static final String RESOURCES_GPU_TASK_CPUS = "fym.resources.gpu.taskCpus";
  public static final String RESOURCES_GPU_TASK_CPUS_DEFAULT = "2";
  public static final String RESOURCES_GPU_EXECUTOR_CORES = "fym.resources.gpu.executorCores";
  public static final String RESOURCES_GPU_EXECUTOR_CORES_DEFAULT = "8";
  public static final String RESOURCES_GPU_EXECUTOR_MEMORY = "fym.resources.gpu.executorMemory";
  public static final String RESOURCES_GPU_EXECUTOR_MEMORY_DEFAULT = "32g";
  public static final String RESOURCES_GPU_EXECUTOR_GPUS = "fym.resources.gpu.executorGpus";
  public static final String RESOURCES_GPU_EXECUTOR_GPUS_DEFAULT = "1";
  public static final String RESOURCES_GPU_DISCOVERY_SCRIPT = "fym.resources.gpu.discoveryScript";
  public static final String RESOURCES_GPU_DISCOVERY_SCRIPT_DEFAULT =
      "/opt/spark/examples/src/main/scripts/getGpusResources.sh";
  /** DJL (PyTorch intra-op) and BLAS/OpenMP threads of each task on a cluster; 0 = {@code spark.task.cpus}. */
  public static final String EXECUTOR_THREADS = "fym.executor.threads";
  public static final String EXECUTOR_THREADS_DEFAULT = "0";

  /** Share of work items whose first task attempt the fault injector fails (0: none; soak runs use 0.2). */
  public static final String FAULTS_TASK_FAILURE_RATE = "fym.faults.taskFailureRate";
  public static final String FAULTS_TASK_FAILURE_RATE_DEFAULT = "0";
  /** Seed of the fault injector's choices: which items fail, and where. */
  public static final String FAULTS_SEED = "fym.faults.seed";
  public static final String FAULTS_SEED_DEFAULT = "1";

  /** Frames per track whose embeddings are averaged for person merging (not a tuning knob). */
  private static final int EMBED_FRAMES_PER_TRACK = 5;

  private static final Map<String, String> DEFAULTS = defaultsMap();
  /** What a credential's value is shown as. */
  public static final String REDACTED = "*********(redacted)";
  /** Keys whose values are credentials: never logged, printed or written to a table (Spark's redaction pattern). */
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(secret|password|token|access[._-]?key|credential).*");

  private final Map<String, String> values;

  private FymConfig(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** The built-in defaults, for the local 2-core machine. */
  public static FymConfig defaults() {
    return new FymConfig(DEFAULTS);
  }

  /** These values overlaid with the key=value lines of a properties file. */
  public FymConfig withFile(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    FymConfig out = this;
    for (String key : p.stringPropertyNames()) {
      out = out.with(key, p.getProperty(key).trim(), file.toString());
    }
    return out;
  }

  /** A copy with one key set; {@code source} names where it came from, for error messages. */
  public FymConfig with(String key, String value, String source) {
    if (!key.startsWith("spark.") && !DEFAULTS.containsKey(key)) {
      throw Errors.unknownConfigKey(key, source);
    }
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(key, value);
    FymConfig next = new FymConfig(copy);
    next.validate(key);
    return next;
  }

  public FymConfig with(String key, String value) {
    return with(key, value, "the command line");
  }

  public String get(String key) {
    String v = values.get(key);
    if (v == null) {
      throw Errors.unknownConfigKey(key, "the program");
    }
    return v;
  }

  public int getInt(String key) {
    return (int) parseLong(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  public long getLong(String key) {
    return parseLong(key, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  public double getDouble(String key) {
    String v = get(key);
    try {
      double d = Double.parseDouble(v);
      if (!Double.isFinite(d)) {
        throw Errors.badConfig(key, v, "a finite number");
      }
      return d;
    } catch (NumberFormatException e) {
      throw Errors.badConfig(key, v, "a number");
    }
  }

  /** The input limits of ingest. */
  public VideoLimits videoLimits() {
    return new VideoLimits(getInt(INGEST_MAX_WIDTH), getInt(INGEST_MAX_HEIGHT), getLong(INGEST_MAX_FRAMES),
        getDouble(INGEST_MAX_DURATION), getLong(INGEST_MAX_FILE_BYTES));
  }

  /** The per-clip ingest settings, with the worker threads one clip may use. */
  public IngestSettings ingestSettings(int threads) {
    return new IngestSettings(videoLimits(), getDouble(INGEST_FRAME_FOLDER_FPS), getInt(INGEST_CROP_SIZE),
        (float) getDouble(INGEST_CROP_SCALE), (float) getDouble(INGEST_MIN_FACE_SCORE),
        (float) getDouble(INGEST_TRACK_MIN_IOU), getInt(INGEST_TRACK_MAX_GAP), getInt(INGEST_TRACK_MIN_LENGTH),
        (float) getDouble(INGEST_MERGE_DISTANCE), EMBED_FRAMES_PER_TRACK, threads, getLong(INGEST_CLIP_TIMEOUT));
  }

  /**
   * The trajectory-field settings; {@code threads} 0 becomes all available cores here, and the stages that train
   * several shots at once pass their own share per task instead.
   */
  public TrajectorySettings trajectorySettings() {
    int threads = getInt(TRAJECTORY_THREADS);
    HashGridConfig grid = new HashGridConfig(getInt(TRAJECTORY_LEVELS), getInt(TRAJECTORY_FEATURES),
        getInt(TRAJECTORY_LOG2_TABLE), getInt(TRAJECTORY_BASE_RESOLUTION), getDouble(TRAJECTORY_GROWTH));
    return new TrajectorySettings(grid, getInt(TRAJECTORY_HIDDEN), getInt(TRAJECTORY_HIDDEN_LAYERS),
        getInt(TRAJECTORY_WORKING_SIZE), getInt(TRAJECTORY_STEPS), getInt(TRAJECTORY_BATCH),
        getDouble(TRAJECTORY_HASH_LR), getDouble(TRAJECTORY_MLP_LR), getDouble(TRAJECTORY_ANNEAL),
        getDouble(TRAJECTORY_PHOTOMETRIC), getDouble(TRAJECTORY_FLOW), getDouble(TRAJECTORY_SMOOTHNESS),
        getInt(TRAJECTORY_CHECKPOINT_EVERY), getLong(TRAJECTORY_SEED),
        threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
  }

  /** Whether trajectory fields are trained on full frames ({@code frame}) or on the face crops ({@code face}). */
  public String trajectoryRegion() {
    return get(TRAJECTORY_REGION);
  }

  /** How identity avatars are built and trained. */
  public AvatarSettings avatarSettings() {
    int threads = getInt(AVATAR_THREADS);
    return new AvatarSettings(getInt(AVATAR_RESOLUTION), getInt(AVATAR_SPACING), getInt(AVATAR_MAX_GAUSSIANS),
        getInt(AVATAR_STEPS), getInt(AVATAR_CODE_DIMS), getInt(AVATAR_HIDDEN), getInt(AVATAR_HELD_OUT_EVERY),
        getDouble(AVATAR_SSIM_WEIGHT), getDouble(AVATAR_CODE_SMOOTHING), getInt(AVATAR_DENSIFY_EVERY),
        getInt(AVATAR_CHECKPOINT_EVERY), getLong(AVATAR_SEED),
        threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
  }

  /** How the consistency-correction denoiser is built, trained and sampled (ablation switches on). */
  public DenoiserSettings diffusionSettings() {
    return new DenoiserSettings(getInt(DIFFUSION_SIZE), getInt(DIFFUSION_CHANNELS), getInt(DIFFUSION_BASE_STEPS),
        getInt(DIFFUSION_ADAPT_STEPS), getInt(DIFFUSION_BATCH), getDouble(DIFFUSION_LEARNING_RATE),
        getDouble(DIFFUSION_STRENGTH), getInt(DIFFUSION_SAMPLE_STEPS), getInt(DIFFUSION_HINT_WINDOW),
        getDouble(DIFFUSION_WEIGHT_RATE), getDouble(DIFFUSION_WEIGHT_MAX), true, true, true, getLong(DIFFUSION_SEED));
  }

  /** Whether a key holds a credential (an S3 secret or access key, a session token, a password). */
  public static boolean isSecret(String key) {
    return SECRET_KEY.matcher(key).matches();
  }

  /** Every key and value, credentials replaced by a redaction mark: the only form in which to print or store them. */
  public Map<String, String> redacted() {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> out.put(k, isSecret(k) ? REDACTED : v));
    return out;
  }

  @Override
  public String toString() {
    return redacted().toString();
  }

  /** Every {@code spark.*} key, to be applied to the Spark session. */
  public Map<String, String> sparkSettings() {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith("spark.")) {
        out.put(k, v);
      }
    });
    return out;
  }

  private long parseLong(String key, long min, long max) {
    String v = get(key);
    try {
      long l = Long.parseLong(v.trim());
      if (l < min || l > max) {
        throw Errors.badConfig(key, v, "an integer in range");
      }
      return l;
    } catch (NumberFormatException e) {
      throw Errors.badConfig(key, v, "an integer");
    }
  }

  /** Range checks for the keys whose meaning has bounds. */
  private void validate(String key) {
    switch (key) {
      case INGEST_MAX_WIDTH, INGEST_MAX_HEIGHT, INGEST_MAX_FRAMES, INGEST_CROP_SIZE, INGEST_CLIP_TIMEOUT -> {
        if (getLong(key) < 1) {
          throw Errors.badConfig(key, get(key), "a positive integer");
        }
      }
      case INGEST_MAX_DURATION, INGEST_CROP_SCALE, INGEST_MAX_FILE_BYTES -> {
        if (getDouble(key) <= 0) {
          throw Errors.badConfig(key, get(key), "a positive number");
        }
      }
      case INGEST_MIN_FACE_SCORE -> {
        double d = getDouble(key);
        if (d <= 0 || d >= 1) {
          throw Errors.badConfig(key, get(key), "a number strictly between 0 and 1");
        }
      }
      case INGEST_TRACK_MIN_IOU -> {
        double d = getDouble(key);
        if (d < 0 || d > 1) {
          throw Errors.badConfig(key, get(key), "a number between 0 and 1");
        }
      }
      case INGEST_FRAME_FOLDER_FPS -> {
        double d = getDouble(key);
        if (d <= 0 || d > 1000) {
          throw Errors.badConfig(key, get(key), "a frame rate in (0, 1000]");
        }
      }
      case QC_MAX_WARP_SHORT, QC_MAX_WARP_LONG, QC_MAX_FLICKER, QC_MIN_EDIT_FIDELITY, QC_MAX_LANDMARK_ERROR,
          INGEST_MERGE_DISTANCE -> {
        if (getDouble(key) < 0) {
          throw Errors.badConfig(key, get(key), "zero or a positive number");
        }
      }
      case INGEST_THREADS, INGEST_PARTITIONS, INGEST_TRACK_MAX_GAP, INGEST_TRACK_MIN_LENGTH, SWEEP_BATCH -> {
        if (getLong(key) < 0) {
          throw Errors.badConfig(key, get(key), "zero or a positive integer");
        }
      }
      case TRAJECTORY_LEVELS, TRAJECTORY_FEATURES, TRAJECTORY_BASE_RESOLUTION, TRAJECTORY_HIDDEN,
          TRAJECTORY_HIDDEN_LAYERS, TRAJECTORY_BATCH -> {
        if (getLong(key) < 1) {
          throw Errors.badConfig(key, get(key), "a positive integer");
        }
      }
      case TRAJECTORY_LOG2_TABLE -> {
        long v = getLong(key);
        if (v < 8 || v > 24) {
          throw Errors.badConfig(key, get(key), "an integer from 8 to 24");
        }
      }
      case TRAJECTORY_WORKING_SIZE -> {
        if (getLong(key) < 16) {
          throw Errors.badConfig(key, get(key), "an integer of at least 16 (pixels)");
        }
      }
      case TRAJECTORY_GROWTH -> {
        if (getDouble(key) < 1) {
          throw Errors.badConfig(key, get(key), "a number of at least 1");
        }
      }
      case TRAJECTORY_HASH_LR, TRAJECTORY_MLP_LR -> {
        if (getDouble(key) <= 0) {
          throw Errors.badConfig(key, get(key), "a positive number");
        }
      }
      case TRAJECTORY_ANNEAL -> {
        double d = getDouble(key);
        if (d < 0 || d > 1) {
          throw Errors.badConfig(key, get(key), "a number between 0 and 1");
        }
      }
      case TRAJECTORY_PHOTOMETRIC, TRAJECTORY_FLOW, TRAJECTORY_SMOOTHNESS -> {
        if (getDouble(key) < 0) {
          throw Errors.badConfig(key, get(key), "zero or a positive number");
        }
      }
      case TRAJECTORY_STEPS, TRAJECTORY_CHECKPOINT_EVERY, TRAJECTORY_THREADS -> {
        if (getLong(key) < 0) {
          throw Errors.badConfig(key, get(key), "zero or a positive integer");
        }
      }
      case TRAJECTORY_REGION -> {
        if (!List.of("frame", "face").contains(get(key))) {
          throw Errors.badConfig(key, get(key), "frame or face");
        }
      }
      case AVATAR_RESOLUTION -> {
        if (getLong(key) < 16) {
          throw Errors.badConfig(key, get(key), "an integer of at least 16 (pixels)");
        }
      }
      case RESOURCES_PROFILES -> {
        if (!List.of("none", "task", "executor").contains(get(key))) {
          throw Errors.badConfig(key, get(key), "none, task or executor");
        }
      }
      case RESOURCES_CPU_TASK_CPUS, RESOURCES_CPU_EXECUTOR_CORES, RESOURCES_GPU_TASK_CPUS,
          RESOURCES_GPU_EXECUTOR_CORES, RESOURCES_GPU_EXECUTOR_GPUS, AVATAR_SPACING, AVATAR_MAX_GAUSSIANS,
          AVATAR_CODE_DIMS, AVATAR_HIDDEN -> {
        if (getLong(key) < 1) {
          throw Errors.badConfig(key, get(key), "a positive integer");
        }
      }
      case AVATAR_HELD_OUT_EVERY -> {
        if (getLong(key) < 2) {
          throw Errors.badConfig(key, get(key), "an integer of at least 2");
        }
      }
      case AVATAR_SSIM_WEIGHT -> {
        double d = getDouble(key);
        if (d < 0 || d > 1) {
          throw Errors.badConfig(key, get(key), "a number between 0 and 1");
        }
      }
      case AVATAR_CODE_SMOOTHING -> {
        if (getDouble(key) < 0) {
          throw Errors.badConfig(key, get(key), "zero or a positive number");
        }
      }
      case AVATAR_STEPS, AVATAR_DENSIFY_EVERY, AVATAR_CHECKPOINT_EVERY, AVATAR_THREADS, EXECUTOR_THREADS -> {
        if (getLong(key) < 0) {
          throw Errors.badConfig(key, get(key), "zero or a positive integer");
        }
      }
      case DIFFUSION_SIZE -> {
        if (getLong(key) < 16 || getLong(key) % 8 != 0) {
          throw Errors.badConfig(key, get(key), "a multiple of 8 of at least 16 (pixels)");
        }
      }
      case DIFFUSION_CHANNELS -> {
        if (getLong(key) < 8 || getLong(key) % 8 != 0) {
          throw Errors.badConfig(key, get(key), "a multiple of 8 of at least 8");
        }
      }
      case DIFFUSION_BATCH, DIFFUSION_SAMPLE_STEPS -> {
        if (getLong(key) < 1) {
          throw Errors.badConfig(key, get(key), "a positive integer");
        }
      }
      case DIFFUSION_BASE_STEPS, DIFFUSION_ADAPT_STEPS, DIFFUSION_HINT_WINDOW, DIFFUSION_CHECKPOINT_EVERY -> {
        if (getLong(key) < 0) {
          throw Errors.badConfig(key, get(key), "zero or a positive integer");
        }
      }
      case DIFFUSION_LEARNING_RATE, DIFFUSION_WEIGHT_MAX -> {
        if (!(getDouble(key) > 0)) {
          throw Errors.badConfig(key, get(key), "a positive number");
        }
      }
      case DIFFUSION_STRENGTH -> {
        double d = getDouble(key);
        if (!(d > 0 && d <= 1)) {
          throw Errors.badConfig(key, get(key), "a number in (0, 1]");
        }
      }
      case DIFFUSION_WEIGHT_RATE -> {
        double d = getDouble(key);
        if (!(d >= 0 && d <= 1)) {
          throw Errors.badConfig(key, get(key), "a number in [0, 1]");
        }
      }
      case DIFFUSION_SEED -> getLong(key);
      case OUT -> {
        if (get(key).isBlank()) {
          throw Errors.badConfig(key, get(key), "a folder or s3a:// uri");
        }
        if (get(key).matches("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*@.*")) {
          throw Errors.credentialsInUri(key);
        }
      }
      case FAULTS_SEED -> getLong(key);
      case FAULTS_TASK_FAILURE_RATE -> {
        double d = getDouble(key);
        if (d < 0 || d >= 1) {
          throw Errors.badConfig(key, get(key), "a share in [0, 1)");
        }
      }
      default -> { }
    }
  }

  private static Map<String, String> defaultsMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(OUT, OUT_DEFAULT);
    m.put(MASTER, MASTER_DEFAULT);
    m.put(CACHE, CACHE_DEFAULT);
    m.put(INGEST_MAX_WIDTH, INGEST_MAX_WIDTH_DEFAULT);
    m.put(INGEST_MAX_HEIGHT, INGEST_MAX_HEIGHT_DEFAULT);
    m.put(INGEST_MAX_FRAMES, INGEST_MAX_FRAMES_DEFAULT);
    m.put(INGEST_MAX_DURATION, INGEST_MAX_DURATION_DEFAULT);
    m.put(INGEST_MAX_FILE_BYTES, INGEST_MAX_FILE_BYTES_DEFAULT);
    m.put(INGEST_CLIP_TIMEOUT, INGEST_CLIP_TIMEOUT_DEFAULT);
    m.put(INGEST_FRAME_FOLDER_FPS, INGEST_FRAME_FOLDER_FPS_DEFAULT);
    m.put(INGEST_CROP_SIZE, INGEST_CROP_SIZE_DEFAULT);
    m.put(INGEST_CROP_SCALE, INGEST_CROP_SCALE_DEFAULT);
    m.put(INGEST_MIN_FACE_SCORE, INGEST_MIN_FACE_SCORE_DEFAULT);
    m.put(INGEST_TRACK_MIN_IOU, INGEST_TRACK_MIN_IOU_DEFAULT);
    m.put(INGEST_TRACK_MAX_GAP, INGEST_TRACK_MAX_GAP_DEFAULT);
    m.put(INGEST_TRACK_MIN_LENGTH, INGEST_TRACK_MIN_LENGTH_DEFAULT);
    m.put(INGEST_MERGE_DISTANCE, INGEST_MERGE_DISTANCE_DEFAULT);
    m.put(INGEST_THREADS, INGEST_THREADS_DEFAULT);
    m.put(INGEST_PARTITIONS, INGEST_PARTITIONS_DEFAULT);
    m.put(QC_MAX_WARP_SHORT, QC_MAX_WARP_SHORT_DEFAULT);
    m.put(QC_MAX_WARP_LONG, QC_MAX_WARP_LONG_DEFAULT);
    m.put(QC_MAX_FLICKER, QC_MAX_FLICKER_DEFAULT);
    m.put(QC_MIN_EDIT_FIDELITY, QC_MIN_EDIT_FIDELITY_DEFAULT);
    m.put(QC_MAX_LANDMARK_ERROR, QC_MAX_LANDMARK_ERROR_DEFAULT);
    m.put(SWEEP_BATCH, SWEEP_BATCH_DEFAULT);
    m.put(TRAJECTORY_LEVELS, TRAJECTORY_LEVELS_DEFAULT);
    m.put(TRAJECTORY_FEATURES, TRAJECTORY_FEATURES_DEFAULT);
    m.put(TRAJECTORY_LOG2_TABLE, TRAJECTORY_LOG2_TABLE_DEFAULT);
    m.put(TRAJECTORY_BASE_RESOLUTION, TRAJECTORY_BASE_RESOLUTION_DEFAULT);
    m.put(TRAJECTORY_GROWTH, TRAJECTORY_GROWTH_DEFAULT);
    m.put(TRAJECTORY_HIDDEN, TRAJECTORY_HIDDEN_DEFAULT);
    m.put(TRAJECTORY_HIDDEN_LAYERS, TRAJECTORY_HIDDEN_LAYERS_DEFAULT);
    m.put(TRAJECTORY_WORKING_SIZE, TRAJECTORY_WORKING_SIZE_DEFAULT);
    m.put(TRAJECTORY_STEPS, TRAJECTORY_STEPS_DEFAULT);
    m.put(TRAJECTORY_BATCH, TRAJECTORY_BATCH_DEFAULT);
    m.put(TRAJECTORY_HASH_LR, TRAJECTORY_HASH_LR_DEFAULT);
    m.put(TRAJECTORY_MLP_LR, TRAJECTORY_MLP_LR_DEFAULT);
    m.put(TRAJECTORY_ANNEAL, TRAJECTORY_ANNEAL_DEFAULT);
    m.put(TRAJECTORY_PHOTOMETRIC, TRAJECTORY_PHOTOMETRIC_DEFAULT);
    m.put(TRAJECTORY_FLOW, TRAJECTORY_FLOW_DEFAULT);
    m.put(TRAJECTORY_SMOOTHNESS, TRAJECTORY_SMOOTHNESS_DEFAULT);
    m.put(TRAJECTORY_CHECKPOINT_EVERY, TRAJECTORY_CHECKPOINT_EVERY_DEFAULT);
    m.put(TRAJECTORY_SEED, TRAJECTORY_SEED_DEFAULT);
    m.put(TRAJECTORY_THREADS, TRAJECTORY_THREADS_DEFAULT);
    m.put(TRAJECTORY_REGION, TRAJECTORY_REGION_DEFAULT);
    m.put(AVATAR_RESOLUTION, AVATAR_RESOLUTION_DEFAULT);
    m.put(AVATAR_SPACING, AVATAR_SPACING_DEFAULT);
    m.put(AVATAR_MAX_GAUSSIANS, AVATAR_MAX_GAUSSIANS_DEFAULT);
    m.put(AVATAR_STEPS, AVATAR_STEPS_DEFAULT);
    m.put(AVATAR_CODE_DIMS, AVATAR_CODE_DIMS_DEFAULT);
    m.put(AVATAR_HIDDEN, AVATAR_HIDDEN_DEFAULT);
    m.put(AVATAR_HELD_OUT_EVERY, AVATAR_HELD_OUT_EVERY_DEFAULT);
    m.put(AVATAR_SSIM_WEIGHT, AVATAR_SSIM_WEIGHT_DEFAULT);
    m.put(AVATAR_CODE_SMOOTHING, AVATAR_CODE_SMOOTHING_DEFAULT);
    m.put(AVATAR_DENSIFY_EVERY, AVATAR_DENSIFY_EVERY_DEFAULT);
    m.put(AVATAR_CHECKPOINT_EVERY, AVATAR_CHECKPOINT_EVERY_DEFAULT);
    m.put(AVATAR_SEED, AVATAR_SEED_DEFAULT);
    m.put(AVATAR_THREADS, AVATAR_THREADS_DEFAULT);
    m.put(DIFFUSION_SIZE, DIFFUSION_SIZE_DEFAULT);
    m.put(DIFFUSION_CHANNELS, DIFFUSION_CHANNELS_DEFAULT);
    m.put(DIFFUSION_BASE_STEPS, DIFFUSION_BASE_STEPS_DEFAULT);
    m.put(DIFFUSION_ADAPT_STEPS, DIFFUSION_ADAPT_STEPS_DEFAULT);
    m.put(DIFFUSION_BATCH, DIFFUSION_BATCH_DEFAULT);
    m.put(DIFFUSION_LEARNING_RATE, DIFFUSION_LEARNING_RATE_DEFAULT);
    m.put(DIFFUSION_STRENGTH, DIFFUSION_STRENGTH_DEFAULT);
    m.put(DIFFUSION_SAMPLE_STEPS, DIFFUSION_SAMPLE_STEPS_DEFAULT);
    m.put(DIFFUSION_HINT_WINDOW, DIFFUSION_HINT_WINDOW_DEFAULT);
    m.put(DIFFUSION_WEIGHT_RATE, DIFFUSION_WEIGHT_RATE_DEFAULT);
    m.put(DIFFUSION_WEIGHT_MAX, DIFFUSION_WEIGHT_MAX_DEFAULT);
    m.put(DIFFUSION_CHECKPOINT_EVERY, DIFFUSION_CHECKPOINT_EVERY_DEFAULT);
    m.put(DIFFUSION_SEED, DIFFUSION_SEED_DEFAULT);
    m.put(RESOURCES_PROFILES, RESOURCES_PROFILES_DEFAULT);
    m.put(RESOURCES_CPU_TASK_CPUS, RESOURCES_CPU_TASK_CPUS_DEFAULT);
    m.put(RESOURCES_CPU_EXECUTOR_CORES, RESOURCES_CPU_EXECUTOR_CORES_DEFAULT);
    m.put(RESOURCES_CPU_EXECUTOR_MEMORY, RESOURCES_CPU_EXECUTOR_MEMORY_DEFAULT);
    m.put(RESOURCES_GPU_TASK_CPUS, RESOURCES_GPU_TASK_CPUS_DEFAULT);
    m.put(RESOURCES_GPU_EXECUTOR_CORES, RESOURCES_GPU_EXECUTOR_CORES_DEFAULT);
    m.put(RESOURCES_GPU_EXECUTOR_MEMORY, RESOURCES_GPU_EXECUTOR_MEMORY_DEFAULT);
    m.put(RESOURCES_GPU_EXECUTOR_GPUS, RESOURCES_GPU_EXECUTOR_GPUS_DEFAULT);
    m.put(RESOURCES_GPU_DISCOVERY_SCRIPT, RESOURCES_GPU_DISCOVERY_SCRIPT_DEFAULT);
    m.put(EXECUTOR_THREADS, EXECUTOR_THREADS_DEFAULT);
    m.put(FAULTS_TASK_FAILURE_RATE, FAULTS_TASK_FAILURE_RATE_DEFAULT);
    m.put(FAULTS_SEED, FAULTS_SEED_DEFAULT);
    return m;
  }
}
