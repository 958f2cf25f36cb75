package io.segmentgateway.ratelimit;

/** Decides whether a key may send one more request now, under its limit; never waits. */
public interface Limiter {

  /** keyId: the key's id (ApiKeyCache.idOf); limit: the key's own or the defaults. Takes a token when allowed. */
  Decision acquire(String keyId, Limit limit);
}
