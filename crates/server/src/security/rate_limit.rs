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
        if hits.len() >= self.limit as usize {
            let free_at = hits[hits.len() - self.limit as usize] + self.window;
            let secs = (free_at - now).num_seconds().max(1);
            return Err(secs as u64);
        }
        Ok(())
    }

    /// Counts one hit for `key`.
    pub fn record(&self, key: &str, now: DateTime<Utc>) {
        if self.limit == 0 {
            return;
        }
        let mut map = self.hits.lock().expect("rate limit lock");
        if map.len() > 10_000 {
            // Forget keys whose hits all left the window.
            let window = self.window;
            map.retain(|_, hits| hits.back().is_some_and(|t| *t + window > now));
        }
        let hits = map.entry(key.to_owned()).or_default();
        self.prune(hits, now);
        hits.push_back(now);
    }

    /// [`check`](Self::check), then [`record`](Self::record) when allowed.
    pub fn hit(&self, key: &str, now: DateTime<Utc>) -> Result<(), u64> {
        self.check(key, now)?;
        self.record(key, now);
        Ok(())
    }
}

/// Checks a per-address and a per-IP limit together and records the attempt
/// in both only when neither is exceeded. Callers count the attempt whether
/// or not the address has an account, so a 429 reveals nothing.
pub fn hit_both(
    by_address: &RateLimiter,
    address: &str,
    by_ip: &RateLimiter,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), u64> {
    by_address.check(address, now).and(by_ip.check(ip, now))?;
    by_address.record(address, now);
    by_ip.record(ip, now);
    Ok(())
}

/// Every limit the API applies.
pub struct RateLimits {
    /// Failed sign-ins per address.
    pub sign_in_address: RateLimiter,
    /// Failed sign-ins per IP.
    pub sign_in_ip: RateLimiter,
    pub register_ip: RateLimiter,
    pub register_address: RateLimiter,
    pub reset_address: RateLimiter,
    pub reset_ip: RateLimiter,
    pub resend_address: RateLimiter,
    pub resend_ip: RateLimiter,
}

impl RateLimits {
    pub fn new(c: &RateLimitConfig) -> RateLimits {
        RateLimits {
            sign_in_address: RateLimiter::new(c.sign_in_per_address, c.sign_in_window_secs),
            sign_in_ip: RateLimiter::new(c.sign_in_per_ip, c.sign_in_window_secs),
            register_ip: RateLimiter::new(c.register_per_ip, c.register_window_secs),
            register_address: RateLimiter::new(c.register_per_address, c.register_window_secs),
            reset_address: RateLimiter::new(c.email_per_address, c.email_window_secs),
            reset_ip: RateLimiter::new(c.email_per_ip, c.email_window_secs),
            resend_address: RateLimiter::new(c.email_per_address, c.email_window_secs),
            resend_ip: RateLimiter::new(c.email_per_ip, c.email_window_secs),
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
}
