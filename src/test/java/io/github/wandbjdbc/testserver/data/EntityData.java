package io.github.wandbjdbc.testserver.data;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A W&B entity (user or team) and its projects, in the order {@code models} lists them. */
public record EntityData(String name, boolean isTeam, List<ProjectData> projects) {

  public EntityData {
    Objects.requireNonNull(name, "name");
    projects = List.copyOf(projects);
  }

  /** The opaque Relay id, base64 of {@code Entity:<name>}. */
  public String id() {
    return Base64.getEncoder().encodeToString(("Entity:" + name).getBytes(StandardCharsets.UTF_8));
  }

  public Optional<ProjectData> project(String projectName) {
    return projects.stream().filter(p -> p.name().equals(projectName)).findFirst();
  }
}
