//! Command-line options; every one can also be set by an environment variable.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, ValueEnum};

#[derive(Clone, Debug, Parser)]
#[command(
    name = "mijn-lexus-server",
    version,
    about = "Mijn Lexus API and SPA server"
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "BIND", default_value = "127.0.0.1")]
    pub bind: String,

    /// Port to listen on (0 picks a free port).
    #[arg(long, env = "PORT", default_value_t = 8080)]
    pub port: u16,

    /// SQLite database; the file and its directory are created when missing.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/mijn-lexus.db"
    )]
    pub database_url: String,

    /// Directory with the built SPA (Trunk's dist/). When missing, only the API is served.
    #[arg(long, env = "STATIC_DIR", default_value = "dist")]
    pub static_dir: PathBuf,

    /// Base URL the portal is reached at: used in mail links and to decide on
    /// secure cookies and HSTS. Default: http://localhost:{port}.
    #[arg(long, env = "PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Development mode: enables GET /api/dev/outbox and logs mail links
    /// (not with --smtp-url). Refused unless the server listens on a
    /// loopback address behind an http public URL.
    #[arg(long = "dev", env = "DEV_MODE")]
    pub dev: bool,

    /// Create the demo account when it is missing. Refused like --dev.
    #[arg(long, env = "DEMO")]
    pub demo: bool,

    /// Reverse proxies (CIDR list, comma separated, e.g. 10.0.0.0/8,::1/128)
    /// whose `X-Forwarded-For` names the client. From any other peer the
    /// header is ignored and the TCP peer is the client.
    #[arg(long, env = "TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<String>,

    /// Password hashes computed at once (Argon2, 19 MiB each); a request
    /// beyond answers 503 `server_busy`. 0: twice the number of CPU cores.
    #[arg(long, env = "PASSWORD_HASH_CONCURRENCY", default_value_t = 0)]
    pub password_hash_concurrency: usize,

    /// Key of the keyed hashes (HMAC-SHA256) that stand for e-mail
    /// addresses, client addresses and VINs in the log. Without it a random
    /// key per process is used (hashes then match within one run only).
    #[arg(long, env = "LOG_PSEUDONYM_KEY", hide_env_values = true)]
    pub log_pseudonym_key: Option<String>,

    /// SMTP server for outgoing mail (smtp://user:pass@host:587?tls=required,
    /// smtps://...). Without it, mails go to the `outbox` table.
    #[arg(long, env = "SMTP_URL")]
    pub smtp_url: Option<String>,

    /// Sender of outgoing mail.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Mijn Lexus <no-reply@mijnlexus.test>"
    )]
    pub mail_from: String,

    /// Origins allowed to embed the portal in a frame (comma separated),
    /// e.g. https://www.lexus.be. Also accepted as Origin of API requests.
    #[arg(long, env = "FRAME_ANCESTORS", value_delimiter = ',')]
    pub frame_ancestors: Vec<String>,

    /// Log output format.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Json)]
    pub log_format: LogFormat,

    /// A session ends after this many minutes without a request.
    #[arg(long, env = "SESSION_IDLE_MINUTES", default_value_t = 30)]
    pub session_idle_minutes: u32,

    /// A session ends this many hours after sign-in, however active.
    #[arg(long, env = "SESSION_ABSOLUTE_HOURS", default_value_t = 12)]
    pub session_absolute_hours: u32,

    /// Bearer token of the telematics backend for the provisioning API
    /// (PUT /api/telematics/...). Without it that API answers 404.
    #[arg(long, env = "TELEMATICS_TOKEN")]
    pub telematics_token: Option<String>,

    /// With --demo: seed of the simulated driving history of the demo cars.
    #[arg(long, env = "DEMO_SEED", default_value_t = 2026)]
    pub demo_seed: u64,

    /// With --demo: days of simulated driving history (a year of trips for
    /// the coaching charts, E3; within the 12 months telemetry is kept, E4).
    #[arg(long, env = "DEMO_DAYS", default_value_t = 360)]
    pub demo_days: u32,

    /// Bearer token of the admin API (POST /api/admin/legal: publish a new
    /// legal version). Without it the admin API answers 404.
    #[arg(long, env = "ADMIN_TOKEN")]
    pub admin_token: Option<String>,

    /// Minutes between two runs of the retention job (inactive accounts are
    /// warned, then closed; A5). It also runs at start. 0 switches it off.
    #[arg(long, env = "RETENTION_INTERVAL_MINUTES", default_value_t = 60)]
    pub retention_interval_minutes: u32,

    /// With --demo: seconds after which the simulated cars acknowledge a
    /// shared destination (D3); 0 acknowledges at the next tick (1 s).
    #[arg(long, env = "SIMULATOR_ACK_SECS", default_value_t = 5)]
    pub simulator_ack_secs: u32,

    // ---- wallet, payments (F2) ----
    /// Secret of the sandbox payment provider's card fingerprints
    /// (HMAC-SHA256 of the card number): the same card gives the same
    /// fingerprint as long as the secret stays. Set your own outside
    /// development.
    #[arg(
        long,
        env = "SANDBOX_PAY_SECRET",
        hide_env_values = true,
        default_value = "sandbox-pay-development-secret"
    )]
    pub sandbox_pay_secret: String,
    /// Publishable key the browser sends to the sandbox's tokenisation
    /// endpoint (public, like a Stripe `pk_` key).
    #[arg(
        long,
        env = "SANDBOX_PAY_PUBLISHABLE_KEY",
        default_value = "pk_sandbox_mijnlexus"
    )]
    pub sandbox_pay_publishable_key: String,

    #[command(flatten)]
    pub rate_limits: RateLimitConfig,

    #[command(flatten)]
    pub map: MapArgs,
}

