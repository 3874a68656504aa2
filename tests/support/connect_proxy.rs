//! A loopback HTTP CONNECT proxy for tests: it records each CONNECT line it receives and
//! tunnels every connection to one fixed address, whatever host the client asked for, so
//! a made-up remote host name reaches a loopback test server through it.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

/// A running proxy. Its threads end with the test process.
pub struct ConnectProxy {
    url: String,
    seen: Arc<Mutex<Vec<String>>>,
}

impl ConnectProxy {
    /// Starts a proxy on 127.0.0.1 that tunnels every CONNECT to `target`.
    pub fn start(target: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let url = format!("http://{}", listener.local_addr().expect("a local address"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&seen);
        thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let recorded = Arc::clone(&recorded);
                thread::spawn(move || {
                    // A client that hangs up early is its own business.
                    let _ = tunnel(client, target, &recorded);
                });
            }
        });
        Self { url, seen }
    }

    /// The proxy's URL, for the proxy variables.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The request lines received so far, e.g. `CONNECT licensing.example.invalid:80 HTTP/1.1`.
    pub fn requests(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

fn tunnel(client: TcpStream, target: SocketAddr, seen: &Mutex<Vec<String>>) -> io::Result<()> {
    let mut from_client = BufReader::new(client.try_clone()?);
    let mut request_line = String::new();
    from_client.read_line(&mut request_line)?;
    seen.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(request_line.trim_end().to_owned());
    loop {
        let mut header = String::new();
        if from_client.read_line(&mut header)? == 0 || header == "\r\n" {
            break;
        }
    }
    let mut to_client = client;
    if !request_line.starts_with("CONNECT ") {
        return to_client.write_all(b"HTTP/1.1 405 Method Not Allowed\r\n\r\n");
    }
    let upstream = TcpStream::connect(target)?;
    to_client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
    let mut from_upstream = upstream.try_clone()?;
    thread::spawn(move || io::copy(&mut from_upstream, &mut to_client));
    let mut to_upstream = upstream;
    // The reader may already hold the start of the tunnelled request; copy it too.
    io::copy(&mut from_client, &mut to_upstream)?;
    Ok(())
}
