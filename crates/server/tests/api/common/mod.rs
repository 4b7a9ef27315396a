//! Starts the real application on 127.0.0.1:0 with a fresh SQLite file and a
//! manual clock, and drives it like a browser (cookie store, CSRF token).

use std::sync::Arc;

use mijn_lexus_contract::account::RegisterRequest;
use mijn_lexus_contract::{ApiError, Country, ErrorCode, Language, Salutation};
use mijn_lexus_server::{Application, Config, ManualClock};
use reqwest::Response;
use serde::Serialize;
use serde_json::Value;
use sqlx::SqlitePool;
use tempfile::TempDir;

pub const USER_AGENT: &str = "mijn-lexus-tests/1.0";
pub const PASSWORD: &str = "zonnige-ochtend-in-gent";

pub struct TestApp {
    pub base: String,
    pub clock: ManualClock,
    pub db: SqlitePool,
    pub dir: TempDir,
    /// The running app's state (to run jobs such as the retention pass).
    pub state: mijn_lexus_server::state::AppState,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(|_| {}).await
    }

    /// Starts the app after `adjust` has changed the test configuration.
    pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let db_path = dir.path().join("db").join("test.db");
        let mut config = Config::for_tests(&db_path);
        adjust(&mut config);
        // The database the app really uses (a test may point it elsewhere).
        let database_url = config.database_url.clone();
        let clock = ManualClock::starting_now();
        let app = Application::build_with_clock(config, Arc::new(clock.clone()))
            .await
            .expect("application builds");
        let base = format!("http://127.0.0.1:{}", app.port());
        let state = app.state().clone();
        tokio::spawn(app.run_until(std::future::pending()));
        let db = SqlitePool::connect(&database_url).await.expect("test db");
        TestApp {
            base,
            clock,
            db,
            dir,
            state,
        }
    }

    /// A fresh browser that fetched its CSRF token.
    pub async fn browser(&self) -> Browser {
        Browser::new(&self.base).await
    }

    pub async fn count(&self, sql: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(sql)
            .fetch_one(&self.db)
            .await
            .expect("count query");
        n
    }

    pub async fn users(&self) -> i64 {
        self.count("SELECT COUNT(*) FROM users").await
    }

    /// The mails in the outbox for `to`, oldest first.
    pub async fn outbox(&self, to: &str) -> Vec<Value> {
        // Reset and resend mails go out after the answer.
        self.state.background.settled().await;
        let resp = reqwest::get(format!("{}/api/dev/outbox?to={to}", self.base))
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        let body: Value = resp.json().await.unwrap();
        body["messages"].as_array().cloned().unwrap_or_default()
    }

    /// The token of the link in the latest mail for `to` whose link goes to `path`.
    pub async fn token_from_mail(&self, to: &str, path: &str) -> String {
        let mails = self.outbox(to).await;
        let needle = format!("{}{path}?token=", public_url(&self.base));
        let body = mails
            .iter()
            .rev()
            .filter_map(|m| m["body_text"].as_str())
            .find(|b| b.contains(&needle))
            .unwrap_or_else(|| panic!("no mail with {needle} for {to}: {mails:#?}"));
        let start = body.find(&needle).unwrap() + needle.len();
        body[start..].split_whitespace().next().unwrap().to_owned()
    }

    /// Registers and confirms an account; returns a browser (not signed in).
    pub async fn confirmed_account(&self, email: &str) -> Browser {
        let b = self.browser().await;
        let resp = b.post("/api/accounts", &registration(email)).await;
        assert_eq!(resp.status(), 202, "{}", resp.text().await.unwrap());
        let token = self.token_from_mail(email, "/confirm").await;
        let resp = b
            .post(
                "/api/accounts/confirm",
                &serde_json::json!({ "token": token }),
            )
            .await;
        assert_eq!(resp.status(), 204);
        b
    }
}

/// The public URL the app derives for tests (`http://localhost:{port}`).
pub fn public_url(base: &str) -> String {
    base.replace("127.0.0.1", "localhost")
}

