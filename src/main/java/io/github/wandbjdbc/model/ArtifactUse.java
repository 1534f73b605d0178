package io.github.wandbjdbc.model;

import java.util.List;

/** An artifact version a run used or logged; {@code usedAs} names the use (inputs only). */
public record ArtifactUse(ArtifactNode artifact, List<String> usedAs) {
  public ArtifactUse {
    usedAs = usedAs == null ? List.of() : List.copyOf(usedAs);
  }
}
