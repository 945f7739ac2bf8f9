package ai.fym.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks every kernel and both evaluation orders against a direct, obviously correct convolution. */
class KernelsTest {
  private final Random random = new Random(7);

  @Test
  void tensorflowPaddingRules() {
    assertEquals(56, Padding.SAME.outSize(112, 3, 2));
    assertEquals(0, Padding.SAME.padBefore(112, 3, 2));
    assertEquals(1, Padding.SAME.padAfter(112, 3, 2));
    assertEquals(1, Padding.SAME.padBefore(35, 3, 1));
    assertEquals(1, Padding.SAME.padBefore(35, 3, 2));
    assertEquals(72, Padding.VALID.outSize(150, 7, 2));
    assertEquals(0, Padding.VALID.padAfter(150, 7, 2));
  }

  @Test
  void denseConvolutionMatchesDirectComputationInBothOrders() {
    int[][] cases = {{3, 2, 11, 3, 8, 0}, {3, 1, 9, 16, 12, 0}, {7, 2, 20, 3, 5, 1}, {1, 1, 6, 24, 40, 0}, {1, 1, 5, 24, 130, 0},
        {3, 2, 10, 5, 6, 1}};
    for (int[] c : cases) {
      int k = c[0];
      int stride = c[1];
      int size = c[2];
      int cin = c[3];
      int cout = c[4];
      Padding padding = c[5] == 0 ? Padding.SAME : Padding.VALID;
      float[] w = randoms(k * k * cin * cout);
      float[] b = randoms(cout);
      Conv2d conv = new Conv2d(k, stride, cin, cout, padding, w, b);
      FeatureMap in = randomMap(size, cin, 1);
      int pad = padding.padBefore(size, k, stride);
      int out = conv.outSize(size);
      float[][][] expected = new float[out][out][cout];
      for (int oy = 0; oy < out; oy++) {
        for (int ox = 0; ox < out; ox++) {
          for (int co = 0; co < cout; co++) {
            double sum = b[co];
            for (int ky = 0; ky < k; ky++) {
              for (int kx = 0; kx < k; kx++) {
                for (int ci = 0; ci < cin; ci++) {
                  sum += at(in, oy * stride + ky - pad, ox * stride + kx - pad, ci)
                      * w[((ky * k + kx) * cin + ci) * cout + co];
                }
              }
            }
            expected[oy][ox][co] = (float) sum;
          }
        }
      }
      assertBothOrders(conv, in, expected);
      FeatureMap applied = new FeatureMap(out, out, cout, 0);
      conv.apply(in, applied, true, ConvWorkspace.forKernels(List.of(conv)));
      for (int oy = 0; oy < out; oy++) {
        for (int ox = 0; ox < out; ox++) {
          for (int co = 0; co < cout; co++) {
            assertEquals(Math.max(0, expected[oy][ox][co]), applied.data()[applied.offset(oy, ox) + co], 1e-4);
          }
        }
      }
    }
  }

  @Test
  void separableConvolutionMatchesDirectComputation() {
    for (int[] c : new int[][] {{1, 9, 8, 12}, {2, 10, 16, 4}, {2, 7, 4, 8}}) {
      int stride = c[0];
      int size = c[1];
      int cin = c[2];
      int cout = c[3];
      float[] dw = randoms(9 * cin);
      float[] pw = randoms(cin * cout);
      float[] b = randoms(cout);
      SeparableConv conv = new SeparableConv(new TfjsWeights.Tensor("d", new int[] {3, 3, cin, 1}, dw),
          new TfjsWeights.Tensor("p", new int[] {1, 1, cin, cout}, pw), new TfjsWeights.Tensor("b", new int[] {cout}, b),
          stride);
      FeatureMap in = randomMap(size, cin, 1);
      int pad = Padding.SAME.padBefore(size, 3, stride);
      int out = conv.outSize(size);
      float[][][] expected = new float[out][out][cout];
      for (int oy = 0; oy < out; oy++) {
        for (int ox = 0; ox < out; ox++) {
          double[] depth = new double[cin];
          for (int ci = 0; ci < cin; ci++) {
            for (int ky = 0; ky < 3; ky++) {
              for (int kx = 0; kx < 3; kx++) {
                depth[ci] += at(in, oy * stride + ky - pad, ox * stride + kx - pad, ci) * dw[(ky * 3 + kx) * cin + ci];
              }
            }
          }
          for (int co = 0; co < cout; co++) {
            double sum = b[co];
            for (int ci = 0; ci < cin; ci++) {
              sum += depth[ci] * pw[ci * cout + co];
            }
            expected[oy][ox][co] = (float) sum;
          }
        }
      }
      assertBothOrders(conv, in, expected);
    }
  }

