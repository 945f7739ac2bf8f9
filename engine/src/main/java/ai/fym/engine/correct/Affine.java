package ai.fym.engine.correct;

/** Least squares for a colour transform: (M + ridge I) X = N + ridge X0, M 4x4, N and X 4x3, in doubles. */
final class Affine {
  private Affine() {}

  /**
   * Solves for X (12 values, row-major 4x3: three colour rows then the bias row) from the normal equations at
   * {@code normal[offset..offset+28)} (M row-major, then N row-major), pulled towards {@code prior} by
   * {@code ridge}. Gaussian elimination with partial pivoting; the ridge keeps it well posed.
   */
  static double[] solve(double[] normal, int offset, double ridge, double[] prior) {
    double[][] a = new double[4][7];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        a[i][j] = normal[offset + 4 * i + j] + (i == j ? ridge : 0);
      }
      for (int c = 0; c < 3; c++) {
        a[i][4 + c] = normal[offset + 16 + 3 * i + c] + ridge * prior[3 * i + c];
      }
    }
    for (int col = 0; col < 4; col++) {
      int pivot = col;
      for (int r = col + 1; r < 4; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] tmp = a[col];
      a[col] = a[pivot];
      a[pivot] = tmp;
      for (int r = 0; r < 4; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int k = col; k < 7; k++) {
            a[r][k] -= f * a[col][k];
          }
        }
      }
    }
    double[] x = new double[12];
    for (int i = 0; i < 4; i++) {
      for (int c = 0; c < 3; c++) {
        x[3 * i + c] = a[i][4 + c] / a[i][i];
      }
    }
    return x;
  }
}
