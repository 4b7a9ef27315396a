//! The secondary users section (C3): who else uses the vehicle, pending
//! invitations, and a new invitation.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mijn_lexus_contract::vehicle::{InvitationStatus, InviteRequest, VehicleUsers};
use mijn_lexus_contract::FieldError;

use super::per_vehicle;
use crate::api::garage as api;
use crate::components::card::Card;
use crate::components::field::{Field, SubmitButton};
use crate::components::loading::{into_resource, load_older, Loaded, RequestError};
use crate::components::table::Older;
use crate::forms::{focus_id, focus_on_error, FormState};
use crate::i18n::t;
use crate::session::use_session;

#[component]
pub(super) fn UsersSection(vin: String) -> impl IntoView {
    let g = &t().garage;
    let session = use_session();
    let users = per_vehicle(&vin, |vin| async move { api::users(&vin, None).await });
    // Read by the buttons when clicked, never after a request.
    let vin = StoredValue::new(vin);
    let message = RwSignal::new(None::<String>);
    // Revoking a user, withdrawing an invitation.
    let action = FormState::new();
    let form = FormState::new();
    // Older open invitations, appended below the ones shown.
    let older = FormState::new();
    let more = move |before_id: i64, shown: usize| {
        load_older(
            older,
            {
                let vin = vin.get_value();
                async move { api::users(&vin, Some(before_id)).await }
            },
            into_resource(users, |u, page: VehicleUsers| {
                u.invitations.extend(page.invitations);
                u.next_before_id = page.next_before_id;
            }),
            format!("invitation-{shown}"),
        )
    };
    let email = RwSignal::new(String::new());

    let act = move |done_text: String, delete: bool, id: i64| {
        if !action.begin() {
            return;
        }
        message.set(None);
        let vin = vin.get_value();
        let send = async move {
            if delete {
                api::revoke_user(session, &vin, id).await
            } else {
                api::withdraw_invitation(session, &vin, id).await
            }
        };
        action.submit(send, move |()| {
            message.set(Some(done_text));
            users.refetch();
        });
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        message.set(None);
        let address = email.get_untracked().trim().to_owned();
        if address.is_empty() {
            form.fail_fields(vec![FieldError::new(
                "invite_email",
                mijn_lexus_contract::ErrorCode::Required,
            )]);
            focus_id("invite_email");
            return;
        }
        let vin = vin.get_value();
        let send =
            async move { api::invite(session, &vin, &InviteRequest { email: address }).await };
        form.submit_mapped(
            focus_on_error("invite_email", send),
            move |inv| {
                email.set(String::new());
                message.set(Some(g.invite_sent(&inv.email)));
                users.refetch();
            },
            |f| if f == "email" { "invite_email" } else { f }.to_owned(),
        );
    };

    let list = move |u: VehicleUsers| {
        let empty = u.users.is_empty() && u.invitations.is_empty();
        let shown = u.invitations.len();
        let older_invitations = u.next_before_id.map(|next| Older {
            label: g.invitations_more.as_str(),
            fetch: Callback::new(move |()| more(next, shown)),
            pending: older.pending,
        });
        let people = u
            .users
            .into_iter()
            .map(|p| {
                let name = format!("{} {}", p.first_name, p.last_name);
                let label = g.revoke_label(&name);
                let done = g.revoked(&name);
                let remove = move |_| act(done.clone(), true, p.user_id);
                person_row(None, name, p.email, label, g.revoke.as_str(), remove)
            })
            .collect_view();
        let invitations = u
            .invitations
            .into_iter()
            .enumerate()
            .map(|(n, i)| {
                let state = match i.status {
                    InvitationStatus::Pending => {
                        g.invitation_pending(&crate::format::date(i.expires_at.date_naive()))
                    }
                    InvitationStatus::Expired => g.invitation_expired.to_string(),
                };
                let label = g.withdraw_label(&i.email);
                let done = g.withdrawn(&i.email);
                let withdraw = move |_| act(done.clone(), false, i.id);
                // An id, so "show older" can take the keyboard to the first new one.
                let id = format!("invitation-{n}");
                person_row(
                    Some(id),
                    i.email,
                    state,
                    label,
                    g.withdraw.as_str(),
                    withdraw,
                )
            })
            .collect_view();
        view! {
            {empty.then(|| view! { <p>{g.no_secondary_users.as_str()}</p> })}
            {(!empty).then(|| view! { <ul class="ml-people">{people}{invitations}</ul> })}
            {older_invitations.map(Older::into_view)}
        }
        .into_any()
    };

    view! {
        <Card id="users-heading" title=g.users_heading.as_str() class="ml-garage__section">
            <p>{g.users_intro.as_str()}</p>
            <div role="status">
                {move || message.get().map(|m| view! { <p class="ml-notice ml-notice--ok">{m}</p> })}
            </div>
            {move || action.request_error().map(|error| view! { <RequestError error /> })}
            {move || older.request_error().map(|error| view! { <RequestError error /> })}
            <Loaded resource=users let:u>{list(u)}</Loaded>
            <form class="ml-form ml-subform" novalidate on:submit=submit>
                {move || form.request_error().map(|error| view! { <RequestError error /> })}
                <Field
                    id="invite_email"
                    label=g.invite_email.as_str()
                    kind="email"
                    value=email
                    autocomplete="off"
                    required=true
                    error=form.field("invite_email")
                />
                <div class="ml-form__actions">
                    <SubmitButton label=g.invite_submit.as_str() pending=form.pending />
                </div>
            </form>
        </Card>
    }
}

/// One person in the list (a secondary user or an invitation) with the
/// button that ends their access.
fn person_row(
    id: Option<String>,
    name: String,
    detail: String,
    label: String,
    action: &'static str,
    on_click: impl FnMut(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    view! {
        <li class="ml-person" id=id.clone() tabindex=id.map(|_| "-1")>
            <span class="ml-person__name">{name}</span>
            <span class="ml-person__detail">{detail}</span>
            <button
                type="button"
                class="ml-button ml-button--secondary"
                aria-label=label
                on:click=on_click
            >
                {action}
            </button>
        </li>
    }
}
