//! `phraselint serve` started on a free port in a folder, and spoken to
//! with plain HTTP/1.1 on a `TcpStream` (one request a connection).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use super::colour_unset;

/// A running server, stopped when dropped.
pub struct Server {
    child: Child,
    pub addr: String,
    /// What it wrote to stderr before the address line.
    pub said: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn serve(dir: &Path, args: &[&str]) -> Server {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_phraselint"));
    colour_unset(&mut cmd)
        .args(["serve", "--port", "0"])
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut server = Server {
        child: cmd.spawn().expect("start phraselint serve"),
        addr: String::new(),
        said: String::new(),
    };
    let mut stderr = BufReader::new(server.child.stderr.take().unwrap());
    loop {
        let mut line = String::new();
        assert_ne!(
            stderr.read_line(&mut line).unwrap(),
            0,
            "exited: {}",
            server.said
        );
        if let Some(addr) = line.trim().strip_prefix("listening on http://") {
            server.addr = addr.to_owned();
            return server;
        }
        server.said.push_str(&line);
    }
}

/// An answer: status code, headers (lowercased names), body.
pub struct Answer {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap()
    }
}

impl Server {
    pub fn request(&self, method: &str, path: &str, content_type: &str, body: &[u8]) -> Answer {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.addr,
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        // A server may answer 413 before reading the whole body.
        let _ = stream.write_all(body);
        read_answer(stream)
    }

    pub fn get(&self, path: &str) -> Answer {
        self.request("GET", path, "text/plain", b"")
    }

    pub fn check_json(&self, body: &serde_json::Value) -> Answer {
        self.request(
            "POST",
            "/api/v1/check",
            "application/json",
            body.to_string().as_bytes(),
        )
    }

    pub fn upload(&self, name: &str, bytes: &[u8]) -> Answer {
        let boundary = "phraselint-test-boundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let content_type = format!("multipart/form-data; boundary={boundary}");
        self.request("POST", "/api/v1/check", &content_type, &body)
    }
}

pub fn read_answer(mut stream: TcpStream) -> Answer {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    let head = String::from_utf8(raw[..split].to_vec())
        .unwrap()
        .to_ascii_lowercase();
    let status = head[9..12].parse().unwrap();
    let body = raw[split + 4..].to_vec();
    // A body of unknown length comes chunked.
    let body = if head.contains("transfer-encoding: chunked") {
        dechunk(&body)
    } else {
        body
    };
    Answer { status, head, body }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = raw.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..end]).unwrap(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[end + 2..end + 2 + size]);
        raw = &raw[end + 4 + size..];
    }
}
