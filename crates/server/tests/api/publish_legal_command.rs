//! The `publish-legal` subcommand (A4): the operator's way to publish a new
//! version of a legal document without the admin API. Runs the real binary
//! against a database file, then a server on the same file.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::*;
use serde_json::Value;

fn publish_legal(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mijn-lexus-server"))
        .arg("--database-url")
        .arg(format!("sqlite://{}", db.display()))
        .arg("publish-legal")
        .args(args)
        .output()
        .expect("the server binary runs")
}

#[tokio::test]
async fn publish_legal_stores_a_new_version_that_the_server_then_serves() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("portal.db");
    let file = dir.path().join("terms-v2.md");
    let today = chrono::Utc::now().date_naive();
    std::fs::write(
        &file,
        format!("# Gebruiksvoorwaarden Mijn Lexus\neffective: {today}\n\n## 1. Nieuw\n\nDe tweede versie.\n"),
    )
    .unwrap();
    let file = file.to_str().unwrap();

    let out = publish_legal(&db, &["--kind", "terms", "--version", "2", "--file", file]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("published terms v2 (nl)"), "{stdout}");

    // The same version twice, an unknown kind, a missing file: refused, non-zero.
    for (args, says) in [
        (
            vec!["--kind", "terms", "--version", "2", "--file", file],
            "not published",
        ),
        (
            vec!["--kind", "cookies", "--version", "3", "--file", file],
            "--kind must be terms or privacy",
        ),
        (
            vec![
                "--kind",
                "privacy",
                "--version",
                "2",
                "--file",
                "/nonexistent.md",
            ],
            "cannot read",
        ),
    ] {
        let out = publish_legal(&db, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }

    // A server on that database serves version 2.
    let db_url = format!("sqlite://{}", db.display());
    let app = TestApp::spawn_with(|c| c.database_url = db_url).await;
    let b = app.browser().await;
    let doc: Value = b.get("/api/legal/terms").await.json().await.unwrap();
    assert_eq!(doc["version"], 2, "{doc}");
    assert_eq!(doc["title"], "Gebruiksvoorwaarden Mijn Lexus");
}