// ---- map (D1, D2) ----

/// Vector tiles (OpenMapTiles schema, gzip PBF) or raster images.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum TileFormat {
    #[default]
    Vector,
    Raster,
}

/// Map providers (docs/maps.md). The server calls them; the browser only
/// talks to this server. Without any of them the map pages still show the
/// markers (and the world background when given).
#[derive(Clone, Debug, Default, Args)]
pub struct MapArgs {
    /// Vector tiles (OpenMapTiles schema) to serve at /tiles/{z}/{x}/{y}.pbf,
    /// from an MBTiles file (scripts/map-data.sh builds data/map/monaco.mbtiles).
    #[arg(long, env = "TILES_MBTILES", conflicts_with = "tiles_url")]
    pub tiles_mbtiles: Option<PathBuf>,
    /// Instead: the URL template of a hosted tile provider, with `{z}`,
    /// `{x}`, `{y}` (and its key, which stays on the server): our server
    /// fetches the tiles for the browser at /tiles/{z}/{x}/{y}.pbf (vector)
    /// or .png (raster).
    #[arg(long, env = "TILES_URL", hide_env_values = true)]
    pub tiles_url: Option<String>,
    /// What `--tiles-url` serves.
    #[arg(long, env = "TILES_FORMAT", value_enum, default_value_t = TileFormat::Vector)]
    pub tiles_format: TileFormat,
    /// The deepest zoom `--tiles-url` serves.
    #[arg(long, env = "TILES_MAX_ZOOM", default_value_t = 14)]
    pub tiles_max_zoom: u8,
    /// Attribution texts shown on every map (repeat or comma separate).
    /// Default with tiles: "© OpenStreetMap contributors" (ODbL).
    #[arg(long, env = "MAP_ATTRIBUTION", value_delimiter = ',')]
    pub map_attribution: Vec<String>,
    /// Low-zoom world background (GeoJSON), served at /api/map/world.geojson.
    #[arg(long, env = "MAP_WORLD_GEOJSON")]
    pub map_world_geojson: Option<PathBuf>,
    /// Base URL of an OSRM-compatible routing service with a walking
    /// profile, e.g. http://127.0.0.1:5000 (scripts/run.sh starts one).
    #[arg(long, env = "ROUTING_URL")]
    pub routing_url: Option<String>,
    /// The OSRM profile name in the route URL.
    #[arg(long, env = "ROUTING_PROFILE", default_value = "foot")]
    pub routing_profile: String,
    /// Time allowed for one routing request, in milliseconds.
    #[arg(long, env = "ROUTING_TIMEOUT_MS", default_value_t = 5000)]
    pub routing_timeout_ms: u64,
    /// Walking routes per user per minute (0: no limit).
    #[arg(long, env = "RATE_LIMIT_ROUTES_PER_USER", default_value_t = 30)]
    pub routes_per_user_per_minute: u32,
    /// Offline address search: the index of the extract's addresses, places
    /// and streets (scripts/map-data.sh builds data/map/monaco.geocode.json).
    #[arg(long, env = "GEOCODING_INDEX", conflicts_with = "geocoding_url")]
    pub geocoding_index: Option<PathBuf>,
    /// Base URL of a Photon-compatible geocoding service (GET /api?q=).
    #[arg(long, env = "GEOCODING_URL")]
    pub geocoding_url: Option<String>,
    /// Time allowed for one geocoding request, in milliseconds.
    #[arg(long, env = "GEOCODING_TIMEOUT_MS", default_value_t = 3000)]
    pub geocoding_timeout_ms: u64,
    /// Address searches per user per minute (results as you type; 0: no limit).
    #[arg(long, env = "RATE_LIMIT_GEOCODES_PER_USER", default_value_t = 120)]
    pub geocodes_per_user_per_minute: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Json,
    Pretty,
}

