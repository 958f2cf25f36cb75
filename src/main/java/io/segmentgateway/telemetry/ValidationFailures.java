package io.segmentgateway.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.segmentgateway.http.Refusal;
import java.util.Locale;

/**
 * segment_gateway_validation_failures_total{reason}: requests refused for what they sent, by Refusal (never the
 * message text, which would make a series per body). All counters exist from the start, at zero, so that rate()
 * works before the first failure.
 */
public final class ValidationFailures {

  static final String NAME = MeterNames.PREFIX + "validation.failures";

  private final Counter[] counters = new Counter[Refusal.values().length];

  ValidationFailures(MeterRegistry registry) {
    for (Refusal reason : Refusal.values()) {
      counters[reason.ordinal()] = Counter.builder(NAME)
          .description("Requests refused for their body or parameters, by reason")
          .tag("reason", reason.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
  }

  public void count(Refusal reason) {
    counters[reason.ordinal()].increment();
  }
}
