//! Reading LSP messages from a byte stream: `Content-Length` framing, then
//! JSON. lsp-server's own reader ends the connection at the first message
//! that is not valid JSON; an editor's server must log it and go on, so the
//! framing is read here and only well-formed messages are handed on.

use std::io::{self, BufRead, Read};

use lsp_server::Message;

/// The largest message read whole: a document of `--max-filesize`'s default
/// as JSON. A larger one is skipped (read past in pieces), never held.
pub const MAX_MESSAGE_BYTES: usize = 128 << 20;

/// What the next frame held.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A frame that could not be read as a message, and why; the stream
    /// goes on after it.
    Malformed(String),
    /// The stream ended (or broke beyond recovery).
    End,
}

/// Reads one frame.
pub fn read(input: &mut dyn BufRead) -> Incoming {
    match read_frame(input) {
        Ok(Some(Ok(body))) => match serde_json::from_slice::<Message>(&body) {
            Ok(message) => Incoming::Message(message),
            Err(e) => Incoming::Malformed(format!("not a JSON-RPC message: {e}")),
        },
        Ok(Some(Err(why))) => Incoming::Malformed(why),
        Ok(None) | Err(_) => Incoming::End,
    }
}

/// A frame's body, or why it was skipped; `None` at the end of the stream.
fn read_frame(input: &mut dyn BufRead) -> io::Result<Option<Result<Vec<u8>, String>>> {
    let mut length = None;
    let mut bad_header = None;
    let mut line = Vec::new();
    let mut seen_any = false;
    loop {
        line.clear();
        // A header line is short; a stream of bytes without a line end is
        // not a header, and is read in bounded pieces.
        let read = (&mut *input).take(1024).read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !seen_any {
                // Blank lines between messages are passed by.
                continue;
            }
            break;
        }
        seen_any = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad_header = Some(format!("bad Content-Length `{}`", value.trim())),
                }
            }
            Some(_) => {}
            None => bad_header = Some(format!("not a header line: `{}`", short(text))),
        }
    }
    if let Some(why) = bad_header {
        return Ok(Some(Err(why)));
    }
    let Some(length) = length else {
        return Ok(Some(Err("a message without Content-Length".to_owned())));
    };
    if length > MAX_MESSAGE_BYTES {
        let skipped = io::copy(&mut (&mut *input).take(length as u64), &mut io::sink())?;
        if (skipped as usize) < length {
            return Ok(None);
        }
        return Ok(Some(Err(format!(
            "a message of {length} bytes, over the limit of {MAX_MESSAGE_BYTES}"
        ))));
    }
    let mut body = Vec::with_capacity(length.min(1 << 20));
    (&mut *input).take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Ok(None);
    }
    Ok(Some(Ok(body)))
}

fn short(text: &str) -> String {
    text.chars().take(60).collect()
}
