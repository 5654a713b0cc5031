//! `phraselint serve`: the web checker (a page and a JSON API) for writers
//! and for a CMS to call before publishing.
//!
//! Built on axum and tokio (hyper beneath): timeouts, body limits and
//! multipart uploads come from a well-kept stack instead of code of our
//! own, and a slow or idle client holds a task, not a thread. Each check runs on tokio's
//! blocking pool behind a semaphore, so at most `--jobs` run at once.

mod checker;

use std::io;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use phraselint::error::{FileError, io_message};
use serde::Deserialize;
use tokio::sync::Semaphore;
use tower_http::catch_panic::CatchPanicLayer;

use super::args::ServeArgs;
use super::output::fail;
use super::{EXIT_CLEAN, Io};
use checker::{Checker, Refused};

struct App {
    checker: Arc<Checker>,
    /// One permit a check: the cap on checks running at once.
    permits: Arc<Semaphore>,
    timeout: Duration,
}

pub fn run(args: ServeArgs, cwd: &Path, io: &mut Io) -> io::Result<u8> {
    let checker = match Checker::new(cwd, args.max_filesize) {
        Ok(checker) => checker,
        Err(errors) => return fail(&errors, io),
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .max(1);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let listener = match runtime.block_on(tokio::net::TcpListener::bind((
        args.host.as_str(),
        args.port,
    ))) {
        Ok(listener) => listener,
        Err(e) => {
            let at = format!("{}:{}", args.host, args.port);
            return fail(&[FileError::new(at, io_message(&e))], io);
        }
    };
    let addr = listener.local_addr()?;
    if !addr.ip().is_loopback() {
        writeln!(
            io.err,
            "warning: serving on {addr} without authentication: anyone who can reach it can use it"
        )?;
    }
    writeln!(io.err, "listening on http://{addr}")?;
    io.err.flush()?;
    let app = App {
        checker: Arc::new(checker),
        permits: Arc::new(Semaphore::new(jobs)),
        timeout: Duration::from_secs(args.timeout),
    };
    let timeout = app.timeout;
    runtime.block_on(accept(listener, router(app, args.max_filesize), timeout));
    Ok(EXIT_CLEAN)
}

/// Serves each connection on its own task with hyper, which (given a
/// timer, which `axum::serve` does not give it) closes one whose request
/// headers have not all come within `timeout`: a client that opens
/// connections and sends nothing, or a byte at a time, cannot hold them.
async fn accept(listener: tokio::net::TcpListener, router: Router, timeout: Duration) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // A connection gone before it was taken: take the next at once.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::ConnectionAborted
                        | io::ErrorKind::ConnectionReset
                        | io::ErrorKind::ConnectionRefused
                ) =>
            {
                continue;
            }
            // Out of file descriptors: the next accept may succeed once
            // some connections close (the header timeout closes idle ones).
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        // Answers go out as they are written, not held for a full packet.
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new()).header_read_timeout(timeout);
            // A client that goes away or breaks the protocol ends only its
            // own connection.
            let _ = http.serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

