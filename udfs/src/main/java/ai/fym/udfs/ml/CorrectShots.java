package ai.fym.udfs.ml;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.correct.Correctors;
import ai.fym.engine.correct.InMemoryShot;
import ai.fym.engine.diffusion.Denoiser;
import ai.fym.engine.diffusion.DenoiserSettings;
import ai.fym.engine.diffusion.DenoiserSource;
import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.geom.Box;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.trajectory.TrajectorySettings;
import ai.fym.udfs.io.Localizer;
import ai.fym.udfs.models.ExecutorDenoisers;
import ai.fym.udfs.trajectory.StoredFields;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The executor side of {@link FymCorrector}: reads a partition sorted by (identity, clip, shot, frame) one shot at
 * a time, corrects it with the engine's {@code fym} corrector and emits each input row with its corrected frame
 * (PNG) appended. Only one shot is held in memory at once. The base denoiser comes from the JVM's
 * {@link ExecutorDenoisers}; the shot's trajectory field from its stored uri, else it is trained on demand.
 */
final class CorrectShots implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** Positions of the input columns in the rows; {@code faceBox} and {@code fieldUri} are -1 when absent. */
  record Columns(int identity, int clip, int shot, int frame, int source, int edited, int faceBox, int fieldUri)
      implements Serializable {}

  private final TreeMap<String, String> config;
  private final TreeMap<String, String> overrides;
  private final String denoiserUri;
  private final Localizer localizer;
  private final Columns columns;

  /**
   * {@code config}: {@code fym.*} keys over the defaults (diffusion and trajectory settings); {@code overrides}:
   * the {@code fym} method's parameters.
   */
  CorrectShots(Map<String, String> config, Map<String, String> overrides, String denoiserUri, Localizer localizer,
      Columns columns) {
    this.config = new TreeMap<>(config);
    this.overrides = new TreeMap<>(overrides);
    this.denoiserUri = denoiserUri;
    this.localizer = localizer;
    this.columns = columns;
  }

  /** The defaults with {@code keys} set, as the stage's configuration. */
  static FymConfig configOf(Map<String, String> keys) {
    FymConfig c = FymConfig.defaults();
    for (Map.Entry<String, String> e : keys.entrySet()) {
      c = c.with(e.getKey(), e.getValue(), FymCorrector.STAGE + " config");
    }
    return c;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) throws IOException {
    FymConfig c = configOf(config);
    Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "fym-correct"));
    DenoiserSettings diffusion = c.diffusionSettings();
    DenoiserSource denoisers = new DenoiserSource() {
      @Override
      public DenoiserSettings settings() {
        return diffusion;
      }

      @Override
      public Denoiser stored(DenoiserSettings settings) throws IOException {
        try {
          return ExecutorDenoisers.get(denoiserUri, settings, localizer, tmp);
        } catch (FymException e) {
          throw new IOException(e.getMessage(), e);
        }
      }
    };
    return new Shots(rows, c.trajectorySettings(), denoisers, tmp);
  }

  /** The output rows, produced shot by shot as they are asked for. */
  private final class Shots implements Iterator<Row> {
    private final Iterator<Row> in;
    private final TrajectorySettings fieldSettings;
    private final DenoiserSource denoisers;
    private final Path tmp;
    private final ArrayDeque<Row> ready = new ArrayDeque<>();
    private Row next;

    Shots(Iterator<Row> in, TrajectorySettings fieldSettings, DenoiserSource denoisers, Path tmp) {
      this.in = in;
      this.fieldSettings = fieldSettings;
      this.denoisers = denoisers;
      this.tmp = tmp;
      this.next = in.hasNext() ? in.next() : null;
    }

    @Override
    public boolean hasNext() {
      if (ready.isEmpty() && next != null) {
        List<Row> shot = new ArrayList<>();
        Row first = next;
        while (next != null && sameShot(first, next)) {
          shot.add(next);
          next = in.hasNext() ? in.next() : null;
        }
        try {
          ready.addAll(correct(shot));
        } catch (FymException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }
      return !ready.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }

    private boolean sameShot(Row a, Row b) {
      return Objects.equals(a.get(columns.identity()), b.get(columns.identity()))
          && Objects.equals(a.get(columns.clip()), b.get(columns.clip()))
          && a.getInt(columns.shot()) == b.getInt(columns.shot());
    }

    private List<Row> correct(List<Row> shot) throws FymException {
      Row first = shot.get(0);
      int start = first.getInt(columns.shot());
      String name = first.get(columns.identity()) + "/" + first.get(columns.clip()) + " shot " + start;
      List<RgbImage> sources = new ArrayList<>(shot.size());
      List<RgbImage> edits = new ArrayList<>(shot.size());
      Map<Integer, Box> boxes = new HashMap<>();
      for (int i = 0; i < shot.size(); i++) {
        Row r = shot.get(i);
        int frame = r.getInt(columns.frame());
        if (frame != start + i) {
          throw Errors.shotFrameOrder(name, start + i, frame);
        }
        sources.add(decode(r, columns.source(), name + " frame " + frame + " " + FymCorrector.SOURCE));
        edits.add(decode(r, columns.edited(), name + " frame " + frame + " " + FymCorrector.EDITED));
        Box box = box(r);
        if (box != null) {
          boxes.put(frame, box);
        }
      }
      String fieldUri = columns.fieldUri() < 0 || first.isNullAt(columns.fieldUri()) ? null
          : first.getString(columns.fieldUri());
      StoredFields fields = new StoredFields(fieldSettings, fieldUri == null ? Map.of() : Map.of(start, fieldUri),
          localizer, tmp);
      List<RgbImage> corrected = Correctors.create("fym", overrides, fields, denoisers)
          .correctShot(new InMemoryShot(sources, edits, start, boxes));
      List<Row> out = new ArrayList<>(shot.size());
      for (int i = 0; i < shot.size(); i++) {
        Row r = shot.get(i);
        Object[] values = new Object[r.length() + 1];
        for (int k = 0; k < r.length(); k++) {
          values[k] = r.get(k);
        }
        values[r.length()] = ImageCodec.encodePng(corrected.get(i));
        out.add(RowFactory.create(values));
      }
      return out;
    }

    private Box box(Row r) {
      if (columns.faceBox() < 0 || r.isNullAt(columns.faceBox())) {
        return null;
      }
      List<Object> xywh = r.getList(columns.faceBox());
      if (xywh.size() != 4 || xywh.contains(null)) {
        throw Errors.columnType(FymCorrector.STAGE, FymCorrector.FACE_BOX, "4 numbers x, y, w, h",
            xywh.size() + " values " + xywh);
      }
      return new Box(((Number) xywh.get(0)).floatValue(), ((Number) xywh.get(1)).floatValue(),
          ((Number) xywh.get(2)).floatValue(), ((Number) xywh.get(3)).floatValue());
    }
  }

  private static RgbImage decode(Row r, int column, String what) throws FymException {
    byte[] bytes = r.isNullAt(column) ? new byte[0] : (byte[]) r.get(column);
    if (bytes.length == 0) {
      throw Errors.emptyFile(what);
    }
    try {
      return ImageCodec.decode(bytes);
    } catch (IllegalArgumentException e) {
      throw Errors.unreadable(what, e);
    }
  }
}
