package io.segmentgateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which paths a route template names, as Vert.x Web would route them. */
class RouteTemplatesTest {

  @ParameterizedTest(name = "{0} names {1}: {2}")
  @CsvSource({
      "/v1/segments, /v1/segments, true",
      "/v1/segments, /v1/segments/, true",
      "/v1/segments, /v1/segment, false",
      "/v1/segments, /v1/segmentsX, false",
      "/v1/segments, /v1/segments/seg_a, false",
      "/v1/segments/:id, /v1/segments/seg_a, true",
      "/v1/segments/:id, /v1/segments/seg_a/, true",
      "/v1/segments/:id, /v1/segments/, false",
      "/v1/segments/:id, /v1/segments, false",
      "/v1/segments/:id, /v1/segments/seg_a/extra, false",
      "/schemas/:name, /schemas/patch-segment.json, true",
      "/health/live, /health/live/x, false",
      "/health/live, /, false",
  })
  void aTemplateNamesExactlyThePathsItsRouteServes(String template, String path, boolean named) {
    assertThat(RouteTemplates.matches(template, path)).isEqualTo(named);
  }
}
