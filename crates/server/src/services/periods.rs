//! Date and refund arithmetic of subscriptions (seeds/004 §1.5b, §2.3,
//! "Herroepingsrecht"), as pure functions of instants.
//!
//! - Dates are Brussels dates ([`brussels`]); an anniversary keeps the
//!   wall-clock time of the start.
//! - The n-th monthly anniversary is computed from the START date, never
//!   chained: started on 31 January, it falls on 28/29 February, 31 March,
//!   30 April, 31 May... (`checked_add_months` clamps to the month's end).
//! - Withdrawal: 14 calendar days from the day after the contract, so the
//!   right ends at midnight (Brussels) after day D+14.
//! - Withdrawal refund: paid minus the part delivered, per started day
//!   (the contract day itself is not counted: withdrawing the same day
//!   refunds everything).
//! - Pro-rata refund (yearly, multi-year, after the window): the
//!   cancellation takes effect at the end of the current subscription
//!   month; the refund is paid × unused whole months ÷ months of the period,
//!   rounded half-up to the cent.

use chrono::{DateTime, Months, NaiveDate, NaiveTime, Utc};
use mijn_lexus_contract::services::TrialLength;
use mijn_lexus_contract::trips::brussels;

/// Days of the legal withdrawal period.
pub const WITHDRAWAL_DAYS: u64 = 14;

/// The Brussels wall-clock `time` on `date`, in UTC.
pub fn at_local(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let naive = date.and_time(time).and_utc();
    // The offset of the instant an hour before is the right one except in
    // the hour the clocks change, where either answer is acceptable.
    naive - chrono::Duration::seconds(brussels::offset_secs(naive - chrono::Duration::hours(1)))
}

/// `months` monthly anniversaries after `anchor`.
pub fn add_months(anchor: DateTime<Utc>, months: u32) -> DateTime<Utc> {
    let local = brussels::local(anchor);
    let date = local
        .date()
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX);
    at_local(date, local.time())
}

