package io.segmentgateway.telemetry;

/** How the service's own meters are named: segment_gateway.x.y, which Prometheus shows as segment_gateway_x_y. */
public final class MeterNames {

  public static final String PREFIX = "segment_gateway.";

  private MeterNames() {
  }
}
