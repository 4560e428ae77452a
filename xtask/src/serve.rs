//! A tiny static file server for `www/`, on loopback only.
//!
//! The page is plain static files, so any static host serves it; this one
//! exists so that `cargo xtask serve` and the browser tests need nothing but
//! Rust. It answers GET and HEAD, sends `application/wasm` for `.wasm` (which
//! streaming compilation requires), and never serves outside its folder.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

/// Binds `127.0.0.1:port` (0 picks a free port) and returns the listener.
pub fn bind(port: u16) -> Result<TcpListener, String> {
    TcpListener::bind(("127.0.0.1", port)).map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))
}

/// Serves `dir` until the process is stopped (Ctrl-C).
pub fn serve_forever(dir: &Path, port: u16) -> Result<(), String> {
    let listener = bind(port)?;
    println!("Serving {} at http://127.0.0.1:{port}/ (Ctrl-C stops)", dir.display());
    accept_loop(listener, dir.to_path_buf());
    Ok(())
}

/// Serves `dir` on a background thread; returns the base URL.
pub fn serve_in_background(dir: &Path) -> Result<String, String> {
    let listener = bind(0)?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let dir = dir.to_path_buf();
    std::thread::spawn(move || accept_loop(listener, dir));
    Ok(format!("http://{addr}/"))
}

fn accept_loop(listener: TcpListener, dir: PathBuf) {
    for stream in listener.incoming().flatten() {
        let dir = dir.clone();
        std::thread::spawn(move || {
            // A client that hangs up early is not our problem.
            let _ = answer(stream, &dir);
        });
    }
}

fn answer(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; a static server needs none of them.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    if method != "GET" && method != "HEAD" {
        return respond(&mut stream, "405 Method Not Allowed", "text/plain", b"", method);
    }
    let Some(path) = resolve(dir, target) else {
        return respond(&mut stream, "404 Not Found", "text/plain", b"not found", method);
    };
    match std::fs::read(&path) {
        Ok(body) => respond(&mut stream, "200 OK", content_type(&path), &body, method),
        Err(_) => respond(&mut stream, "404 Not Found", "text/plain", b"not found", method),
    }
}

/// Maps a request target to a file under `dir`, refusing `..` and absolute parts.
fn resolve(dir: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut resolved = dir.to_path_buf();
    for component in Path::new(path.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => resolved.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if resolved.is_dir() {
        resolved.push("index.html");
    }
    resolved.is_file().then_some(resolved)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "webmanifest" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    method: &str,
) -> std::io::Result<()> {
    // no-cache: a rebuilt bundle must reach the browser on reload.
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_folder() {
        let dir = crate::root().join("www");
        assert!(resolve(&dir, "/../Cargo.toml").is_none());
        assert!(resolve(&dir, "/%2e%2e/Cargo.toml").is_none());
        assert_eq!(resolve(&dir, "/?x=1"), Some(dir.join("index.html")));
    }
}
