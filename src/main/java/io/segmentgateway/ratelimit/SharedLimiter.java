package io.segmentgateway.ratelimit;

import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Response;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One limit per key for the whole fleet: each key has one bucket in Redis (lease.lua, GCRA on Redis's clock), from
 * which each instance leases tokens a few at a time, about leaseMillis of the key's recent rate here, so that a
 * request costs no Redis round trip: it spends a leased token (KeyLease), and the next lease leaves, in the background,
 * when half of the last one is spent. A key the bucket cannot serve (the fleet is over its limit) asks again only
 * after a pause, so that refused requests cost Redis nothing either.
 *
 * <p>While the Fleet does not share (Redis does not answer), each instance limits a key to its share instead, in
 * local buckets; leases resume when it shares again.
 */
public final class SharedLimiter implements Limiter {

  private static final Logger LOG = LoggerFactory.getLogger(SharedLimiter.class);

  /** Below this, a lease's measure of the key's rate is too short to be worth taking. */
  private static final long SHORTEST_SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  /** A key state that leased nothing for this long may be dropped when the map is full. */
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Vertx vertx;
  private final Fleet fleet;
  private final RedisLink link;
  private final LuaScript script = LuaScript.load("lease.lua");
  private final LocalBuckets shares;
  private final ConcurrentHashMap<String, KeyLease> leases = new ConcurrentHashMap<>();
  private final int maxKeys;
  private final String bucketPrefix;
  private final long leaseNanos;
  private final double heldSeconds;
  private final long answerNanos;
  private final LongSupplier clock;

  public SharedLimiter(Vertx vertx, Fleet fleet, int maxKeys, LongSupplier clock) {
    this.vertx = vertx;
    this.fleet = fleet;
    this.link = fleet.link();
    this.shares = new LocalBuckets(maxKeys, clock);
    this.maxKeys = maxKeys;
    this.bucketPrefix = fleet.settings().keyPrefix() + "key:{";
    this.leaseNanos = TimeUnit.MILLISECONDS.toNanos(fleet.settings().leaseMillis());
    this.heldSeconds = fleet.settings().heldMillis() / 1000.0;
    this.answerNanos = TimeUnit.MILLISECONDS.toNanos(fleet.settings().commandTimeoutMillis());
    this.clock = clock;
  }

  @Override
  public Decision acquire(String keyId, Limit limit) {
    KeyLease lease = leases.get(keyId);
    if (lease == null) {
      lease = newLease(keyId, limit);
    }
    if (!fleet.shared()) {
      return onShare(keyId, lease, limit);
    }
    long now = clock.getAsLong();
    Decision decision = lease.take(limit, now);
    if (lease.due(now) && lease.leasing.compareAndSet(false, true)) {
      KeyLease due = lease;
      link.context().runOnContext(v -> lease(due));
    }
    return decision;
  }

  /** Key states held now (the tests read it). */
  public int size() {
    return leases.size();
  }

  /** This instance's share of the key's limit, in a local bucket; what is left is told for the whole fleet. */
  private Decision onShare(String keyId, KeyLease lease, Limit limit) {
    int instances = fleet.instances();
    Decision decision = shares.acquire(keyId, lease.share(limit, instances));
    if (!decision.allowed() || instances == 1) {
      return decision;
    }
    long remaining = Math.min(limit.burst(), decision.remaining() * instances);
    return new Decision(true, remaining, decision.resetSeconds(), 0);
  }

  /**
   * On the link's context. Sizes the lease to the rate the key was spent at since the last one, bounded by what an
   * instance may hold (heldMillis of its share), and asks for it plus whatever the key owes.
   */
  private void lease(KeyLease lease) {
    if (!fleet.shared()) {
      lease.leasing.set(false);
      return;
    }
    long now = clock.getAsLong();
    Limit limit = lease.limit;
    long held = held(limit, fleet.instances());
    long balance = lease.balance.get();
    long consumed = lease.grantedTotal - balance;
    long elapsed = now - lease.leasedAtNanos;
    if (elapsed >= SHORTEST_SAMPLE_NANOS) {
      double perNano = (double) (consumed - lease.consumedAtLease) / elapsed;
      lease.target = Math.max(1, Math.min(held, (long) Math.ceil(perNano * leaseNanos)));
      lease.consumedAtLease = consumed;
      lease.leasedAtNanos = now;
    }
    lease.credit = held;
    lease.lowWater = lease.target / 2;
    long want = Math.max(1, lease.target - balance);
    link.run(script, lease.bucketKey, limit.perSecond(), limit.burst(), want)
        .onComplete(ar -> answered(lease, limit, want, ar));
  }

  /** On the link's context: the tokens go to the key, and a key the bucket could not serve pauses. */
  private void answered(KeyLease lease, Limit limit, long want, AsyncResult<Response> answer) {
    if (answer.failed()) {
      lease.leasing.set(false);
      return;
    }
    long now = clock.getAsLong();
    long granted;
    long remaining;
    long retryNanos;
    try {
      Response reply = answer.result();
      granted = reply.get(0).toLong();
      remaining = reply.get(1).toLong();
      retryNanos = TimeUnit.MICROSECONDS.toNanos(reply.get(2).toLong());
    } catch (RuntimeException e) {
      // Not lease.lua's answer (a Redis that is not what it seems): the key asks again with its next request.
      LOG.warn("Unexpected answer to a lease: {}", e.toString());
      lease.leasing.set(false);
      return;
    }
    lease.grantedTotal += granted;
    lease.balance.addAndGet(granted);
    lease.fleetRemaining = remaining;
    lease.answeredAtNanos = now;
    lease.fleetTokenAtNanos = now + retryNanos;
    boolean starved = granted < want;
    long pause = Math.max(retryNanos, pause(limit));
    if (starved) {
      lease.nextLeaseNanos = now + pause;
    }
    lease.leasing.set(false);
    if (starved && lease.balance.get() < 1) {
      // Asks again when the bucket has a token, whether or not requests come: a refused client that waits for its
      // Retry-After then finds the token here, and a key that owes tokens repays them.
      vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(pause)), id -> {
        if (lease.balance.get() < 1 && lease.leasing.compareAndSet(false, true)) {
          lease(lease);
        }
      });
    }
  }

  /** The most tokens an instance holds or owes for a key: heldMillis of its share of the rate, at least 1. */
  private long held(Limit limit, int instances) {
    return Math.max(1, (long) (limit.perSecond() * heldSeconds / instances));
  }

  /**
   * How long a key the bucket could not serve waits before it asks again: leaseMillis, or less for a small burst,
   * since what the bucket gains beyond its burst while nobody asks is lost to the key.
   */
  private long pause(Limit limit) {
    return Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(leaseNanos, limit.capacityNanos / 2));
  }

  private KeyLease newLease(String keyId, Limit limit) {
    long now = clock.getAsLong();
    if (leases.size() >= maxKeys) {
      leases.values().removeIf(idle -> now - idle.answeredAtNanos > IDLE_NANOS && !idle.leasing.get());
      if (leases.size() >= maxKeys) {
        LOG.warn("More than {} API keys are busy at once; their leases start afresh (raise rateLimit.maxKeys)",
            maxKeys);
        leases.clear();
      }
    }
    return leases.computeIfAbsent(keyId,
        id -> new KeyLease(bucketPrefix + id + "}", limit, held(limit, fleet.instances()), now, answerNanos));
  }
}
