package io.github.wandbjdbc.calcite.runs;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/** Relational expressions that W&B evaluates: a scan with whatever the rules folded into it. */
public interface WandbRel extends RelNode {
  Convention CONVENTION = new Convention.Impl("WANDB", WandbRel.class);
}