/// Sliding-window rate limits (in memory). A limit of 0 switches it off.
/// "Client" is the client address (IPv6 by /64, see --trusted-proxies).
#[derive(Clone, Debug, Args)]
pub struct RateLimitConfig {
    /// Failed sign-ins (and wrong current passwords) per e-mail address and
    /// client per window: a stranger's failures block the stranger only.
    #[arg(long, env = "RATE_LIMIT_SIGN_IN_PER_ADDRESS", default_value_t = 5)]
    pub sign_in_per_address: u32,
    /// Failed sign-ins per e-mail address from all clients together per
    /// window: bounds guessing spread over many clients.
    #[arg(
        long,
        env = "RATE_LIMIT_SIGN_IN_PER_ADDRESS_TOTAL",
        default_value_t = 100
    )]
    pub sign_in_per_address_total: u32,
    /// Failed sign-ins per client IP per window.
    #[arg(long, env = "RATE_LIMIT_SIGN_IN_PER_IP", default_value_t = 50)]
    pub sign_in_per_ip: u32,
    /// Window of the sign-in limits, in seconds.
    #[arg(long, env = "RATE_LIMIT_SIGN_IN_WINDOW_SECS", default_value_t = 15 * 60)]
    pub sign_in_window_secs: u64,

    /// Registrations per client IP per window.
    #[arg(long, env = "RATE_LIMIT_REGISTER_PER_IP", default_value_t = 10)]
    pub register_per_ip: u32,
    /// Registrations per e-mail address per window: registering a known
    /// address mails its owner, so this also bounds those mails.
    #[arg(long, env = "RATE_LIMIT_REGISTER_PER_ADDRESS", default_value_t = 3)]
    pub register_per_address: u32,
    /// Window of the registration limit, in seconds.
    #[arg(long, env = "RATE_LIMIT_REGISTER_WINDOW_SECS", default_value_t = 3600)]
    pub register_window_secs: u64,

    /// Password-reset and confirmation-resend requests per e-mail address
    /// and client per window (counted per endpoint).
    #[arg(long, env = "RATE_LIMIT_EMAIL_PER_ADDRESS", default_value_t = 3)]
    pub email_per_address: u32,
    /// Password-reset and confirmation-resend requests per e-mail address
    /// from all clients together per window: bounds the mail to an address.
    #[arg(long, env = "RATE_LIMIT_EMAIL_PER_ADDRESS_TOTAL", default_value_t = 10)]
    pub email_per_address_total: u32,
    /// Password-reset and confirmation-resend requests per client IP per
    /// window (counted per endpoint).
    #[arg(long, env = "RATE_LIMIT_EMAIL_PER_IP", default_value_t = 20)]
    pub email_per_ip: u32,
    /// Window of the reset/resend limits, in seconds.
    #[arg(long, env = "RATE_LIMIT_EMAIL_WINDOW_SECS", default_value_t = 3600)]
    pub email_window_secs: u64,

    /// E-mail change requests (POST /api/profile/email, each mails a
    /// link to an address of the user's choice) per user per window.
    #[arg(long, env = "RATE_LIMIT_EMAIL_CHANGE_PER_USER", default_value_t = 5)]
    pub email_change_per_user: u32,
    /// Window of the e-mail change limit, in seconds.
    #[arg(long, env = "RATE_LIMIT_EMAIL_CHANGE_WINDOW_SECS", default_value_t = 24 * 3600)]
    pub email_change_window_secs: u64,

    // ---- share to car (D3) ----
    /// Destinations sent to cars per user per window (all their vehicles).
    #[arg(long, env = "RATE_LIMIT_SHARE_PER_USER", default_value_t = 30)]
    pub share_per_user: u32,
    /// Destinations sent to one vehicle per window (all its users).
    #[arg(long, env = "RATE_LIMIT_SHARE_PER_VEHICLE", default_value_t = 20)]
    pub share_per_vehicle: u32,
    /// Window of the share-to-car limits, in seconds.
    #[arg(long, env = "RATE_LIMIT_SHARE_WINDOW_SECS", default_value_t = 3600)]
    pub share_window_secs: u64,

    // ---- wallet, payments (F2) ----
    /// Card tokenisations at the sandbox payment provider per client per
    /// window (bounds card testing: trying stolen numbers).
    #[arg(long, env = "RATE_LIMIT_CARD_TOKENS_PER_CLIENT", default_value_t = 60)]
    pub card_tokens_per_client: u32,
    /// Window of the tokenisation limit, in seconds.
    #[arg(
        long,
        env = "RATE_LIMIT_CARD_TOKENS_WINDOW_SECS",
        default_value_t = 600
    )]
    pub card_tokens_window_secs: u64,
}

