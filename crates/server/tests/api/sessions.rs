//! Issue 9, item 9 (ASVS 3.3.4): a user lists their own sessions and ends
//! any of them, or all others; nobody else's, and never by a secret id.

use crate::common::*;
use mijn_lexus_contract::profile::SessionList;
use mijn_lexus_contract::ErrorCode;

async fn sessions(b: &Browser) -> SessionList {
    let resp = b.get("/api/profile/sessions").await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

/// A second browser (another device) signed in to `email`.
async fn another_device(app: &TestApp, email: &str, user_agent: &str) -> Browser {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .user_agent(user_agent)
        .build()
        .unwrap();
    let mut b = Browser {
        client,
        base: app.base.clone(),
        csrf: String::new(),
    };
    b.refresh_csrf().await;
    assert_eq!(b.sign_in(email, PASSWORD).await.0, 200);
    b
}

#[tokio::test]
async fn users_list_and_end_their_own_sessions() {
    let app = TestApp::spawn().await;
    let laptop = app.signed_in("els@example.be").await;
    app.clock.advance(chrono::Duration::minutes(1));
    let phone = another_device(&app, "els@example.be", "Telefoon/1.0").await;
    let tablet = another_device(&app, "els@example.be", "Tablet/2.0").await;
    let stranger = app.signed_in("jan@example.be").await;

    let list = sessions(&laptop).await;
    assert_eq!(list.sessions.len(), 3);
    assert!(list.sessions[0].current);
    assert_eq!(list.sessions[0].user_agent.as_deref(), Some(USER_AGENT));
    assert_eq!(list.sessions.iter().filter(|s| s.current).count(), 1);
    let agents: Vec<_> = list
        .sessions
        .iter()
        .map(|s| s.user_agent.clone().unwrap())
        .collect();
    assert!(
        agents.contains(&"Telefoon/1.0".to_owned()) && agents.contains(&"Tablet/2.0".to_owned())
    );
    assert!(list.sessions[0].created_at < list.sessions[1].created_at);

    // The ids are neither the cookie values nor their stored hashes.
    let stored: Vec<(String,)> = sqlx::query_as("SELECT id_hash FROM sessions")
        .fetch_all(&app.db)
        .await
        .unwrap();
    let raw = serde_json::to_string(&list).unwrap();
    for (hash,) in &stored {
        assert!(!raw.contains(hash.as_str()));
    }
    let cookies = format!("{:?}", laptop.get("/api/session").await.headers());
    for s in &list.sessions {
        assert!(!cookies.contains(&s.id));
        assert!(s.id.len() >= 32);
    }

    // Someone else's session: 404, and it stays.
    let strangers_id = sessions(&stranger).await.sessions[0].id.clone();
    expect_error(
        laptop
            .delete(&format!("/api/profile/sessions/{strangers_id}"))
            .await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    assert_eq!(stranger.get("/api/me").await.status(), 200);

    // End the phone's session from the laptop.
    let phone_id = list
        .sessions
        .iter()
        .find(|s| s.user_agent.as_deref() == Some("Telefoon/1.0"))
        .unwrap()
        .id
        .clone();
    let resp = laptop
        .delete(&format!("/api/profile/sessions/{phone_id}"))
        .await;
    assert_eq!(resp.status(), 204);
    assert_eq!(phone.get("/api/me").await.status(), 401);
    assert_eq!(sessions(&laptop).await.sessions.len(), 2);
    expect_error(
        laptop
            .delete(&format!("/api/profile/sessions/{phone_id}"))
            .await,
        404,
        ErrorCode::NotFound,
    )
    .await;

    // Every other session: the tablet goes, the laptop stays.
    assert_eq!(laptop.delete("/api/profile/sessions").await.status(), 204);
    assert_eq!(tablet.get("/api/me").await.status(), 401);
    assert_eq!(laptop.get("/api/me").await.status(), 200);
    let list = sessions(&laptop).await;
    assert_eq!(list.sessions.len(), 1);
    assert!(list.sessions[0].current);
    // The stranger's session was never touched.
    assert_eq!(stranger.get("/api/me").await.status(), 200);

    // Ending the current session signs out.
    let own = list.sessions[0].id.clone();
    assert_eq!(
        laptop
            .delete(&format!("/api/profile/sessions/{own}"))
            .await
            .status(),
        204
    );
    assert_eq!(laptop.get("/api/me").await.status(), 401);
}

#[tokio::test]
async fn the_session_list_needs_a_session_and_csrf() {
    let app = TestApp::spawn().await;
    let b = app.browser().await;
    expect_error(
        b.get("/api/profile/sessions").await,
        401,
        ErrorCode::Unauthenticated,
    )
    .await;
    let signed_in = app.signed_in("els@example.be").await;
    let resp = signed_in
        .client
        .delete(signed_in.url("/api/profile/sessions"))
        .send()
        .await
        .unwrap();
    expect_error(resp, 403, ErrorCode::CsrfFailed).await;
}
