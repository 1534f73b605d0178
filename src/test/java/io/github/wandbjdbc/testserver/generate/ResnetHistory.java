package io.github.wandbjdbc.testserver.generate;

import io.github.wandbjdbc.testserver.data.JsonValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The history rows of a generated resnet run, a pure function of the step. Curves end exactly at
 * the run's summary values ({@code loss}, {@code acc}, {@code val/loss}, {@code val/acc}, the
 * histogram, {@code _runtime}, {@code _timestamp}), so the last row agrees with the summary. A
 * diverged run (summary loss NaN) logs NaN loss and ±Infinity {@code val/loss} from 60% of its
 * steps on.
 *
 * <p>Keys: every row {@code loss}, {@code acc}, {@code lr}, {@code epoch} (integer), {@code phase}
 * (string), {@code _step}, {@code _runtime}, {@code _timestamp}; every {@code valEvery}-th step and
 * the last one (runs with validation) {@code val/loss}, {@code val/acc}, {@code is_best} (bool),
 * {@code optim} (nested map) and, on runs with one, the histogram under
 * {@link SampleDataGenerator#HISTOGRAM_KEY}; on runs with images, {@code examples} (an
 * {@code image-file}) at step 0 and at the last step, named as {@link #imagePath} says.
 */
record ResnetHistory(long seed, long lastStep, int epochs, double lr, double loss, double acc, Double valLoss,
    Double valAcc, long valEvery, Map<String, Object> histogram, boolean images, double runtime,
    long createdEpochSecond) implements LongFunction<Map<String, Object>> {

  @Override
  public Map<String, Object> apply(long step) {
    double p = lastStep <= 0 ? 1.0 : (double) step / lastStep;
    double q = 1.0 - p;
    double n = Noise.of(seed, step);
    boolean diverged = Double.isNaN(loss);
    boolean broken = diverged && step >= lastStep * 6 / 10;
    Map<String, Object> row = new LinkedHashMap<>();
    double lossBase = diverged ? 0.9 : loss;
    double accBase = diverged ? 0.5 : acc;
    row.put("loss", broken ? Double.NaN : lossBase + Noise.round((2.3 - lossBase) * q * q + 0.05 * n * q));
    row.put("acc", broken ? 0.1 : accBase + Noise.round((0.1 - accBase) * q * q + 0.02 * n * q));
    row.put("lr", Noise.round(lr * 0.5 * (1 + Math.cos(Math.PI * p))));
    row.put("epoch", Math.min(epochs - 1L, (long) (p * epochs)));
    row.put("phase", p < 0.05 ? "warmup" : p > 0.9 ? "cooldown" : "train");
    if (valLoss != null && (step % valEvery == 0 || step == lastStep)) {
      double m = Noise.of(seed + 1, step);
      double valLossBase = diverged ? 1.0 : valLoss;
      double valAccBase = diverged ? 0.45 : valAcc;
      row.put("val/loss", broken ? valLoss : valLossBase + Noise.round((2.4 - valLossBase) * q * q + 0.05 * m * q));
      row.put("val/acc", broken ? valAcc : valAccBase + Noise.round((0.1 - valAccBase) * q * q + 0.02 * m * q));
      row.put("is_best", m > 0);
      Map<String, Object> adam = new LinkedHashMap<>();
      adam.put("beta1", 0.9);
      adam.put("beta2", 0.999);
      Map<String, Object> optim = new LinkedHashMap<>();
      optim.put("adam", adam);
      optim.put("grad_norm", Noise.round(Math.abs(m) * 5));
      row.put("optim", optim);
      if (histogram != null) {
        row.put(SampleDataGenerator.HISTOGRAM_KEY, step == lastStep ? JsonValues.deepCopy(histogram) : histogram(step));
      }
    }
    if (images && (step == 0 || step == lastStep)) {
      Map<String, Object> image = new LinkedHashMap<>();
      image.put("_type", "image-file");
      image.put("path", imagePath(step));
      image.put("sha256", String.format("%016x%016x", seed, step * 31 + seed));
      image.put("size", imageSize(step));
      image.put("format", "png");
      image.put("width", 32L);
      image.put("height", 32L);
      row.put("examples", image);
    }
    row.put("_step", step);
    row.put("_runtime", runtime * p);
    row.put("_timestamp", createdEpochSecond + runtime * p);
    return row;
  }

  /** The run file an {@code examples} image of this step is stored as. */
  String imagePath(long step) {
    return "media/images/examples_" + step + "_" + String.format("%08x", (int) (seed ^ step)) + ".png";
  }

  long imageSize(long step) {
    return 2_000 + (long) ((Noise.of(seed + 2, step) + 1) * 14_000);
  }

  /** Steps whose rows carry an image. */
  List<Long> imageSteps() {
    List<Long> steps = new ArrayList<>();
    if (images && lastStep >= 0) {
      steps.add(0L);
      if (lastStep > 0) {
        steps.add(lastStep);
      }
    }
    return steps;
  }

  private Map<String, Object> histogram(long step) {
    List<Object> values = new ArrayList<>();
    List<Object> bins = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      values.add((long) ((Noise.of(seed + 3 + i, step) + 1) * 250));
      bins.add(-0.1 + i * 0.025);
    }
    bins.add(0.1);
    Map<String, Object> histogram = new LinkedHashMap<>();
    histogram.put("_type", "histogram");
    histogram.put("values", values);
    histogram.put("bins", bins);
    return histogram;
  }
}