  @Test
  void poolingAndDenseMatchDirectComputation() {
    FeatureMap in = randomMap(7, 5, 1);
    FeatureMap max = new FeatureMap(3, 3, 5, 0);
    FeatureMap avg = new FeatureMap(3, 3, 5, 1);
    Pooling.max(in, 3, 2, max);
    Pooling.average(in, 2, 2, avg);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 3; x++) {
        for (int c = 0; c < 5; c++) {
          float m = Float.NEGATIVE_INFINITY;
          for (int dy = 0; dy < 3; dy++) {
            for (int dx = 0; dx < 3; dx++) {
              m = Math.max(m, at(in, 2 * y + dy, 2 * x + dx, c));
            }
          }
          float a = (at(in, 2 * y, 2 * x, c) + at(in, 2 * y + 1, 2 * x, c) + at(in, 2 * y, 2 * x + 1, c)
              + at(in, 2 * y + 1, 2 * x + 1, c)) / 4;
          assertEquals(m, max.data()[max.offset(y, x) + c], 0f);
          assertEquals(a, avg.data()[avg.offset(y, x) + c], 1e-6);
        }
      }
    }
    assertThrows(IllegalArgumentException.class, () -> Pooling.max(in, 3, 2, new FeatureMap(4, 4, 5, 0)));

    float[] w = randoms(6 * 3);
    Dense dense = new Dense(new TfjsWeights.Tensor("w", new int[] {6, 3}, w), null);
    float[] x = randoms(6);
    float[] y = new float[3];
    dense.apply(x, y);
    for (int o = 0; o < 3; o++) {
      double sum = 0;
      for (int i = 0; i < 6; i++) {
        sum += x[i] * w[i * 3 + o];
      }
      assertEquals(sum, y[o], 1e-5);
    }
  }

  private void assertBothOrders(ConvKernel conv, FeatureMap in, float[][][] expected) {
    int out = expected.length;
    int cout = conv.outChannels();
    float[] column = new float[conv.columnSize()];
    float[] acc = new float[cout];
    for (int oy = 0; oy < out; oy++) {
      for (int ox = 0; ox < out; ox++) {
        conv.pixel(in, oy, ox, column, acc);
        for (int co = 0; co < cout; co++) {
          assertEquals(expected[oy][ox][co], acc[co], 1e-4, "pixel order at " + oy + "," + ox + "," + co);
        }
      }
    }
    int tile = 5;
    float[][] columnsT = new float[conv.columnSize()][tile];
    float[][] accT = new float[cout][tile];
    for (int first = 0; first < out * out; first += tile) {
      int count = Math.min(tile, out * out - first);
      conv.tile(in, out, first, count, column, columnsT, accT);
      for (int t = 0; t < count; t++) {
        int p = first + t;
        for (int co = 0; co < cout; co++) {
          assertEquals(expected[p / out][p % out][co], accT[co][t], 1e-4, "tile order at pixel " + p);
        }
      }
    }
  }

  private static float at(FeatureMap m, int y, int x, int c) {
    if (y < 0 || x < 0 || y >= m.height() || x >= m.width()) {
      return 0f;
    }
    return m.data()[m.offset(y, x) + c];
  }

  private FeatureMap randomMap(int size, int channels, int border) {
    FeatureMap m = new FeatureMap(size, size, channels, border);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        for (int c = 0; c < channels; c++) {
          // about a third zeros, as after ReLU, to exercise the zero-skipping path
          float v = (float) random.nextGaussian();
          m.data()[m.offset(y, x) + c] = v < -0.4f ? 0f : v;
        }
      }
    }
    return m;
  }

  private float[] randoms(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
