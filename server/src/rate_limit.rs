//! The sign-in routes' limits. Many companies reach Trellis through one NAT or proxy address,
//! so an address's plain request rate only has a ceiling a busy office does not meet (every
//! sign-in of a 5,000-person company in ten minutes is 500 a minute, two requests each with
//! SSO); what is held tight is *failure*: refused sign-ins per account and per address over
//! a quarter of an hour, which is what guessing and enumeration produce and people do not.
//!
//! The request ceiling is `governor`'s GCRA: a client may send `limit` requests at once,
//! then one more each `window / limit`, so there is no window edge at which twice the limit
//! gets through. Failures are a sliding log per key ([`Failures`]): governor only counts
//! what it admits, and a failure is known after the request, not before.

use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::Quota;
use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

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

/// The window over which failed sign-ins are counted.
pub const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// An address may fail this many times the per-account allowance: the people behind one
/// office address mistype independently.
const ADDRESS_FAILURES_PER_ACCOUNT_FAILURE: u32 = 10;
/// Accounts are keyed by the address typed or asserted, cut to the longest valid email.
const ACCOUNT_KEY_MAX: usize = 254;

/// The limits of the sign-in routes, per client address and per account.
pub struct SignInLimits {
    requests: RateLimiter,
    failures_by_address: Failures<Option<IpAddr>>,
    failures_by_account: Failures<String>,
}

impl SignInLimits {
    /// `per_minute` requests from one address (a ceiling), `failures` refused sign-ins per
    /// account and ten times as many per address in [`FAILURE_WINDOW`]. Panics on zero.
    pub fn new(per_minute: u32, failures: u32) -> Self {
        Self {
            requests: RateLimiter::new(per_minute, Duration::from_secs(60)),
            failures_by_address: Failures::new(
                failures.saturating_mul(ADDRESS_FAILURES_PER_ACCOUNT_FAILURE),
                FAILURE_WINDOW,
            ),
            failures_by_account: Failures::new(failures, FAILURE_WINDOW),
        }
    }

    /// Counts a sign-in request from `client`; false when the address is over its ceiling or
    /// has failed too often lately.
    pub fn admit(&self, client: Option<IpAddr>) -> bool {
        self.requests.allow(client) && !self.failures_by_address.exhausted(&client, Instant::now())
    }

    /// True when `account` has been refused too often lately (whoever asks for it).
    pub fn account_locked(&self, account: &str) -> bool {
        self.failures_by_account.exhausted(&account_key(account), Instant::now())
    }

    /// Records a refused sign-in from `client`, for `account` when one was named.
    pub fn failed(&self, client: Option<IpAddr>, account: Option<&str>) {
        let now = Instant::now();
        self.failures_by_address.record(client, now);
        if let Some(account) = account {
            self.failures_by_account.record(account_key(account), now);
        }
    }
}

fn account_key(account: &str) -> String {
    let account = account.trim();
    let end = (0..=ACCOUNT_KEY_MAX.min(account.len()))
        .rev()
        .find(|&i| account.is_char_boundary(i))
        .unwrap_or(0);
    account[..end].to_lowercase()
}

/// At most `max` events per key in any `window`: the times of each key's recent events, at
/// most `max` of them, for at most [`MAX_CLIENTS`] keys.
pub struct Failures<K> {
    max: usize,
    window: Duration,
    seen: Mutex<HashMap<K, VecDeque<Instant>>>,
}

impl<K: Hash + Eq> Failures<K> {
    pub fn new(max: u32, window: Duration) -> Self {
        assert!(max > 0, "a failure limit of at least one");
        Self { max: max as usize, window, seen: Mutex::new(HashMap::new()) }
    }

    /// True when `key` has had `max` events in the window before `now`.
    pub fn exhausted(&self, key: &K, now: Instant) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        seen.get_mut(key).is_some_and(|times| {
            forget_before(times, now, self.window);
            times.len() >= self.max
        })
    }

    pub fn record(&self, key: K, now: Instant) {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        if seen.len() >= MAX_CLIENTS && !seen.contains_key(&key) {
            seen.retain(|_, times| {
                forget_before(times, now, self.window);
                !times.is_empty()
            });
            if seen.len() >= MAX_CLIENTS {
                seen.clear();
            }
        }
        let times = seen.entry(key).or_default();
        forget_before(times, now, self.window);
        times.push_back(now);
        if times.len() > self.max {
            times.pop_front();
        }
    }

    #[cfg(test)]
    fn keys(&self) -> usize {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner).len()
    }
}

fn forget_before(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    let Some(start) = now.checked_sub(window) else {
        return;
    };
    while times.front().is_some_and(|t| *t <= start) {
        times.pop_front();
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
    fn failures_lock_a_key_until_the_oldest_leaves_the_window() {
        let failures = Failures::new(3, Duration::from_secs(900));
        let t0 = Instant::now();
        let at = |s: u64| t0 + Duration::from_secs(s);
        failures.record("a", at(0));
        failures.record("a", at(100));
        assert!(!failures.exhausted(&"a", at(100)), "two of three");
        failures.record("a", at(200));
        assert!(failures.exhausted(&"a", at(200)), "three of three");
        assert!(!failures.exhausted(&"b", at(200)), "another key is its own");
        assert!(failures.exhausted(&"a", at(899)));
        assert!(!failures.exhausted(&"a", at(900)), "the first failure left the window");
        failures.record("a", at(900));
        assert!(failures.exhausted(&"a", at(900)));
    }

    #[test]
    fn failures_memory_stays_bounded() {
        let failures = Failures::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        for i in 0..MAX_CLIENTS as u32 {
            failures.record(address(i), t0);
        }
        assert_eq!(failures.keys(), MAX_CLIENTS);
        // Full: keys whose failures are all older than the window are forgotten first.
        failures.record(address(u32::MAX), t0 + Duration::from_secs(61));
        assert_eq!(failures.keys(), 1);
        for _ in 0..5 {
            failures.record(address(u32::MAX), t0 + Duration::from_secs(61));
        }
        assert!(failures.exhausted(&address(u32::MAX), t0 + Duration::from_secs(61)));
    }

    #[test]
    fn an_account_is_one_key_however_it_is_typed() {
        assert_eq!(account_key(" Tom.Becker@Lumen.Example "), "tom.becker@lumen.example");
        assert_eq!(account_key(&"é".repeat(300)).len(), 254, "cut on a character boundary");
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
