package ai.fym.udfs.eval;

import ai.fym.engine.diffusion.DenoiserSettings;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A correction method with its parameters, canonicalised (sorted keys) so that the same configuration
 * always gets the same {@link #hash()}: the hash tells configurations apart in the {@code corrected},
 * {@code metrics} and {@code sweep_items} tables.
 */
public record MethodConfig(String method, Map<String, String> params) implements Serializable {
  /**
   * The configuration key under which a method that follows trajectory fields ({@code trajectory-warp}) reports
   * the hash of the field settings it uses: derived, not a parameter one sets.
   */
  public static final String FIELD_SETTINGS = "field";
  /** The key under which {@code fym} reports its diffusion settings (derived, like {@link #FIELD_SETTINGS}). */
  public static final String DIFFUSION_SETTINGS = "diffusion";

  public MethodConfig {
    params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
  }

  /** The trajectory settings hash this method's fields must have, or null when it uses no fields. */
  public String fieldSettingsHash() {
    return params.get(FIELD_SETTINGS);
  }

  /**
   * For {@code fym} (a configuration with the derived key {@link #DIFFUSION_SETTINGS}): the diffusion settings it
   * corrects with, {@code configured} with its switches ({@code hash}, {@code reweight}, {@code control}: 0 or 1,
   * default 1) and {@code strength} applied; null for a method without a denoiser. Their
   * {@link DenoiserSettings#baseHash()} names the base denoiser the method needs.
   */
  public DenoiserSettings diffusionSettings(DenoiserSettings configured) {
    if (!params.containsKey(DIFFUSION_SETTINGS)) {
      return null;
    }
    String strength = params.get("strength");
    return configured.with(!"0".equals(params.get("hash")), !"0".equals(params.get("reweight")),
        !"0".equals(params.get("control")), strength == null ? configured.strength() : Double.parseDouble(strength));
  }

  /** The parameters one sets: the configuration without derived keys. */
  public Map<String, String> overrides() {
    Map<String, String> out = new TreeMap<>(params);
    out.remove(FIELD_SETTINGS);
    out.remove(DIFFUSION_SETTINGS);
    return out;
  }

  /** {@code method{k=v,...}}: readable and canonical. */
  public String canonical() {
    return method + params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** The first 12 hex digits of the sha256 of {@link #canonical()}. */
  public String hash() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses {@link #canonical()}'s form back. */
  public static MethodConfig parse(String canonical) {
    int open = canonical.indexOf('{');
    if (open < 0 || !canonical.endsWith("}")) {
      return new MethodConfig(canonical, Map.of());
    }
    Map<String, String> params = new TreeMap<>();
    String body = canonical.substring(open + 1, canonical.length() - 1);
    if (!body.isEmpty()) {
      for (String kv : body.split(",")) {
        int eq = kv.indexOf('=');
        params.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return new MethodConfig(canonical.substring(0, open), params);
  }
}
