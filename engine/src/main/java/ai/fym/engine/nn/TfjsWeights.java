package ai.fym.engine.nn;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensors of a TensorFlow.js "layers/graph weights" model: a JSON manifest listing tensors in
 * order (name, shape, dtype, optional uint8 quantization) and binary shard files holding them
 * back to back. Quantized values are restored as {@code q * scale + min}. Immutable once loaded, so
 * one instance may serve every thread.
 */
public final class TfjsWeights {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One named tensor; {@code values} are in row-major order of {@code shape} (TF layout). */
  public record Tensor(String name, int[] shape, float[] values) {
    /** Number of elements, the product of the shape. */
    public int size() {
      return values.length;
    }
  }

  private final Map<String, Tensor> tensors;

  private TfjsWeights(Map<String, Tensor> tensors) {
    this.tensors = Collections.unmodifiableMap(tensors);
  }

  /**
   * Loads a model whose manifest is {@code manifestPath} (relative to {@link ModelResources#ROOT});
   * the shard files it names are looked up in the same folder. Every file is sha256-verified.
   */
  public static TfjsWeights load(ModelResources.Reader reader, String manifestPath) throws FymException {
    byte[] manifest = ModelResources.readVerified(reader, manifestPath);
    String folder = manifestPath.contains("/") ? manifestPath.substring(0, manifestPath.lastIndexOf('/') + 1) : "";
    JsonNode groups;
    try {
      groups = JSON.readTree(manifest);
    } catch (IOException e) {
      throw Errors.modelIntegrity(ModelResources.ROOT + manifestPath, "a JSON weights manifest", "unparsable JSON");
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (JsonNode group : groups) {
      ByteArrayOutputStream shards = new ByteArrayOutputStream();
      for (JsonNode path : group.path("paths")) {
        shards.writeBytes(ModelResources.readVerified(reader, folder + path.asText()));
      }
      ByteBuffer data = ByteBuffer.wrap(shards.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
      for (JsonNode spec : group.path("weights")) {
        Tensor t = readTensor(spec, data, ModelResources.ROOT + manifestPath);
        tensors.put(t.name(), t);
      }
      if (data.hasRemaining()) {
        throw Errors.modelIntegrity(ModelResources.ROOT + manifestPath, "shards fully used by the manifest",
            data.remaining() + " unused bytes");
      }
    }
    return new TfjsWeights(tensors);
  }

  private static Tensor readTensor(JsonNode spec, ByteBuffer data, String source) throws FymException {
    String name = spec.path("name").asText();
    int[] shape = new int[spec.path("shape").size()];
    int count = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = spec.path("shape").get(i).asInt();
      count *= shape[i];
    }
    JsonNode quant = spec.get("quantization");
    String storedType = quant == null ? spec.path("dtype").asText() : quant.path("dtype").asText();
    int bytesPer = switch (storedType) {
      case "uint8" -> 1;
      case "uint16" -> 2;
      case "float32" -> 4;
      default -> throw Errors.modelIntegrity(source, "uint8, uint16 or float32 for " + name, storedType);
    };
    if (data.remaining() < (long) count * bytesPer) {
      throw Errors.modelIntegrity(source, count * bytesPer + " bytes for " + name, data.remaining() + " left");
    }
    float[] values = new float[count];
    if (quant == null) {
      for (int i = 0; i < count; i++) {
        values[i] = data.getFloat();
      }
    } else {
      float scale = (float) quant.path("scale").asDouble();
      float min = (float) quant.path("min").asDouble();
      for (int i = 0; i < count; i++) {
        int q = bytesPer == 1 ? data.get() & 0xff : data.getShort() & 0xffff;
        values[i] = q * scale + min;
      }
    }
    return new Tensor(name, shape, values);
  }

  /** Number of tensors. */
  public int count() {
    return tensors.size();
  }

  /**
   * The tensor called {@code name}, checked to have {@code expectedShape}.
   *
   * @throws IllegalStateException when it is missing or shaped differently (a model/code mismatch)
   */
  public Tensor get(String name, int... expectedShape) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalStateException("model has no tensor '" + name + "'");
    }
    if (!Arrays.equals(t.shape(), expectedShape)) {
      throw new IllegalStateException("tensor '" + name + "' has shape " + Arrays.toString(t.shape())
          + ", expected " + Arrays.toString(expectedShape));
    }
    return t;
  }
}
