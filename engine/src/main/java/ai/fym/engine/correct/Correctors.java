package ai.fym.engine.correct;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.diffusion.DenoiserSource;
import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.trajectory.FieldSource;
import java.util.List;
import java.util.Map;

/**
 * Builds the reference correctors by name, with defaults and typed overrides:
 * <ul>
 *   <li>{@code per-frame}: the raw edit;
 *   <li>{@code smooth}: two-sided exponential smoothing of the edit along the source's flow
 *       ({@code alpha}, {@code flow-downscale}, {@code tolerance});
 *   <li>{@code propagate}: the shot's first edited frame carried along the source's flow
 *       ({@code mode}, {@code flow-downscale}, {@code tolerance});
 *   <li>{@code trajectory-warp}: the shot's edit, averaged in its first frame's coordinates, carried along the
 *       learned trajectory field ({@code carry}, {@code tolerance}, {@code cell}, {@code window}, {@code detail};
 *       the field's settings come with the {@link FieldSource});
 *   <li>{@code source}: the unedited source, the reference the warp errors are judged against ({@link SourceCorrector});
 *   <li>{@code fym}: the full method, trajectory-guided diffusion on top of trajectory-warp ({@code hash},
 *       {@code reweight}, {@code control}, {@code strength}; {@link FymCorrector}).
 * </ul>
 */
public final class Correctors {
  private static final List<String> NAMES =
      List.of(PerFrameCorrector.NAME, SmoothCorrector.NAME, PropagateCorrector.NAME, TrajectoryWarpCorrector.NAME,
          SourceCorrector.NAME, FymCorrector.NAME);

  private Correctors() {}

  /** The built-in method names. */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * The corrector {@code method} with its defaults replaced by {@code overrides} (parameter name to
   * value); an unknown method, an unknown parameter or an invalid value fails with BAD_PARAMETER.
   */
  public static Corrector create(String method, Map<String, String> overrides) throws FymException {
    return create(method, overrides, FieldSource.trainOnDemand(FymConfig.defaults().trajectorySettings()));
  }

  /** As {@link #create(String, Map)}, with {@code trajectory-warp} taking its fields from {@code fields}. */
  public static Corrector create(String method, Map<String, String> overrides, FieldSource fields)
      throws FymException {
    return create(method, overrides, fields, DenoiserSource.none(FymConfig.defaults().diffusionSettings()));
  }

  /** As {@link #create(String, Map, FieldSource)}, with {@code fym} taking its base denoisers from {@code denoisers}. */
  public static Corrector create(String method, Map<String, String> overrides, FieldSource fields,
      DenoiserSource denoisers) throws FymException {
    if (method == null) {
      throw Errors.unknownMethod("null", NAMES);
    }
    MethodParameters parameters = new MethodParameters(method, overrides);
    return switch (method) {
      case PerFrameCorrector.NAME -> {
        parameters.config();
        yield new PerFrameCorrector();
      }
      case SmoothCorrector.NAME -> SmoothCorrector.create(parameters);
      case PropagateCorrector.NAME -> PropagateCorrector.create(parameters);
      case TrajectoryWarpCorrector.NAME -> TrajectoryWarpCorrector.create(parameters, fields);
      case FymCorrector.NAME -> FymCorrector.create(parameters, fields, denoisers);
      case SourceCorrector.NAME -> {
        parameters.config();
        yield new SourceCorrector();
      }
      default -> throw Errors.unknownMethod(method, NAMES);
    };
  }
}