pub fn registration(email: &str) -> RegisterRequest {
    RegisterRequest {
        salutation: Some(Salutation::Ms),
        first_name: "Els".into(),
        last_name: "Janssens".into(),
        email: email.into(),
        password: PASSWORD.into(),
        password_confirmation: PASSWORD.into(),
        country: Some(Country::Be),
        language: Some(Language::Nl),
        mobile_phone: "0470 12 34 56".into(),
        accept_terms: true,
        terms_version: 1,
        accept_privacy: true,
        privacy_version: 1,
        marketing_consent: false,
    }
}

pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
    pub csrf: String,
}

impl Browser {
    pub async fn new(base: &str) -> Browser {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .user_agent(USER_AGENT)
            .build()
            .unwrap();
        let mut b = Browser {
            client,
            base: base.to_owned(),
            csrf: String::new(),
        };
        b.refresh_csrf().await;
        b
    }

    pub async fn refresh_csrf(&mut self) {
        let state: Value = self.get("/api/session").await.json().await.unwrap();
        self.csrf = state["csrf_token"].as_str().unwrap().to_owned();
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn post<T: Serialize>(&self, path: &str, body: &T) -> Response {
        self.client
            .post(self.url(path))
            .header("x-csrf-token", &self.csrf)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// POST as a client behind a proxy: `X-Forwarded-For: {forwarded_for}`
    /// (the app reads it only when 127.0.0.1 is a trusted proxy).
    pub async fn post_from<T: Serialize>(
        &self,
        forwarded_for: &str,
        path: &str,
        body: &T,
    ) -> Response {
        self.client
            .post(self.url(path))
            .header("x-csrf-token", &self.csrf)
            .header("x-forwarded-for", forwarded_for)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.client
            .delete(self.url(path))
            .header("x-csrf-token", &self.csrf)
            .send()
            .await
            .unwrap()
    }

    /// Signs in; returns the status and the JSON body. On success the CSRF
    /// token of the new session is kept.
    pub async fn sign_in(&mut self, email: &str, password: &str) -> (u16, Value) {
        let resp = self
            .post(
                "/api/session",
                &serde_json::json!({ "email": email, "password": password }),
            )
            .await;
        let status = resp.status().as_u16();
        let body: Value = resp.json().await.unwrap();
        if status == 200 {
            self.csrf = body["csrf_token"].as_str().unwrap().to_owned();
        }
        (status, body)
    }
}

/// Reads an API error body.
pub async fn api_error(resp: Response) -> ApiError {
    let text = resp.text().await.unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not an ApiError ({e}): {text}"))
}

pub async fn expect_error(resp: Response, status: u16, code: ErrorCode) -> ApiError {
    assert_eq!(resp.status().as_u16(), status, "status");
    let err = api_error(resp).await;
    assert_eq!(err.code, code, "{err:?}");
    err
}

impl TestApp {
    pub fn clock_unix(&self) -> i64 {
        use mijn_lexus_server::Clock;
        self.clock.now().timestamp()
    }
}

// ---- garage and telematics helpers ----

pub const BACKEND_TOKEN: &str = mijn_lexus_server::config::TEST_TELEMATICS_TOKEN;
pub const ACTIVATION_CODE: &str = "LX-TEST-CODE-0001";

/// A test vehicle: VIN, its ingest key.
pub struct TestVehicle {
    pub vin: String,
    pub key: String,
}

impl TestApp {
    /// Provisions a full hybrid through the backend API and sends one status
    /// with `odometer_km`.
    pub async fn vehicle(&self, vin: &str, odometer_km: f64) -> TestVehicle {
        let key = format!("ingest-key-{vin}-0123456789abcdef0123456789");
        let resp = reqwest::Client::new()
            .put(format!("{}/api/telematics/vehicles/{vin}", self.base))
            .bearer_auth(BACKEND_TOKEN)
            .json(&serde_json::json!({
                "model": "UX 250h", "model_family": "ux", "model_year": 2023,
                "powertrain": "hybrid", "activation_code": ACTIVATION_CODE, "ingest_key": key,
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 204, "{}", resp.text().await.unwrap());
        let v = TestVehicle {
            vin: vin.into(),
            key,
        };
        let resp = self
            .ingest(
                &v.vin,
                Some(&v.key),
                &serde_json::json!({"messages": [{
                    "message_id": "first-status",
                    "recorded_at": self.rfc3339(-3600),
                    "status": {"odometer_km": odometer_km, "fuel_percent": 60.0, "range_km": 540.0,
                               "privacy_mode": false, "warning_lights": ["tyre_pressure_low"],
                               "service_due_km": 30000, "service_due_date": "2026-12-01"},
                    "parked": {"position": {"lat": 51.0196, "lon": 4.4856, "label": "Mechelen"},
                               "destination": {"lat": 51.0200, "lon": 4.4860, "label": "Hanswijkvaart"}},
                    "trip": {"started_at": self.rfc3339(-5400), "ended_at": self.rfc3339(-3600),
                             "start": {"lat": 51.2313, "lon": 4.4044, "label": "Antwerpen"},
                             "end": {"lat": 51.0196, "lon": 4.4856, "label": "Mechelen"},
                             "distance_km": 28.4, "fuel_used_l": 1.4, "ev_distance_km": 9.1, "ev_time_s": 900,
                             "eco_distance_km": 20.0, "power_distance_km": 2.0, "hybrid_score": 77,
                             "score_acceleration": 80, "score_braking": 75, "score_constant_speed": 70,
                             "events": [{"at": self.rfc3339(-4000), "kind": "harsh_braking", "lat": 51.1, "lon": 4.45}],
                             "route": [{"at": self.rfc3339(-5400), "lat": 51.2313, "lon": 4.4044, "speed_kmh": 0.0},
                                       {"at": self.rfc3339(-3600), "lat": 51.0196, "lon": 4.4856}]}
                }]}),
            )
            .await;
        assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
        v
    }

    /// RFC 3339 time `offset_secs` from the app's clock.
    pub fn rfc3339(&self, offset_secs: i64) -> String {
        chrono::DateTime::from_timestamp(self.clock_unix() + offset_secs, 0)
            .unwrap()
            .to_rfc3339()
    }

    pub async fn ingest(&self, vin: &str, key: Option<&str>, body: &Value) -> Response {
        let mut req = reqwest::Client::new()
            .post(format!("{}/api/ingest/vehicles/{vin}/messages", self.base))
            .json(body);
        if let Some(key) = key {
            req = req.bearer_auth(key);
        }
        req.send().await.unwrap()
    }

    /// A confirmed, signed-in account.
    pub async fn signed_in(&self, email: &str) -> Browser {
        let mut b = self.confirmed_account(email).await;
        let (status, _) = b.sign_in(email, PASSWORD).await;
        assert_eq!(status, 200);
        b
    }
}

impl Browser {
    pub async fn patch<T: Serialize>(&self, path: &str, body: &T) -> Response {
        self.client
            .patch(self.url(path))
            .header("x-csrf-token", &self.csrf)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// Adds a vehicle with the activation code; asserts 201.
    pub async fn add_vehicle(&self, vin: &str) -> Value {
        let resp = self
            .post(
                "/api/vehicles",
                &serde_json::json!({"vin": vin, "licence_plate": "1-ABC-234", "nickname": "Test",
                                    "activation_code": ACTIVATION_CODE}),
            )
            .await;
        assert_eq!(resp.status(), 201, "{}", resp.text().await.unwrap());
        resp.json().await.unwrap()
    }
}

impl Browser {
    pub async fn put<T: Serialize>(&self, path: &str, body: &T) -> Response {
        self.client
            .put(self.url(path))
            .header("x-csrf-token", &self.csrf)
            .json(body)
            .send()
            .await
            .unwrap()
    }
}
