package ai.fym.engine.correct;

import ai.fym.engine.diffusion.Denoiser;
import ai.fym.engine.diffusion.DenoiserSettings;
import ai.fym.engine.diffusion.DenoiserSource;
import ai.fym.engine.diffusion.DiffusionCorrection;
import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.landmarks.LandmarkNet;
import ai.fym.engine.trajectory.FieldSource;
import ai.fym.engine.trajectory.TrajectoryField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The full method: trajectory-guided diffusion correction on top of {@code trajectory-warp}. The shot is first
 * corrected by trajectory-warp (with the {@code carry} below); the identity's base denoiser (stored by the
 * {@code denoisers} stage, else trained on this shot) gets a ControlNet branch adapted to the shot's edit, and
 * samples the face window from the noised trajectory-warp crops; its change is pasted back feathered
 * ({@link DiffusionCorrection}). Last, the change the whole pipeline made to each source frame is fused along the
 * source's motion ({@link FlowFilter#filterResidual}): the edit's look settles across frames while the source's
 * own content passes through.
 *
 * <p>Parameters: {@code hash} (1: hash-grid trajectory features; 0: positional encoding), {@code reweight} (1:
 * landmark re-weighted attention; 0: W = 1), {@code control} (1: adapt the ControlNet; 0: the base denoiser
 * alone), {@code strength} (SDEdit strength; default from the configuration), {@code carry} (the inner
 * trajectory-warp's pull towards the shot's first frame; default 0) and {@code fusion} (the fusion's weight on
 * each frame; 1 turns it off; default 0.5). The three switches at 0 are the ablations. The carry and fusion
 * defaults were chosen by the combined score on Megamind's first shot (docs/CORRECTION.md): trajectory-warp's own
 * carry of 0.5 pulls every frame halfway to the first one, which steadies the long warp error but costs 4-7 dB of
 * edit fidelity, more than the combined score gives back.
 */
final class FymCorrector implements Corrector {
  static final String NAME = "fym";
  /** The fusion's motion: the same flow resolution and reliability check as {@code smooth}'s defaults. */
  private static final int FUSION_FLOW_DOWNSCALE = 2;
  private static final double FUSION_TOLERANCE = 16;

  private final Map<String, String> config;
  private final TrajectoryWarpCorrector warp;
  private final FieldSource fields;
  private final DenoiserSource denoisers;
  private final DenoiserSettings settings;
  private final FlowFilter fusion;

  private FymCorrector(Map<String, String> config, TrajectoryWarpCorrector warp, FieldSource fields,
      DenoiserSource denoisers, DenoiserSettings settings, FlowFilter fusion) {
    this.config = config;
    this.warp = warp;
    this.fields = fields;
    this.denoisers = denoisers;
    this.settings = settings;
    this.fusion = fusion;
  }

  static FymCorrector create(MethodParameters p, FieldSource fields, DenoiserSource denoisers)
      throws FymException {
    DenoiserSettings configured = denoisers.settings();
    boolean hash = p.integer("hash", 1, 0, 1) == 1;
    boolean reweight = p.integer("reweight", 1, 0, 1) == 1;
    boolean control = p.integer("control", 1, 0, 1) == 1;
    double strength = p.decimal("strength", configured.strength(), 0.01, 1);
    double carry = p.decimal("carry", 0, 0, 1);
    double fusion = p.decimal("fusion", 0.5, 0.01, 1);
    DenoiserSettings settings = configured.with(hash, reweight, control, strength);
    TrajectoryWarpCorrector warp = TrajectoryWarpCorrector.create(new MethodParameters(TrajectoryWarpCorrector.NAME,
        Map.of("carry", Double.toString(carry))), fields);
    Map<String, String> config = new TreeMap<>(p.config());
    config.put("field", fields.settings().hash());
    config.put("diffusion", settings.hash());
    return new FymCorrector(Map.copyOf(config), warp, fields, denoisers, settings,
        new FlowFilter(fusion, FUSION_FLOW_DOWNSCALE, FUSION_TOLERANCE));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> config() {
    return new TreeMap<>(config);
  }

  @Override
  public List<RgbImage> correctShot(ShotFrames shot) throws FymException {
    int n = shot.length();
    if (n == 0) {
      return new ArrayList<>();
    }
    ShotChecks.Frames frames = ShotChecks.readAll(shot);
    List<RgbImage> sources = frames.sources();
    List<RgbImage> edits = frames.edits();
    List<Box> boxes = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      boxes.add(shot.faceBox(t));
    }
    if (n == 1) {
      return new ArrayList<>(edits);
    }
    LandmarkNet landmarks = LandmarkNet.load();
    try (TrajectoryField field = fields.field(shot.start(), sources)) {
      List<RgbImage> warped = warp.correct(sources, edits, field);
      DiffusionCorrection.ShotInput input = new DiffusionCorrection.ShotInput(sources, boxes, field);
      Denoiser base = denoisers.stored(settings);
      if (base == null) {
        base = DiffusionCorrection.trainBase(List.of(input), settings, landmarks, null, 0, null);
      }
      List<RgbImage> diffused = DiffusionCorrection.correct(base, settings, input, edits, warped, landmarks, null);
      return fusion.filterResidual(new InMemoryShot(sources, diffused));
    } catch (IOException e) {
      throw Errors.wrap("the fym correction of the shot at frame " + shot.start(), e);
    }
  }
}