/// Whole subscription months from `anchor` to `at` (0 before the first
/// anniversary).
pub fn months_elapsed(anchor: DateTime<Utc>, at: DateTime<Utc>) -> u32 {
    if at <= anchor {
        return 0;
    }
    let (a, b) = (brussels::date(anchor), brussels::date(at));
    use chrono::Datelike;
    let guess = (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32;
    let mut m = u32::try_from(guess.max(0)).unwrap_or(0);
    while m > 0 && add_months(anchor, m) > at {
        m -= 1;
    }
    while add_months(anchor, m + 1) <= at {
        m += 1;
    }
    m
}

/// End of a trial started at `start`.
pub fn trial_end(start: DateTime<Utc>, length: TrialLength) -> DateTime<Utc> {
    match length {
        TrialLength::Months(n) => add_months(start, n),
        TrialLength::Days(n) => {
            let local = brussels::local(start);
            at_local(local.date() + chrono::Days::new(u64::from(n)), local.time())
        }
    }
}

/// A trial at least as long as the withdrawal period takes the right of
/// withdrawal away once the paid plan is charged.
pub fn trial_voids_withdrawal(length: TrialLength) -> bool {
    match length {
        TrialLength::Months(n) => n >= 1,
        TrialLength::Days(n) => u64::from(n) >= WITHDRAWAL_DAYS,
    }
}

/// The moment the right of withdrawal ends for a contract made at `contract`.
pub fn withdrawal_deadline(contract: DateTime<Utc>) -> DateTime<Utc> {
    brussels::start_of(brussels::date(contract) + chrono::Days::new(WITHDRAWAL_DAYS + 1))
}

/// The refund on withdrawal: `paid` minus the started days after the
/// contract day, out of the days of the period.
pub fn withdrawal_refund(
    paid_cents: i64,
    period_start: DateTime<Utc>,
    period_end: DateTime<Utc>,
    at: DateTime<Utc>,
) -> i64 {
    let days = |from, to| {
        (brussels::date(to) - brussels::date(from))
            .num_days()
            .max(0)
    };
    let total = days(period_start, period_end).max(1);
    let used = days(period_start, at).min(total);
    paid_cents - round_div(paid_cents * used, total)
}

/// Cancelling a yearly or multi-year plan at `at`: the end of the current
/// subscription month (counted from `period_start`) and the refund for the
/// whole months after it.
pub fn pro_rata(
    paid_cents: i64,
    period_months: u32,
    period_start: DateTime<Utc>,
    at: DateTime<Utc>,
) -> (DateTime<Utc>, i64) {
    let current = months_elapsed(period_start, at).min(period_months.saturating_sub(1));
    let effective = add_months(period_start, current + 1);
    let unused = i64::from(period_months - (current + 1));
    (
        effective,
        round_div(paid_cents * unused, i64::from(period_months.max(1))),
    )
}

/// `a / b` rounded half-up (non-negative operands).
fn round_div(a: i64, b: i64) -> i64 {
    (2 * a + b) / (2 * b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Noon in Brussels on the given date.
    fn noon(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        at_local(
            NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
        )
    }

    fn date(t: DateTime<Utc>) -> NaiveDate {
        brussels::date(t)
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn local_time_survives_daylight_saving() {
        // Winter (UTC+1) and summer (UTC+2).
        assert_eq!(noon(2026, 1, 15).to_rfc3339(), "2026-01-15T11:00:00+00:00");
        assert_eq!(noon(2026, 7, 15).to_rfc3339(), "2026-07-15T10:00:00+00:00");
        // Started in winter, renewed in summer: still noon in Brussels.
        let renewed = add_months(noon(2026, 2, 10), 3);
        assert_eq!(brussels::local(renewed).to_string(), "2026-05-10 12:00:00");
    }

    #[test]
    fn the_31st_falls_on_the_last_day_and_comes_back() {
        let start = noon(2026, 1, 31);
        let dates: Vec<_> = (1..=4).map(|n| date(add_months(start, n))).collect();
        assert_eq!(
            dates,
            [
                ymd(2026, 2, 28),
                ymd(2026, 3, 31),
                ymd(2026, 4, 30),
                ymd(2026, 5, 31)
            ]
        );
        // Leap year February.
        assert_eq!(date(add_months(noon(2028, 1, 31), 1)), ymd(2028, 2, 29));
        assert_eq!(date(add_months(noon(2028, 1, 30), 1)), ymd(2028, 2, 29));
    }

    #[test]
    fn yearly_from_29_february() {
        let start = noon(2028, 2, 29);
        assert_eq!(date(add_months(start, 12)), ymd(2029, 2, 28));
        assert_eq!(date(add_months(start, 36)), ymd(2031, 2, 28));
        assert_eq!(date(add_months(start, 48)), ymd(2032, 2, 29));
    }

    #[test]
    fn months_elapsed_counts_anniversaries() {
        let start = noon(2026, 1, 31);
        assert_eq!(months_elapsed(start, start), 0);
        assert_eq!(months_elapsed(start, noon(2026, 2, 27)), 0);
        assert_eq!(months_elapsed(start, noon(2026, 2, 28)), 1);
        assert_eq!(months_elapsed(start, noon(2026, 3, 30)), 1);
        assert_eq!(months_elapsed(start, noon(2026, 3, 31)), 2);
        assert_eq!(months_elapsed(start, noon(2027, 1, 31)), 12);
        // One second before the anniversary is still the month before.
        let anniversary = add_months(start, 5);
        assert_eq!(
            months_elapsed(start, anniversary - chrono::Duration::seconds(1)),
            4
        );
    }

    #[test]
    fn withdrawal_window_is_14_days_from_the_day_after() {
        // Contract on 1 March at 23:30: days 2..15 March count; the right
        // ends at midnight between 15 and 16 March (Brussels).
        let contract = at_local(ymd(2026, 3, 1), NaiveTime::from_hms_opt(23, 30, 0).unwrap());
        let deadline = withdrawal_deadline(contract);
        assert_eq!(brussels::local(deadline).to_string(), "2026-03-16 00:00:00");
        assert!(noon(2026, 3, 15) < deadline);
        assert!(noon(2026, 3, 16) > deadline);
    }

    #[test]
    fn trials_of_14_days_or_more_void_withdrawal() {
        assert!(trial_voids_withdrawal(TrialLength::Months(1)));
        assert!(trial_voids_withdrawal(TrialLength::Days(14)));
        assert!(!trial_voids_withdrawal(TrialLength::Days(13)));
        assert!(!trial_voids_withdrawal(TrialLength::Days(7)));
        assert_eq!(
            date(trial_end(noon(2026, 12, 28), TrialLength::Days(7))),
            ymd(2027, 1, 4)
        );
    }

    #[test]
    fn withdrawal_refund_per_day() {
        // A monthly plan of 9.99 bought 1 April (30 days), withdrawn on
        // 4 April: 3 days delivered, 9.99 * 3 / 30 = 1.00 (0.999).
        let start = noon(2026, 4, 1);
        let end = add_months(start, 1);
        assert_eq!(
            withdrawal_refund(999, start, end, noon(2026, 4, 4)),
            999 - 100
        );
        // Same day: everything back.
        assert_eq!(withdrawal_refund(999, start, end, start), 999);
        // Yearly 99.90 in a leap year (366 days from 1 March 2028), 10 days.
        let y = noon(2028, 3, 1);
        let y_end = add_months(y, 12);
        assert_eq!((date(y_end) - date(y)).num_days(), 365);
        let y = noon(2028, 1, 1);
        let y_end = add_months(y, 12);
        assert_eq!((date(y_end) - date(y)).num_days(), 366);
        // 9990 * 10 / 366 = 272.95 -> 273.
        assert_eq!(
            withdrawal_refund(9990, y, y_end, noon(2028, 1, 11)),
            9990 - 273
        );
    }

    #[test]
    fn pro_rata_refund_per_unused_month() {
        // Yearly 99.90 from 25 October; cancelled 3 December (second
        // subscription month): ends 25 December, 10 unused months.
        let start = noon(2026, 10, 25);
        let (effective, refund) = pro_rata(9990, 12, start, noon(2026, 12, 3));
        assert_eq!(date(effective), ymd(2026, 12, 25));
        assert_eq!(refund, 8325);
        // On the anniversary itself a new month begins.
        let (effective, refund) = pro_rata(9990, 12, start, add_months(start, 2));
        assert_eq!(date(effective), ymd(2027, 1, 25));
        // 9990 * 9 / 12 = 7492.5, rounded half-up.
        assert_eq!(refund, 7493);
        // In the last month nothing is left.
        let (effective, refund) = pro_rata(9990, 12, start, noon(2027, 10, 1));
        assert_eq!(date(effective), ymd(2027, 10, 25));
        assert_eq!(refund, 0);
    }

    #[test]
    fn pro_rata_from_the_31st_and_over_a_leap_day() {
        // Three years (249.00) from 31 January 2027; cancelled 29 February
        // 2028: anniversaries ..., 31 Jan 2028 (12), 29 Feb 2028 (13).
        let start = noon(2027, 1, 31);
        let (effective, refund) = pro_rata(24900, 36, start, noon(2028, 2, 29));
        assert_eq!(date(effective), ymd(2028, 3, 31));
        // 14 months used, 22 unused: 24900 * 22 / 36 = 15216.67 -> 15217.
        assert_eq!(refund, 15217);
        // The day before the leap day is still month 12.
        let (effective, _) = pro_rata(24900, 36, start, noon(2028, 2, 28));
        assert_eq!(date(effective), ymd(2028, 2, 29));
    }
}
