package ai.fym.engine.nn;

/**
 * The one hot loop of the convolution kernels: {@code acc[0..cols) += sum_j x[j] * W[j][0..cols)}
 * for a row-major weight matrix. Four input values are taken per pass over the output row, so each
 * load and store of {@code acc} serves four multiply-adds; the inner loop runs over contiguous
 * arrays with no branches, which C2 auto-vectorises (AVX2/AVX-512).
 */
final class MatVec {
  private MatVec() {}

  /**
   * Adds {@code x[xOff..xOff+rows)} times the {@code rows x cols} matrix stored at {@code w[wOff..]}
   * to {@code acc[0..cols)}. Groups of four zero inputs (common after ReLU) are skipped.
   */
  static void accumulate(float[] x, int xOff, int rows, float[] w, int wOff, int cols, float[] acc) {
    int j = 0;
    for (; j + 3 < rows; j += 4) {
      float a0 = x[xOff + j];
      float a1 = x[xOff + j + 1];
      float a2 = x[xOff + j + 2];
      float a3 = x[xOff + j + 3];
      if (a0 == 0f && a1 == 0f && a2 == 0f && a3 == 0f) {
        continue;
      }
      int w0 = wOff + j * cols;
      int w1 = w0 + cols;
      int w2 = w1 + cols;
      int w3 = w2 + cols;
      for (int c = 0; c < cols; c++) {
        acc[c] += a0 * w[w0 + c] + a1 * w[w1 + c] + a2 * w[w2 + c] + a3 * w[w3 + c];
      }
    }
    for (; j < rows; j++) {
      float a = x[xOff + j];
      int w0 = wOff + j * cols;
      for (int c = 0; c < cols; c++) {
        acc[c] += a * w[w0 + c];
      }
    }
  }
}
