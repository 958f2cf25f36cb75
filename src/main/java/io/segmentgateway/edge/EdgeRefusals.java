package io.segmentgateway.edge;

/** Told of every request the edge answered itself, so that the access log and the HTTP metrics show it. */
@FunctionalInterface
public interface EdgeRefusals {

  /**
   * @param method the request's method, or null when its request line could not be read
   * @param nanos from the request's first byte to the answer
   */
  void refused(String method, int status, String requestId, long nanos);
}
