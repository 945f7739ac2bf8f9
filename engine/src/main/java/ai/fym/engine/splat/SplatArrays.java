package ai.fym.engine.splat;

/** The values of {@link ProjectedSplats} as plain arrays (layouts of the NDArrays), for the Java kernels. */
record SplatArrays(int count, int channels, float[] means2d, float[] conics, float[] opacities, float[] features,
    float[] depths, float[] radii) {

  static SplatArrays of(ProjectedSplats p) {
    return new SplatArrays(p.count(), p.channels(), p.means2d().toFloatArray(), p.conics().toFloatArray(),
        p.opacities().toFloatArray(), p.features().toFloatArray(), p.depths().toFloatArray(), p.radii());
  }
}
