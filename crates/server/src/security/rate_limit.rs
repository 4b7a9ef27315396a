//! In-memory sliding-window rate limits, keyed (by address, by IP), timed by
//! the application's [`Clock`](crate::clock::Clock).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

use crate::config::RateLimitConfig;

pub struct RateLimiter {
    limit: u32,
    window: Duration,
    hits: Mutex<HashMap<String, VecDeque<DateTime<Utc>>>>,
}

impl RateLimiter {
    pub fn new(limit: u32, window_secs: u64) -> RateLimiter {
        RateLimiter {
            limit,
            window: Duration::seconds(window_secs.min(i64::MAX as u64) as i64),
            hits: Mutex::new(HashMap::new()),
        }
    }

    fn prune(&self, hits: &mut VecDeque<DateTime<Utc>>, now: DateTime<Utc>) {
        while hits.front().is_some_and(|t| *t + self.window <= now) {
            hits.pop_front();
        }
    }

    /// Seconds until a slot frees, when `hits` (pruned) used up the limit.
    fn wait(&self, hits: &VecDeque<DateTime<Utc>>, now: DateTime<Utc>) -> Option<u64> {
        (hits.len() >= self.limit as usize).then(|| {
            let free_at = hits[hits.len() - self.limit as usize] + self.window;
            (free_at - now).num_seconds().max(1) as u64
        })
    }

    /// `Err(seconds until a slot frees)` when `key` has used up its limit;
    /// does not count this call.
    pub fn check(&self, key: &str, now: DateTime<Utc>) -> Result<(), u64> {
        if self.limit == 0 {
            return Ok(());
        }
        let mut map = self.hits.lock().expect("rate limit lock");
        let Some(hits) = map.get_mut(key) else {
            return Ok(());
        };
        self.prune(hits, now);
        self.wait(hits, now).map_or(Ok(()), Err)
    }

    /// Counts one hit for `key`, whether or not the limit was reached.
    pub fn record(&self, key: &str, now: DateTime<Utc>) {
        if self.limit == 0 {
            return;
        }
        let mut map = self.hits.lock().expect("rate limit lock");
        self.forget_old(&mut map, now);
        let hits = map.entry(key.to_owned()).or_default();
        self.prune(hits, now);
        hits.push_back(now);
    }

    fn forget_old(&self, map: &mut HashMap<String, VecDeque<DateTime<Utc>>>, now: DateTime<Utc>) {
        if map.len() > 10_000 {
            // Forget keys whose hits all left the window.
            let window = self.window;
            map.retain(|_, hits| hits.back().is_some_and(|t| *t + window > now));
        }
    }

    /// Checks and counts in one step (under one lock, so parallel requests
    /// cannot all pass the check before any of them is counted).
    pub fn hit(&self, key: &str, now: DateTime<Utc>) -> Result<(), u64> {
        if self.limit == 0 {
            return Ok(());
        }
        let mut map = self.hits.lock().expect("rate limit lock");
        self.forget_old(&mut map, now);
        let hits = map.entry(key.to_owned()).or_default();
        self.prune(hits, now);
        if let Some(secs) = self.wait(hits, now) {
            return Err(secs);
        }
        hits.push_back(now);
        Ok(())
    }

    /// Takes back a hit counted at `at` (the attempt turned out fine, or was
    /// never made).
    pub fn refund(&self, key: &str, at: DateTime<Utc>) {
        let mut map = self.hits.lock().expect("rate limit lock");
        if let Some(hits) = map.get_mut(key) {
            if let Some(i) = hits.iter().rposition(|t| *t == at) {
                hits.remove(i);
            }
        }
    }
}

/// A set of limits one attempt counts toward: all of them or none.
pub struct Hits<'a> {
    counted: Vec<(&'a RateLimiter, String)>,
    at: DateTime<Utc>,
}

impl Hits<'_> {
    /// Takes the attempt back from every limit (it succeeded, or was not made).
    pub fn refund(self) {
        for (limiter, key) in self.counted {
            limiter.refund(&key, self.at);
        }
    }
}

/// Counts one attempt toward every `(limiter, key)`, or toward none when one
/// of them is used up (`Err(seconds until a slot frees)`). Callers count the
/// attempt before doing the work and whether or not the address has an
/// account, so parallel attempts cannot pass a limit and a 429 reveals nothing.
pub fn hit_all<'a>(
    limits: &[(&'a RateLimiter, &str)],
    now: DateTime<Utc>,
) -> Result<Hits<'a>, u64> {
    let mut hits = Hits {
        counted: Vec::with_capacity(limits.len()),
        at: now,
    };
    for &(limiter, key) in limits {
        if let Err(secs) = limiter.hit(key, now) {
            hits.refund();
            return Err(secs);
        }
        hits.counted.push((limiter, key.to_owned()));
    }
    Ok(hits)
}