impl Default for RateLimitConfig {
    fn default() -> RateLimitConfig {
        RateLimitConfig {
            sign_in_per_address: 5,
            sign_in_per_address_total: 100,
            sign_in_per_ip: 50,
            sign_in_window_secs: 15 * 60,
            register_per_ip: 10,
            register_per_address: 3,
            register_window_secs: 3600,
            email_per_address: 3,
            email_per_address_total: 10,
            email_per_ip: 20,
            email_window_secs: 3600,
            email_change_per_user: 5,
            email_change_window_secs: 24 * 3600,
            share_per_user: 30,
            share_per_vehicle: 20,
            share_window_secs: 3600,
            // ---- wallet, payments (F2) ----
            card_tokens_per_client: 60,
            card_tokens_window_secs: 600,
        }
    }
}

/// The admin token of [`Config::for_tests`].
pub const TEST_ADMIN_TOKEN: &str = "test-admin-token-0123456789";

/// The provisioning token of [`Config::for_tests`].
pub const TEST_TELEMATICS_TOKEN: &str = "test-telematics-backend-token";

/// The sandbox payment provider's publishable key of [`Config::for_tests`].
pub const TEST_SANDBOX_PAY_KEY: &str = "pk_sandbox_test";

impl Config {
    /// Refuses settings that must not reach production: `--dev` (an open
    /// outbox with every reset link) or `--demo` (a known password) unless
    /// the server listens on loopback only and its public URL is http.
    pub fn validate(&self) -> Result<(), String> {
        if self.dev || self.demo {
            let option = if self.dev { "--dev" } else { "--demo" };
            let https = self
                .public_url
                .as_deref()
                .is_some_and(|u| u.trim().to_ascii_lowercase().starts_with("https://"));
            if https {
                return Err(format!(
                    "{option} is for local development only and cannot be used with an https \
                     public URL ({})",
                    self.public_url.as_deref().unwrap_or_default()
                ));
            }
            if !is_loopback(&self.bind) {
                return Err(format!(
                    "{option} is for local development only: bind to 127.0.0.1 or ::1, not {}",
                    self.bind
                ));
            }
        }
        crate::security::client_addr::parse_cidrs(&self.trusted_proxies)
            .map_err(|e| format!("--trusted-proxies: {e}"))?;
        Ok(())
    }

