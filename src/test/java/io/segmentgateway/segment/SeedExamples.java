package io.segmentgateway.segment;

/** The constraint arrays of the public documentation page, verbatim. */
final class SeedExamples {

  /** "Array of constraint conditions": an alias (EQUALS) in the second group. */
  static final String WITH_ALIAS = """
      [
          {
              "type": "AND",
              "constraints": [
              { "field": "deviceManufacturer", "value": "Xiaomi", "relation": "==" },
              { "field": "deviceModel", "value": "Redmi Note XXXXX", "relation": "==" }
              ]
          },
          {
              "type": "AND",
              "constraints": [
              { "field": "osVersion", "value": "13", "relation": "EQUALS" }
              ]
          }
      ]
      """;

  /** "Constraints Examples", the first: two session-time ranges. */
  static final String FIRST = """
      [
          {
              "type": "AND",
              "constraints": [
              {
                  "field": "firstSession",
                  "value": 1771924492768,
                  "relation": "<="
              }
              ]
          },
          {
              "type": "AND",
              "constraints": [
              {
                  "field": "lastSession",
                  "value": 1771924492782,
                  "relation": ">="
              }
              ]
          }
      ]
      """;

  /** "Constraints Examples", the second: AND groups that cannot match (one field equal to two values). */
  static final String SECOND = """
      [
          {
              "type": "AND",
              "constraints":
              [
                  {
                      "field": "deviceModel",
                      "value": "Redmi Note XXXXX",
                      "relation": "=="
                  },
                  {
                      "field": "deviceModel",
                      "value": "Galaxy S23",
                      "relation": "=="
                  }
              ]
          },
          {
              "type": "AND",
              "constraints":
              [
                  {
                      "field": "deviceManufacturer",
                      "value": "Xiaomi",
                      "relation": "=="
                  },
                  {
                      "field": "deviceManufacturer",
                      "value": "Samsung",
                      "relation": "=="
                  },
                  {
                      "field": "type",
                      "value": "phone",
                      "relation": "=="
                  }
              ]
          }
      ]
      """;

  private SeedExamples() {
  }
}