fn router(app: App, max_filesize: u64) -> Router {
    let limit = usize::try_from(max_filesize).unwrap_or(usize::MAX);
    Router::new()
        .route("/", get(|| page("text/html; charset=utf-8", INDEX)))
        .route(
            "/app.js",
            get(|| page("text/javascript; charset=utf-8", SCRIPT)),
        )
        .route("/style.css", get(|| page("text/css; charset=utf-8", STYLE)))
        .route(
            "/healthz",
            get(|| async { json(StatusCode::OK, r#"{"status":"ok"}"#) }),
        )
        .route("/api/v1/phrasebooks", get(phrasebooks))
        .route("/api/v1/check", post(check))
        .method_not_allowed_fallback(|| async {
            error(StatusCode::METHOD_NOT_ALLOWED, "method not allowed here")
        })
        .fallback(|| async { error(StatusCode::NOT_FOUND, "no such page") })
        .layer(DefaultBodyLimit::max(limit))
        // A bug in a handler is one 500, not the end of the server.
        .layer(CatchPanicLayer::custom(|_| {
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error, please report it",
            )
        }))
        .with_state(Arc::new(app))
}

/// The page's files, compiled in: no build step, nothing to install.
const INDEX: &str = include_str!("serve/static/index.html");
const SCRIPT: &str = include_str!("serve/static/app.js");
const STYLE: &str = include_str!("serve/static/style.css");

async fn page(content_type: &'static str, body: &'static str) -> Response {
    let headers = [
        (CONTENT_TYPE, content_type),
        // The page runs only its own script and style, so text that got
        // into it by a bug still could not run.
        (
            HeaderName::from_static("content-security-policy"),
            "default-src 'self'",
        ),
        (HeaderName::from_static("x-content-type-options"), "nosniff"),
        (CACHE_CONTROL, "no-cache"),
    ];
    (headers, body).into_response()
}

fn json(status: StatusCode, body: impl Into<axum::body::Body>) -> Response {
    (status, [(CONTENT_TYPE, "application/json")], body.into()).into_response()
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    let body = serde_json::json!({ "error": message.into() }).to_string();
    json(status, body)
}

async fn phrasebooks(State(app): State<Arc<App>>) -> Response {
    let checker = app.checker.clone();
    blocking(move || checker.phrasebooks()).await
}

/// `POST /api/v1/check`'s JSON body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckBody {
    filename: Option<String>,
    text: String,
}

async fn check(State(app): State<Arc<App>>, request: Request) -> Response {
    let timeout = app.timeout;
    match tokio::time::timeout(timeout, checked(app, request)).await {
        Ok(response) => response,
        Err(_) => error(
            StatusCode::REQUEST_TIMEOUT,
            format!("the request took longer than {} s", timeout.as_secs()),
        ),
    }
}

async fn checked(app: Arc<App>, request: Request) -> Response {
    let (name, bytes) = match read(request).await {
        Ok(input) => input,
        Err(response) => return response,
    };
    let permit = app
        .permits
        .clone()
        .acquire_owned()
        .await
        .expect("the semaphore is never closed");
    let checker = app.checker.clone();
    // The permit goes with the check: one the client gave up waiting for
    // still counts until it ends.
    blocking(move || {
        let _permit = permit;
        checker.check(name.as_deref(), &bytes)
    })
    .await
}

/// Runs a check on the blocking pool and answers with its JSON.
async fn blocking(work: impl FnOnce() -> Result<Vec<u8>, Refused> + Send + 'static) -> Response {
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(body)) => json(StatusCode::OK, body),
        Ok(Err(Refused::BadName(message))) => error(StatusCode::BAD_REQUEST, message),
        Ok(Err(Refused::Config(e))) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error, please report it",
        ),
    }
}

/// The name and bytes a request sends: JSON `{"filename", "text"}`, or a
/// multipart part named `file` (its file name the name).
async fn read(request: Request) -> Result<(Option<String>, Vec<u8>), Response> {
    let mime = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    match mime.as_deref() {
        Some("application/json") => {
            let axum::Json(body) = axum::Json::<CheckBody>::from_request(request, &())
                .await
                .map_err(|r| rejected(r.status(), r.body_text()))?;
            Ok((body.filename, body.text.into_bytes()))
        }
        Some("multipart/form-data") => {
            let mut multipart = Multipart::from_request(request, &())
                .await
                .map_err(|r| rejected(r.status(), r.body_text()))?;
            while let Some(field) = multipart
                .next_field()
                .await
                .map_err(|e| rejected(e.status(), e.body_text()))?
            {
                if field.name() == Some("file") {
                    let name = field.file_name().map(str::to_owned);
                    let bytes = field
                        .bytes()
                        .await
                        .map_err(|e| rejected(e.status(), e.body_text()))?;
                    return Ok((name, bytes.to_vec()));
                }
            }
            Err(error(
                StatusCode::BAD_REQUEST,
                "the multipart request has no part named `file`",
            ))
        }
        _ => Err(error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send JSON {\"filename\": …, \"text\": …} as application/json, or a file as multipart/form-data in a part named `file`",
        )),
    }
}

/// A request axum could not read: too large stays 413, anything else is
/// a malformed request.
fn rejected(status: StatusCode, message: String) -> Response {
    let status = if status == StatusCode::PAYLOAD_TOO_LARGE {
        status
    } else {
        StatusCode::BAD_REQUEST
    };
    error(status, message)
}