    /// The defaults, without reading the command line or the environment
    /// (tests): a random port on 127.0.0.1, dev mode on, no static files.
    pub fn for_tests(database_path: &Path) -> Config {
        Config {
            bind: "127.0.0.1".into(),
            port: 0,
            database_url: format!("sqlite://{}", database_path.display()),
            static_dir: PathBuf::from("/nonexistent-mijn-lexus-dist"),
            public_url: None,
            dev: true,
            demo: false,
            trusted_proxies: Vec::new(),
            password_hash_concurrency: 0,
            log_pseudonym_key: None,
            smtp_url: None,
            mail_from: "Mijn Lexus <no-reply@mijnlexus.test>".into(),
            frame_ancestors: Vec::new(),
            log_format: LogFormat::Pretty,
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            telematics_token: Some(TEST_TELEMATICS_TOKEN.into()),
            demo_seed: 2026,
            demo_days: 90,
            admin_token: Some(TEST_ADMIN_TOKEN.into()),
            // Tests run the retention job themselves (retention::run).
            retention_interval_minutes: 0,
            simulator_ack_secs: 5,
            // ---- wallet, payments (F2) ----
            sandbox_pay_secret: "sandbox-pay-test-secret".into(),
            sandbox_pay_publishable_key: TEST_SANDBOX_PAY_KEY.into(),
            rate_limits: RateLimitConfig::default(),
            map: MapArgs {
                routing_profile: "foot".into(),
                routing_timeout_ms: 5000,
                routes_per_user_per_minute: 30,
                geocoding_timeout_ms: 3000,
                tiles_max_zoom: 14,
                geocodes_per_user_per_minute: 120,
                ..MapArgs::default()
            },
        }
    }
}

/// Whether a bind address only accepts connections from this machine.
fn is_loopback(bind: &str) -> bool {
    let bind = bind.trim().trim_start_matches('[').trim_end_matches(']');
    bind.eq_ignore_ascii_case("localhost")
        || bind
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(dev: bool, demo: bool, bind: &str, public_url: Option<&str>) -> Config {
        let mut c = Config::for_tests(Path::new("/tmp/x.db"));
        c.dev = dev;
        c.demo = demo;
        c.bind = bind.into();
        c.public_url = public_url.map(Into::into);
        c
    }

    #[test]
    fn dev_and_demo_only_on_loopback_over_http() {
        for (dev, demo) in [(true, false), (false, true), (true, true)] {
            assert!(config(dev, demo, "127.0.0.1", None).validate().is_ok());
            assert!(config(dev, demo, "::1", Some("http://localhost:8080"))
                .validate()
                .is_ok());
            assert!(config(dev, demo, "localhost", None).validate().is_ok());
            let e = config(dev, demo, "0.0.0.0", None).validate().unwrap_err();
            assert!(e.contains("bind to 127.0.0.1"), "{e}");
            assert!(config(dev, demo, "192.168.1.5", None).validate().is_err());
            assert!(config(dev, demo, "::", None).validate().is_err());
            let e = config(dev, demo, "127.0.0.1", Some("https://mijn.lexus.be"))
                .validate()
                .unwrap_err();
            assert!(e.contains("https"), "{e}");
            assert!(config(dev, demo, "127.0.0.1", Some(" HTTPS://x.be"))
                .validate()
                .is_err());
        }
        // Production settings without --dev / --demo are fine.
        assert!(
            config(false, false, "0.0.0.0", Some("https://mijn.lexus.be"))
                .validate()
                .is_ok()
        );
    }

    #[test]
    fn trusted_proxies_must_parse() {
        let mut c = config(false, false, "0.0.0.0", None);
        c.trusted_proxies = vec!["10.0.0.0/8".into(), "::1".into()];
        assert!(c.validate().is_ok());
        c.trusted_proxies = vec!["10.0.0.0/33".into()];
        assert!(c.validate().is_err());
    }
}
