package io.github.wandbjdbc.model;

/** A run named by its entity, project and id, as it appears in another object (an artifact's users). */
public record RunRef(String entity, String project, String name) {

  public boolean isIn(String entity, String project) {
    return this.project != null && this.project.equals(project)
        && (this.entity == null || this.entity.equals(entity));
  }
}
