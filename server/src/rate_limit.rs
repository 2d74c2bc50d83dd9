//! The rate limit per client address for the sign-in routes: enough to slow down credential
//! stuffing of the demo route and floods of the SSO callback. `governor`'s GCRA: a client may
//! send `limit` requests at once, then one more each `window / limit` (30 a minute: a burst of
//! 30, then one every 2 s), so there is no window edge at which twice the limit gets through.

use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::Quota;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// Addresses remembered before the limiter forgets those back at a full budget, and, if it is
/// still this full (many addresses at once, e.g. rotating IPv6), forgets everyone rather than
/// let the map and the work under the lock grow without bound.
const MAX_CLIENTS: usize = 10_000;

type Key = Option<IpAddr>;
type Keyed<C> = governor::RateLimiter<
    Key,
    DefaultKeyedStateStore<Key>,
    C,
    NoOpMiddleware<<C as Clock>::Instant>,
>;

pub struct RateLimiter<C: Clock = DefaultClock> {
    quota: Quota,
    clock: C,
    /// Behind a mutex so that it can be replaced when full; the store is one mutex-guarded map
    /// anyway, so this serialises nothing that was not.
    limiter: Mutex<Keyed<C>>,
}

impl RateLimiter {
    /// At most `limit` requests per client in any `window`. Panics if either is zero.
    pub fn new(limit: u32, window: Duration) -> Self {
        Self::with_clock(limit, window, DefaultClock::default())
    }
}

impl<C: Clock + Clone> RateLimiter<C> {
    fn with_clock(limit: u32, window: Duration, clock: C) -> Self {
        let burst = NonZeroU32::new(limit).expect("a rate limit of at least one request");
        let quota = Quota::with_period(window / limit).expect("a window longer than zero");
        let quota = quota.allow_burst(burst);
        let limiter = Mutex::new(Keyed::hashmap_with_clock(quota, clock.clone()));
        Self { quota, clock, limiter }
    }

    /// Counts one request from `client`; false once it is over the limit.
    pub fn allow(&self, client: Option<IpAddr>) -> bool {
        let mut limiter = self.limiter.lock().unwrap_or_else(PoisonError::into_inner);
        if limiter.len() > MAX_CLIENTS {
            limiter.retain_recent();
            if limiter.len() > MAX_CLIENTS {
                *limiter = Keyed::hashmap_with_clock(self.quota, self.clock.clone());
            }
        }
        limiter.check_key(&client).is_ok()
    }

    #[cfg(test)]
    fn clients(&self) -> usize {
        self.limiter.lock().unwrap_or_else(PoisonError::into_inner).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use governor::clock::FakeRelativeClock;

    fn limiter(limit: u32) -> (RateLimiter<FakeRelativeClock>, FakeRelativeClock) {
        let clock = FakeRelativeClock::default();
        (RateLimiter::with_clock(limit, Duration::from_secs(60), clock.clone()), clock)
    }

    fn address(i: u32) -> Option<IpAddr> {
        Some(IpAddr::from(i.to_be_bytes()))
    }

    #[test]
    fn allows_up_to_the_limit_per_client_and_window() {
        let (limiter, _) = limiter(3);
        let a = Some("10.0.0.1".parse().unwrap());
        let b = Some("10.0.0.2".parse().unwrap());
        assert!((0..3).all(|_| limiter.allow(a)));
        assert!(!limiter.allow(a), "the fourth request in a minute is refused");
        assert!(limiter.allow(b), "another client has its own budget");
        assert!(limiter.allow(None), "so do requests without an address, together");
    }

    #[test]
    fn the_budget_comes_back_over_the_window() {
        let (limiter, clock) = limiter(3);
        assert!((0..3).all(|_| limiter.allow(None)));
        clock.advance(Duration::from_secs(19));
        assert!(!limiter.allow(None), "a third of the window not yet over");
        clock.advance(Duration::from_secs(1));
        assert!(limiter.allow(None), "one request back every 20 s");
        assert!(!limiter.allow(None));
        clock.advance(Duration::from_secs(60));
        assert!((0..3).all(|_| limiter.allow(None)), "a whole window later: the whole budget");
        assert!(!limiter.allow(None));
    }

    #[test]
    fn memory_stays_bounded() {
        let (limiter, clock) = limiter(1);
        for i in 0..=MAX_CLIENTS as u32 {
            assert!(limiter.allow(address(i)));
        }
        assert_eq!(limiter.clients(), MAX_CLIENTS + 1);
        // Addresses back at a full budget are forgotten (governor keeps one a period longer:
        // here a window and a period, two minutes, after its request).
        clock.advance(Duration::from_secs(120));
        assert!(limiter.allow(address(0)));
        assert_eq!(limiter.clients(), 1);
        // Full again, of addresses all within their window: everyone is forgotten.
        for i in 1..=MAX_CLIENTS as u32 {
            assert!(limiter.allow(address(i)));
        }
        assert!(limiter.allow(address(0)), "forgotten with everyone else: a fresh budget");
        assert_eq!(limiter.clients(), 1);
        assert!(!limiter.allow(address(0)));
    }
}