/// [`hit_all`] for a per-address and a per-client limit.
pub fn hit_both(
    by_address: &RateLimiter,
    address: &str,
    by_ip: &RateLimiter,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), u64> {
    hit_all(&[(by_address, address), (by_ip, ip)], now).map(|_| ())
}

/// The key of an address as seen from one client (see [`RateLimits`]).
pub fn address_and_client(address: &str, client_key: &str) -> String {
    format!("{address} {client_key}")
}

/// Every limit the API applies. Against targeted lockout (ASVS 2.2.1),
/// failures and mail requests for an address count per address *and
/// client* with a tight limit, and per address over all clients with a loose
/// one: a stranger exhausts only their own client's budget, while guessing
/// or mailing spread over many clients stays bounded.
pub struct RateLimits {
    /// Failed sign-ins (and wrong current passwords) per address and client.
    pub sign_in_client: RateLimiter,
    /// Failed sign-ins per address, all clients.
    pub sign_in_address: RateLimiter,
    /// Failed sign-ins per client.
    pub sign_in_ip: RateLimiter,
    pub register_ip: RateLimiter,
    pub register_address: RateLimiter,
    pub reset_client: RateLimiter,
    pub reset_address: RateLimiter,
    pub reset_ip: RateLimiter,
    pub resend_client: RateLimiter,
    pub resend_address: RateLimiter,
    pub resend_ip: RateLimiter,
    /// E-mail change requests per user id.
    pub email_change_user: RateLimiter,
    /// Destinations sent to cars per user id, and per vehicle id (D3).
    pub share_user: RateLimiter,
    pub share_vehicle: RateLimiter,
    // ---- remote (F4) ----
    /// Remote commands per vehicle id, per minute (F4).
    pub remote_vehicle: RateLimiter,
}

impl RateLimits {
    pub fn new(c: &RateLimitConfig) -> RateLimits {
        RateLimits {
            sign_in_client: RateLimiter::new(c.sign_in_per_address, c.sign_in_window_secs),
            sign_in_address: RateLimiter::new(c.sign_in_per_address_total, c.sign_in_window_secs),
            sign_in_ip: RateLimiter::new(c.sign_in_per_ip, c.sign_in_window_secs),
            register_ip: RateLimiter::new(c.register_per_ip, c.register_window_secs),
            register_address: RateLimiter::new(c.register_per_address, c.register_window_secs),
            reset_client: RateLimiter::new(c.email_per_address, c.email_window_secs),
            reset_address: RateLimiter::new(c.email_per_address_total, c.email_window_secs),
            reset_ip: RateLimiter::new(c.email_per_ip, c.email_window_secs),
            resend_client: RateLimiter::new(c.email_per_address, c.email_window_secs),
            resend_address: RateLimiter::new(c.email_per_address_total, c.email_window_secs),
            resend_ip: RateLimiter::new(c.email_per_ip, c.email_window_secs),
            email_change_user: RateLimiter::new(
                c.email_change_per_user,
                c.email_change_window_secs,
            ),
            share_user: RateLimiter::new(c.share_per_user, c.share_window_secs),
            share_vehicle: RateLimiter::new(c.share_per_vehicle, c.share_window_secs),
            // ---- remote (F4) ----
            remote_vehicle: RateLimiter::new(mijn_lexus_contract::remote::COMMANDS_PER_MINUTE, 60),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sliding_window() {
        let l = RateLimiter::new(2, 60);
        let t0 = Utc::now();
        assert!(l.hit("a", t0).is_ok());
        assert!(l.hit("a", t0 + Duration::seconds(10)).is_ok());
        assert_eq!(l.hit("a", t0 + Duration::seconds(20)), Err(40));
        assert!(l.hit("b", t0 + Duration::seconds(20)).is_ok());
        assert!(l.hit("a", t0 + Duration::seconds(60)).is_ok());
        assert!(l.hit("a", t0 + Duration::seconds(61)).is_err());
        assert!(RateLimiter::new(0, 60).hit("a", t0).is_ok());
    }

    #[test]
    fn all_or_nothing_and_refund() {
        let (a, b) = (RateLimiter::new(1, 60), RateLimiter::new(2, 60));
        let t0 = Utc::now();
        assert!(hit_all(&[(&a, "x"), (&b, "y")], t0).is_ok());
        // `a` is used up: `b` is not counted.
        assert!(hit_all(&[(&b, "y"), (&a, "x")], t0).is_err());
        assert!(b.check("y", t0).is_ok());
        let hits = hit_all(&[(&b, "y")], t0).unwrap();
        assert!(b.check("y", t0).is_err());
        hits.refund();
        assert!(b.check("y", t0).is_ok());
    }
}
