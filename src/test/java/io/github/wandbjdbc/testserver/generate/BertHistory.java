package io.github.wandbjdbc.testserver.generate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The history rows of a generated bert run (one row per 50 optimiser steps), a pure function of the
 * step; the last row agrees with the summary. Keys: {@code train/loss}, {@code train/global_step}
 * (integer), {@code train/learning_rate}, {@code train/epoch}; at the end of every epoch, on runs
 * that evaluated, {@code eval/accuracy}, {@code eval/f1}, {@code eval/runtime}.
 *
 * @param eval final eval values, null for runs that failed before evaluating
 */
record BertHistory(long seed, long lastStep, int epochs, double learningRate, double trainLoss, Double evalAccuracy,
    Double evalF1, Double evalRuntime, double runtime, long createdEpochSecond)
    implements LongFunction<Map<String, Object>> {

  @Override
  public Map<String, Object> apply(long step) {
    double p = lastStep <= 0 ? 1.0 : (double) step / lastStep;
    double q = 1.0 - p;
    double n = Noise.of(seed, step);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("train/loss", trainLoss + Noise.round((0.7 - trainLoss) * q * q + 0.03 * n * q));
    row.put("train/global_step", (step + 1) * 50);
    row.put("train/learning_rate", Noise.round(learningRate * q));
    row.put("train/epoch", Noise.round((double) (step + 1) * epochs / (lastStep + 1)));
    long stepsPerEpoch = (lastStep + 1) / epochs;
    if (evalAccuracy != null && (step + 1) % stepsPerEpoch == 0) {
      double m = Noise.of(seed + 1, step);
      row.put("eval/accuracy", evalAccuracy + Noise.round(-0.1 * q + 0.01 * m * q));
      row.put("eval/f1", evalF1 + Noise.round(-0.1 * q + 0.01 * m * q));
      row.put("eval/runtime", evalRuntime + Noise.round(2 * m * q));
    }
    row.put("_step", step);
    row.put("_runtime", runtime * p);
    row.put("_timestamp", createdEpochSecond + runtime * p);
    return row;
  }
}
