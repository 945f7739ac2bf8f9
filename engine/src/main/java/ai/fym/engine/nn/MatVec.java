package ai.fym.engine.nn;

/**
 * The one hot loop of the per-pixel convolution order: {@code acc[0..cols) += sum_j x[j] * W[j]}.
 * Four input values are taken per pass over the output row, so each load and store of {@code acc}
 * serves four multiply-adds. Weight rows are separate arrays and every array in the inner loop is
 * indexed by the bare loop variable: C2 only vectorises a loop whose loads and stores it can
 * compare, and it cannot compare float[] accesses with different invariant offsets.
 */
final class MatVec {
  private MatVec() {}

  /**
   * Adds {@code x[0..rows)} times the matrix with rows {@code w[0..rows)} (each {@code cols} long) to
   * {@code acc[0..cols)}. Groups of four zero inputs (common after ReLU) are skipped.
   */
  static void accumulate(float[] x, int rows, float[][] w, int cols, float[] acc) {
    int j = 0;
    for (; j + 3 < rows; j += 4) {
      float a0 = x[j];
      float a1 = x[j + 1];
      float a2 = x[j + 2];
      float a3 = x[j + 3];
      if (a0 == 0f && a1 == 0f && a2 == 0f && a3 == 0f) {
        continue;
      }
      float[] w0 = w[j];
      float[] w1 = w[j + 1];
      float[] w2 = w[j + 2];
      float[] w3 = w[j + 3];
      for (int c = 0; c < cols; c++) {
        acc[c] += a0 * w0[c] + a1 * w1[c] + a2 * w2[c] + a3 * w3[c];
      }
    }
    for (; j < rows; j++) {
      float a = x[j];
      float[] w0 = w[j];
      for (int c = 0; c < cols; c++) {
        acc[c] += a * w0[c];
      }
    }
  }

  /**
   * The same product in the transposed order, many pixels at once: {@code accT[c][t] += sum_j
   * W[j][c] * xT[j][t]} for {@code t < count}, c over all output channels.
   */
  static void accumulateTransposed(float[][] xT, int rows, float[][] w, int count, int cols, float[][] accT) {
    for (int c = 0; c < cols; c++) {
      float[] acc = accT[c];
      int j = 0;
      for (; j + 3 < rows; j += 4) {
        float w0 = w[j][c];
        float w1 = w[j + 1][c];
        float w2 = w[j + 2][c];
        float w3 = w[j + 3][c];
        float[] x0 = xT[j];
        float[] x1 = xT[j + 1];
        float[] x2 = xT[j + 2];
        float[] x3 = xT[j + 3];
        for (int t = 0; t < count; t++) {
          acc[t] += w0 * x0[t] + w1 * x1[t] + w2 * x2[t] + w3 * x3[t];
        }
      }
      for (; j < rows; j++) {
        float w0 = w[j][c];
        float[] x0 = xT[j];
        for (int t = 0; t < count; t++) {
          acc[t] += w0 * x0[t];
        }
      }
    }
  }
}
