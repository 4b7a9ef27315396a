//! The real binary: `--dev` / `--demo` refused outside local development
//! (issue 9, item 6), and no personal data in its log (item 14).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::*;
use serde_json::{json, Value};

pub(crate) fn server(db_dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mijn-lexus-server"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .args([
            "--port",
            "0",
            "--static-dir",
            "/nonexistent-mijn-lexus-dist",
        ])
        .arg("--database-url")
        .arg(format!("sqlite://{}", db_dir.join("portal.db").display()))
        .args(["--retention-interval-minutes", "0"]);
    cmd
}

/// Waits for the process to end (at most `limit`); kills it otherwise.
fn wait_exit(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[test]
fn dev_and_demo_refuse_to_start_outside_local_development() {
    let dir = tempfile::tempdir().unwrap();
    for (args, says) in [
        (
            vec!["--dev", "--public-url", "https://mijn.lexus.be"],
            "--dev",
        ),
        (
            vec!["--demo", "--public-url", "https://mijn.lexus.be"],
            "--demo",
        ),
        (vec!["--dev", "--bind", "0.0.0.0"], "bind to 127.0.0.1"),
        (vec!["--demo", "--bind", "::"], "bind to 127.0.0.1"),
    ] {
        let mut child = server(dir.path())
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let status = wait_exit(&mut child, Duration::from_secs(20))
            .unwrap_or_else(|| panic!("{args:?}: the server started"));
        let out = child.wait_with_output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!status.success(), "{args:?}: {text}");
        assert!(text.contains(says), "{args:?}: {text}");
        assert!(text.contains("local development"), "{args:?}: {text}");
    }
    // The environment variables are checked as well.
    let mut child = server(dir.path())
        .env("DEV_MODE", "true")
        .env("PUBLIC_URL", "https://mijn.lexus.be")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let status = wait_exit(&mut child, Duration::from_secs(20)).expect("refused");
    assert!(!status.success());
}

/// The log lines the running binary wrote so far.
pub(crate) struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    pub(crate) fn capture(child: &mut Child) -> Log {
        let lines = Arc::new(Mutex::new(Vec::new()));
        let out = child.stdout.take().unwrap();
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        Log(lines)
    }

    pub(crate) fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }

    /// The port of the "listening" line.
    pub(crate) async fn port(&self) -> u16 {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            for line in self.lines() {
                if let Ok(v) = serde_json::from_str::<Value>(&line) {
                    if let Some(listen) = v["listen"].as_str() {
                        return listen.rsplit(':').next().unwrap().parse().unwrap();
                    }
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("server did not start: {:?}", self.lines());
    }
}

pub(crate) async fn mail_token(base: &str, to: &str, path: &str) -> String {
    let needle = format!("{path}?token=");
    for _ in 0..100 {
        let mails: Value = reqwest::get(format!("{base}/api/dev/outbox?to={to}"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let found = mails["messages"]
            .as_array()
            .unwrap()
            .iter()
            .rev()
            .find_map(|m| {
                let body = m["body_text"].as_str()?;
                let start = body.find(&needle)? + needle.len();
                Some(body[start..].split_whitespace().next()?.to_owned())
            });
        if let Some(token) = found {
            return token;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no mail with {needle} for {to}");
}

#[tokio::test]
async fn the_log_holds_no_addresses_client_ips_or_vins() {
    const EMAIL: &str = "Els.Janssens@Example.be";
    const VIN: &str = "JTHBAAHB2P7654321";
    const TOKEN: &str = "log-test-telematics-token";
    let dir = tempfile::tempdir().unwrap();
    let mut child = server(dir.path())
        .args(["--dev", "--log-format", "json", "--telematics-token", TOKEN])
        .args(["--trusted-proxies", "127.0.0.1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let log = Log::capture(&mut child);
    let base = format!("http://127.0.0.1:{}", log.port().await);
    const CLIENT_IP: &str = "203.0.113.45";

    // Register, confirm, a failed and a good sign-in, a reset, a vehicle.
    let mut b = Browser::new(&base).await;
    assert_eq!(
        b.post("/api/accounts", &registration(EMAIL)).await.status(),
        202
    );
    let token = mail_token(&base, &EMAIL.to_lowercase(), "/confirm").await;
    assert_eq!(
        b.post("/api/accounts/confirm", &json!({ "token": token }))
            .await
            .status(),
        204
    );
    let wrong = json!({ "email": EMAIL, "password": "fout-wachtwoord" });
    assert_eq!(
        b.post_from(CLIENT_IP, "/api/session", &wrong)
            .await
            .status(),
        401
    );
    assert_eq!(b.sign_in(EMAIL, PASSWORD).await.0, 200);
    let reset = json!({ "email": EMAIL });
    assert_eq!(
        b.post_from(CLIENT_IP, "/api/password-reset", &reset)
            .await
            .status(),
        202
    );
    mail_token(&base, &EMAIL.to_lowercase(), "/reset-password").await;
    let resp = reqwest::Client::new()
        .put(format!("{base}/api/telematics/vehicles/{VIN}"))
        .bearer_auth(TOKEN)
        .json(&json!({
            "model": "UX 250h", "model_family": "ux", "model_year": 2023,
            "powertrain": "hybrid", "activation_code": ACTIVATION_CODE,
            "ingest_key": "log-test-ingest-key-0123456789abcdef0123456789",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    b.add_vehicle(VIN).await;
    assert_eq!(b.get(&format!("/api/vehicles/{VIN}")).await.status(), 200);
    // Many failures from one client: the rate-limit warning names no one either.
    for _ in 0..5 {
        b.post_from(CLIENT_IP, "/api/session", &wrong).await;
    }

    let _ = child.kill();
    let _ = child.wait();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let lines = log.lines();
    let all = lines.join("\n");
    if std::env::var_os("SHOW_LOG").is_some() {
        println!("{all}");
    }
    // The sequence was logged (ids, events), so the check below means something.
    for event in [
        "account registered",
        "signed in",
        "sign-in failed",
        "password reset requested",
        "vehicle added",
        "sign-in rate limited",
        "\"subject\"",
    ] {
        assert!(all.contains(event), "{event} not logged:\n{all}");
    }
    let lower = all.to_lowercase();
    for secret in [
        EMAIL.to_lowercase(),
        "example.be".into(),
        VIN.to_lowercase(),
        CLIENT_IP.into(),
    ] {
        assert!(!lower.contains(&secret), "{secret} in the log:\n{all}");
    }
    // The only address in the log is the server's own listen address.
    for line in &lines {
        assert!(
            !line.contains("127.0.0.1") || line.contains("\"listen\""),
            "{line}"
        );
    }
}
