package ai.fym.engine.avatar;

import ai.djl.ndarray.NDManager;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.splat.SplatRasterizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Drives an avatar with another clip's landmarks: the driver's own landmark basis is fitted on its frames, each
 * frame's expression and pose are carried over to the avatar ({@link FaceCode#retarget}), smoothed over time
 * within the driver's shots like training codes, and rendered.
 */
public final class Reenactment {
  private Reenactment() {}

  /** The avatar's renders (row-major RGB in [0, 1]) for {@code driver}'s frames, in (clip, frame) order. */
  public static List<float[]> render(AvatarModel avatar, List<AvatarFrame> driver, AvatarSettings settings,
      SplatRasterizer rasterizer, NDManager manager) throws FymException {
    List<AvatarFrame> ordered = new ArrayList<>(driver);
    ordered.sort(Comparator.comparing(AvatarFrame::clip).thenComparingInt(AvatarFrame::frameIndex));
    List<float[]> landmarks = ordered.stream().map(AvatarFrame::landmarks).toList();
    FaceCode driverCode = FaceCode.fit(landmarks, settings.codeDims());
    FaceCode.Code[] codes = new FaceCode.Code[ordered.size()];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = avatar.faceCode().retarget(ordered.get(i).landmarks(), driverCode);
    }
    codes = AvatarData.smooth(ordered, codes, settings.codeSmoothing());
    List<float[]> frames = new ArrayList<>(codes.length);
    for (FaceCode.Code code : codes) {
      float[] image = avatar.render(code, rasterizer, manager);
      frames.add(AvatarEvaluation.clamp(image));
    }
    return frames;
  }
}
