//! One error type for every handler, answered as a JSON [`ApiError`].
//!
//! Handlers return [`AppError`]; its response carries the error in Dutch and
//! an [`ErrorBody`] extension, which the `api_errors` middleware re-renders in
//! the request's language. Internal errors are logged and answered with the
//! generic `internal` code: no details leave the server.

use axum::body::Body;
use axum::extract::rejection::JsonRejection;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use mijn_lexus_contract::{ApiError, ErrorCode, FieldError, Language};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A request-level error with its stable code.
    #[error("{0}")]
    Code(ErrorCode),
    /// `validation_failed` with per-field problems.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// 429 with `Retry-After` (seconds).
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    /// A 429-style code (e.g. `proof_locked`) with `Retry-After` (seconds).
    #[error("{code}: retry later")]
    RetryLater {
        code: ErrorCode,
        retry_after_secs: u64,
    },
    /// A request-level code that also names fields (e.g. 409 `message_id_conflict`).
    #[error("{0}")]
    CodeWithFields(ErrorCode, Vec<FieldError>),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl From<ErrorCode> for AppError {
    fn from(code: ErrorCode) -> AppError {
        AppError::Code(code)
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> AppError {
        AppError::Internal(e.into())
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(fields: Vec<FieldError>) -> AppError {
        AppError::Validation(fields)
    }
}

impl AppError {
    pub fn field(field: &str, code: ErrorCode) -> AppError {
        AppError::Validation(vec![FieldError::new(field, code)])
    }
}

/// The error a response carries, so it can be rendered in another language.
#[derive(Clone, Debug)]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub fields: Vec<FieldError>,
}

impl ErrorBody {
    pub fn to_api_error(&self, lang: Language) -> ApiError {
        if self.fields.is_empty() {
            ApiError::new(self.code, lang)
        } else {
            let mut e = ApiError::validation(self.fields.clone(), lang);
            e.code = self.code;
            e.message = self.code.message(lang).to_owned();
            e
        }
    }
}

/// A JSON error response for `code` in `lang`.
pub fn error_response(body: ErrorBody, lang: Language) -> Response {
    let status =
        StatusCode::from_u16(body.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let json = serde_json::to_vec(&body.to_api_error(lang)).unwrap_or_default();
    let mut resp = Response::new(Body::from(json));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp.extensions_mut().insert(body);
    resp
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::Code(code) => error_response(
                ErrorBody {
                    code,
                    fields: Vec::new(),
                },
                Language::Nl,
            ),
            AppError::Validation(fields) => error_response(
                ErrorBody {
                    code: ErrorCode::ValidationFailed,
                    fields,
                },
                Language::Nl,
            ),
            AppError::RateLimited { retry_after_secs } => {
                let mut resp = error_response(
                    ErrorBody {
                        code: ErrorCode::RateLimited,
                        fields: Vec::new(),
                    },
                    Language::Nl,
                );
                resp.headers_mut().insert(
                    header::RETRY_AFTER,
                    HeaderValue::from(retry_after_secs.max(1)),
                );
                resp
            }
            AppError::RetryLater {
                code,
                retry_after_secs,
            } => {
                let mut resp = error_response(
                    ErrorBody {
                        code,
                        fields: Vec::new(),
                    },
                    Language::Nl,
                );
                resp.headers_mut().insert(
                    header::RETRY_AFTER,
                    HeaderValue::from(retry_after_secs.max(1)),
                );
                resp
            }
            AppError::CodeWithFields(code, fields) => {
                error_response(ErrorBody { code, fields }, Language::Nl)
            }
            AppError::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "internal error");
                error_response(
                    ErrorBody {
                        code: ErrorCode::Internal,
                        fields: Vec::new(),
                    },
                    Language::Nl,
                )
            }
        }
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> AppError {
        let code = match rejection {
            JsonRejection::MissingJsonContentType(_) => ErrorCode::UnsupportedMediaType,
            JsonRejection::BytesRejection(ref r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                ErrorCode::PayloadTooLarge
            }
            _ if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
            _ => ErrorCode::MalformedRequest,
        };
        AppError::Code(code)
    }
}

/// The code for a bare error status that no handler described (axum's own
/// 405, tower-http's 408/413, ...).
pub fn code_for_status(status: StatusCode) -> ErrorCode {
    match status.as_u16() {
        400 => ErrorCode::MalformedRequest,
        401 => ErrorCode::Unauthenticated,
        403 => ErrorCode::CsrfFailed,
        404 => ErrorCode::NotFound,
        405 => ErrorCode::MethodNotAllowed,
        408 => ErrorCode::Timeout,
        413 => ErrorCode::PayloadTooLarge,
        415 => ErrorCode::UnsupportedMediaType,
        422 => ErrorCode::MalformedRequest,
        429 => ErrorCode::RateLimited,
        _ => ErrorCode::Internal,
    }
}
